"""Every page and download, as every role, and as a user of another local area.

The table names each URL pattern; a test fails if a new pattern is added without a row.
"""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from areas import access
from areas.access import READS, Kind, Role
from boardpacks.models import PackFile
from progress.models import ReportingPeriod
from scorecard.dfe import READY_MADE
from scorecard.models import DataUpload, SavedMapping
from scorecard.services.reporting import reported_scorecard_freeze
from tests.areas.factories import GroupFactory
from tests.boardpacks.factories import PackFactory, PackTemplateFactory
from tests.boardpacks.samples import sample_content
from tests.evidence.factories import EvidenceFactory
from tests.plans.factories import RagSchemeFactory
from tests.risks.factories import MitigationFactory, RiskFactory
from tests.scorecard.factories import FigureFactory, MeasureFactory, OutcomeFactory, headline
from tests.voice.factories import EntryFactory

ANON, PM, LEAD, CONTRIB, VIEWER, OTHER = "anonymous", "pm", "lead", "contributor", "viewer", "other_area"
ROLES = [PM, LEAD, CONTRIB, VIEWER, OTHER, ANON]
EVERYONE = {PM: 200, LEAD: 200, CONTRIB: 200, VIEWER: 200}
MANAGER_ONLY = {PM: 200, LEAD: 403, CONTRIB: 403, VIEWER: 403}
OWNER_OF_MEASURE = {PM: 200, LEAD: 403, CONTRIB: 200, VIEWER: 403}  # the contributor owns "measure"


def _rated_by_hand(item):
    """`item`, in a plan whose overall ratings are set by hand (the page is for those plans only)."""
    item.plan.rollup_rule = "by_hand"
    item.plan.save(update_fields=["rollup_rule"])
    return item


def _voice_entry(data):
    """A "You said, we did" entry of the area, made once per test."""
    if "voice_entry" not in data:
        data["voice_entry"] = EntryFactory(area=data["plan"].area)
    return data["voice_entry"]


def _contributors_job(data):
    """Background work of the area started by the contributor (the owner of "mine"), made once per test."""
    if "job" not in data:
        from areas.models import Membership
        from jobs.models import Job

        started_by = Membership.objects.get(person=data["person"]).user
        data["job"] = Job.objects.create(
            area=data["plan"].area, kind="any", label="Work", created_by=started_by
        )
    return data["job"]


def _made_public(measure):
    """`measure`, published to families (the preview draws charts of public measures only)."""
    measure.is_public = True
    measure.save(update_fields=["is_public"])
    return measure


def _with_logo(data):
    """No URL kwargs; gives the area a logo (a 1-pixel PNG) once per test."""
    area = data["plan"].area
    if not area.logo:
        png = bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a0bd1d7f0000000049454e44ae426082"
        )
        area.logo.save("logo.png", ContentFile(png), save=True)
    return {}


def _invitation(data):
    """An invitation into the area, waiting for an answer, made once per test."""
    if "invitation" not in data:
        from areas.services import invitation_create

        data["invitation"] = invitation_create(
            area=data["plan"].area, email="invited@example.org", role="viewer"
        )
    return data["invitation"]


def _board_pack(data, *, sent):
    """A version of the area's board pack for a reported period, with its PDF, made once per test: the
    one sent to the meeting, or another not sent. Its content shows no section's data, so taking a kind
    away from viewers refuses only the cycle's pages (a pack's own kinds: tests/boardpacks)."""
    if "packs" not in data:
        template = PackTemplateFactory(plan=data["plan"], sections=["cover"])
        content = sample_content(sections=["cover"])
        content["pack"]["sections"] = []
        packs = {}
        for number, is_sent in ((1, False), (2, True)):
            pack = PackFactory(
                template=template,
                period=data["reported_period"],
                number=number,
                content=content,
                sent_at=timezone.now() if is_sent else None,
            )
            pdf = PackFile(pack=pack, format="pdf", size=4, sha256="")
            pdf.file.save("pack.pdf", ContentFile(b"%PDF"), save=True)
            packs[is_sent] = pack
        data["packs"] = packs
    return data["packs"][sent]


def _board_pack_read(data):
    """A board pack of the area with every section and its charts, not yet marked as sent (so only the
    programme manager reads it; a sent pack's readers are tested in tests/boardpacks/test_html.py)."""
    if "board_pack_read" not in data:
        template = PackTemplateFactory(plan=data["plan"], area=data["plan"].area, name="Read on the web")
        data["board_pack_read"] = PackFactory(template=template, period=data["reported_period"])
    return data["board_pack_read"]


def _finding(data):
    """An inspection finding of the plan, answered by the top-level item, made once per test."""
    if "finding" not in data:
        from plans.services import FindingContent, finding_create

        content = FindingContent(quotation="Leaders lack a shared view.", number="KC1", items=[data["top"]])
        data["finding"] = finding_create(plan=data["plan"], content=content)
    return data["finding"]


def _plan_field(data):
    """A field of the plan's items that the area defines, made once per test."""
    if "plan_field" not in data:
        from plans.services import plan_field_create

        data["plan_field"] = plan_field_create(
            plan=data["plan"], name="Senior Officer Support", level=None, kind="text"
        )
    return data["plan_field"]


# (url name, kwargs builder, query string, expected status per member role)
TABLE = [
    ("plans:area-home", lambda d: {}, "", EVERYONE),
    ("plans:my-items", lambda d: {}, "", EVERYONE),
    ("plans:plan", lambda d: {"pk": d["plan"].pk}, "", EVERYONE),
    ("plans:plan-history", lambda d: {"pk": d["plan"].pk}, "", EVERYONE),
    ("plans:milestones", lambda d: {"pk": d["plan"].pk}, "", EVERYONE),
    ("plans:milestones", lambda d: {"pk": d["plan"].pk}, "?format=csv", EVERYONE),
    ("plans:plan-export", lambda d: {"pk": d["plan"].pk, "fmt": "xlsx"}, "", EVERYONE),
    ("plans:plan-export", lambda d: {"pk": d["plan"].pk, "fmt": "zip"}, "", EVERYONE),
    ("plans:item", lambda d: {"pk": d["mine"].pk}, "", EVERYONE),
    ("plans:plan-create", lambda d: {}, "", MANAGER_ONLY),
    ("plans:plan-edit", lambda d: {"pk": d["plan"].pk}, "", MANAGER_ONLY),
    ("plans:plan-text", lambda d: {"pk": d["plan"].pk}, "", EVERYONE),
    ("plans:plan-text-edit", lambda d: {"pk": d["plan"].pk, "section": "governance"}, "", MANAGER_ONLY),
    ("plans:findings", lambda d: {"pk": _finding(d).plan_id}, "", EVERYONE),
    ("plans:finding-create", lambda d: {"pk": d["plan"].pk}, "", MANAGER_ONLY),
    ("plans:finding-edit", lambda d: {"pk": _finding(d).pk}, "", MANAGER_ONLY),
    ("plans:finding-remove", lambda d: {"pk": _finding(d).pk}, "", MANAGER_ONLY),
    ("plans:plan-fields", lambda d: {"pk": d["plan"].pk}, "", MANAGER_ONLY),
    ("plans:plan-field-create", lambda d: {"pk": d["plan"].pk}, "", MANAGER_ONLY),
    (
        "plans:plan-field-edit",
        lambda d: {"plan_pk": d["plan"].pk, "pk": _plan_field(d).pk},
        "",
        MANAGER_ONLY,
    ),
    (
        "plans:plan-field-remove",
        lambda d: {"plan_pk": d["plan"].pk, "pk": _plan_field(d).pk},
        "",
        MANAGER_ONLY,
    ),
    ("plans:item-create", lambda d: {"plan_pk": d["plan"].pk}, "", MANAGER_ONLY),
    (
        "plans:item-create",
        lambda d: {"plan_pk": d["plan"].pk},
        "?parent={action}",
        {PM: 200, LEAD: 200, CONTRIB: 403, VIEWER: 403},
    ),
    ("plans:item-edit", lambda d: {"pk": d["mine"].pk}, "", {PM: 200, LEAD: 200, CONTRIB: 200, VIEWER: 403}),
    (
        "plans:item-edit",
        lambda d: {"pk": d["theirs"].pk},
        "",
        {PM: 200, LEAD: 403, CONTRIB: 403, VIEWER: 403},
    ),
    ("plans:item-move", lambda d: {"pk": d["mine"].pk}, "", {PM: 200, LEAD: 200, CONTRIB: 403, VIEWER: 403}),
    (
        "plans:item-overall",
        lambda d: {"pk": _rated_by_hand(d["action"]).pk},
        "",
        {PM: 200, LEAD: 200, CONTRIB: 403, VIEWER: 403},
    ),
    (
        "plans:item-remove",
        lambda d: {"pk": d["mine"].pk},
        "",
        {PM: 200, LEAD: 200, CONTRIB: 403, VIEWER: 403},
    ),
    ("plans:item-remove", lambda d: {"pk": d["theirs"].pk}, "", MANAGER_ONLY),
    ("plans:import", lambda d: {}, "", MANAGER_ONLY),
    ("plans:import-template", lambda d: {}, "", EVERYONE),
    (
        "plans:import-preview",
        lambda d: {"token": "not-a-token"},
        "",
        {PM: 404, LEAD: 403, CONTRIB: 403, VIEWER: 403},
    ),
    ("plans:rag-schemes", lambda d: {}, "", MANAGER_ONLY),
    ("plans:rag-scheme-create", lambda d: {}, "", MANAGER_ONLY),
    ("plans:rag-scheme", lambda d: {"pk": d["scheme"].pk}, "", MANAGER_ONLY),
    ("plans:rag-status-create", lambda d: {"pk": d["scheme"].pk}, "", MANAGER_ONLY),
    (
        "plans:rag-status-edit",
        lambda d: {"pk": d["scheme"].pk, "status_pk": d["status"].pk},
        "",
        MANAGER_ONLY,
    ),
    (
        "plans:rag-status-move",
        lambda d: {"pk": d["scheme"].pk, "status_pk": d["status"].pk, "direction": "down"},
        "",
        {PM: 405, LEAD: 405, CONTRIB: 405, VIEWER: 405},
    ),
    (
        "plans:rag-status-remove",
        lambda d: {"pk": d["scheme"].pk, "status_pk": d["status"].pk},
        "",
        MANAGER_ONLY,
    ),
    ("evidence:list", lambda d: {}, "", EVERYONE),
    ("evidence:evidence", lambda d: {"pk": d["evidence"].pk}, "", EVERYONE),
    ("evidence:download", lambda d: {"pk": d["evidence"].pk}, "", EVERYONE),
    ("evidence:create", lambda d: {}, "", {PM: 200, LEAD: 200, CONTRIB: 200, VIEWER: 403}),
    (
        "evidence:edit",
        lambda d: {"pk": d["evidence"].pk},
        "",
        {PM: 200, LEAD: 403, CONTRIB: 200, VIEWER: 403},
    ),
    ("voice:list", lambda d: {}, "", EVERYONE),
    ("voice:entry", lambda d: {"pk": _voice_entry(d).pk}, "", EVERYONE),
    ("voice:entry-create", lambda d: {}, "", {PM: 200, LEAD: 200, CONTRIB: 200, VIEWER: 403}),
    (
        "voice:entry-edit",
        lambda d: {"pk": _voice_entry(d).pk},
        "",
        {PM: 200, LEAD: 200, CONTRIB: 200, VIEWER: 403},
    ),
    ("scorecard:scorecard", lambda d: {}, "", EVERYONE),
    ("scorecard:exceptions", lambda d: {}, "", EVERYONE),
    ("scorecard:measure", lambda d: {"pk": d["measure"].pk}, "", EVERYONE),
    ("scorecard:chart", lambda d: {"pk": d["measure"].pk, "breakdown_pk": d["breakdown"].pk}, "", EVERYONE),
    ("scorecard:reported-list", lambda d: {}, "", EVERYONE),
    ("scorecard:reported", lambda d: {"period_pk": d["reported_period"].pk}, "", EVERYONE),
    (
        "scorecard:reported",
        lambda d: {"period_pk": d["period"].pk},
        "?not-reported",
        {PM: 404, LEAD: 404, CONTRIB: 404, VIEWER: 404},
    ),
    ("scorecard:reported-exceptions", lambda d: {"period_pk": d["reported_period"].pk}, "", EVERYONE),
    (
        "scorecard:commentary",
        lambda d: {"pk": d["measure"].pk, "period_pk": d["period"].pk},
        "",
        OWNER_OF_MEASURE,
    ),
    (
        "scorecard:commentary",
        lambda d: {"pk": d["other_measure"].pk, "period_pk": d["period"].pk},
        "?other",
        MANAGER_ONLY,
    ),
    ("scorecard:figure-create", lambda d: {"pk": d["measure"].pk}, "", OWNER_OF_MEASURE),
    ("scorecard:figure-create", lambda d: {"pk": d["other_measure"].pk}, "?other", MANAGER_ONLY),
    ("scorecard:figure-edit", lambda d: {"pk": d["figure"].pk}, "", OWNER_OF_MEASURE),
    ("scorecard:figures-upload", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:figures-template", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:settings", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:outcomes", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:outcome-create", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:outcome-edit", lambda d: {"pk": d["outcome"].pk}, "", MANAGER_ONLY),
    ("scorecard:measure-create", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:measure-edit", lambda d: {"pk": d["measure"].pk}, "", MANAGER_ONLY),
    ("scorecard:breakdowns", lambda d: {"pk": d["measure"].pk}, "", MANAGER_ONLY),
    ("scorecard:targets", lambda d: {"pk": d["measure"].pk}, "", MANAGER_ONLY),
    ("scorecard:dfe", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:dfe-upload", lambda d: {"pk": d["upload"].pk}, "", MANAGER_ONLY),
    ("scorecard:mappings", lambda d: {}, "", MANAGER_ONLY),
    ("scorecard:mapping", lambda d: {"pk": d["mapping"].pk}, "", MANAGER_ONLY),
    ("risks:home", lambda d: {}, "", EVERYONE),
    ("risks:register", lambda d: {"plan_pk": d["plan"].pk}, "", EVERYONE),
    ("risks:risk", lambda d: {"pk": d["risk"].pk}, "", EVERYONE),
    ("risks:chart", lambda d: {"pk": d["risk"].pk}, "", EVERYONE),
    ("risks:bands", lambda d: {}, "", MANAGER_ONLY),
    ("risks:risk-create", lambda d: {"plan_pk": d["plan"].pk}, "", MANAGER_ONLY),
    ("risks:risk-edit", lambda d: {"pk": d["risk"].pk}, "", MANAGER_ONLY),
    ("risks:risk-close", lambda d: {"pk": d["risk"].pk}, "", MANAGER_ONLY),
    (
        "risks:risk-reopen",
        lambda d: {"pk": d["risk"].pk},
        "",
        {PM: 405, LEAD: 405, CONTRIB: 405, VIEWER: 405},
    ),
    (
        "risks:risk-review",
        lambda d: {"pk": d["risk"].pk},
        "",
        OWNER_OF_MEASURE,
    ),  # the contributor owns "risk"
    ("risks:risk-review", lambda d: {"pk": d["other_risk"].pk}, "?other", MANAGER_ONLY),
    ("risks:mitigation-create", lambda d: {"pk": d["risk"].pk}, "", OWNER_OF_MEASURE),
    ("risks:mitigation-create", lambda d: {"pk": d["other_risk"].pk}, "?other", MANAGER_ONLY),
    (
        "risks:mitigation-edit",
        lambda d: {"pk": d["risk"].pk, "mitigation_pk": d["mitigation"].pk},
        "",
        OWNER_OF_MEASURE,
    ),
    (
        "risks:note-create",
        lambda d: {"pk": d["risk"].pk, "mitigation_pk": d["mitigation"].pk},
        "",
        OWNER_OF_MEASURE,
    ),
    ("areas:people", lambda d: {}, "", EVERYONE),
    ("areas:person", lambda d: {"pk": d["person"].pk}, "", EVERYONE),
    ("areas:person-create", lambda d: {}, "", MANAGER_ONLY),
    ("areas:person-edit", lambda d: {"pk": d["person"].pk}, "", MANAGER_ONLY),
    ("areas:group-create", lambda d: {}, "", MANAGER_ONLY),
    ("areas:group-edit", lambda d: {"pk": d["group"].pk}, "", MANAGER_ONLY),
    ("areas:group-remove", lambda d: {"pk": d["group"].pk}, "", MANAGER_ONLY),
    ("areas:person", lambda d: {"pk": d["group"].pk}, "", EVERYONE),
    ("areas:workstreams", lambda d: {}, "", EVERYONE),
    ("areas:workstream", lambda d: {"pk": d["workstream"].pk}, "", EVERYONE),
    ("areas:workstream-create", lambda d: {}, "", MANAGER_ONLY),
    ("areas:workstream-edit", lambda d: {"pk": d["workstream"].pk}, "", MANAGER_ONLY),
    ("areas:members", lambda d: {}, "", MANAGER_ONLY),
    ("areas:member-create", lambda d: {}, "", MANAGER_ONLY),
    ("areas:member-edit", lambda d: {"pk": d["membership"].pk}, "", MANAGER_ONLY),
    ("areas:member-remove", lambda d: {"pk": d["membership"].pk}, "", MANAGER_ONLY),
    ("areas:member-two-step-reset", lambda d: {"pk": d["membership"].pk}, "", MANAGER_ONLY),
    # The area's name, colour and logo (areas/views/branding.py): the logo is every member's to see
    ("areas:branding", lambda d: {}, "", MANAGER_ONLY),
    ("areas:logo", lambda d: _with_logo(d), "", EVERYONE),
    # Invitations (areas/views/invitations.py): POST only, for the programme manager (tests/areas)
    (
        "areas:invitation-resend",
        lambda d: {"pk": _invitation(d).pk},
        "",
        {PM: 405, LEAD: 405, CONTRIB: 405, VIEWER: 405},
    ),
    (
        "areas:invitation-withdraw",
        lambda d: {"pk": _invitation(d).pk},
        "",
        {PM: 405, LEAD: 405, CONTRIB: 405, VIEWER: 405},
    ),
    ("progress:outstanding", lambda d: {"pk": d["period"].pk}, "", MANAGER_ONLY),
    # Send reminders now: a POST; a GET goes back to the outstanding page.
    (
        "progress:remind",
        lambda d: {"pk": d["period"].pk},
        "",
        {PM: 302, LEAD: 403, CONTRIB: 403, VIEWER: 403},
    ),
    ("progress:periods", lambda d: {"plan_pk": d["plan"].pk}, "", EVERYONE),
    (
        "progress:period-create",
        lambda d: {"plan_pk": d["plan"].pk},
        "",
        {PM: 302, LEAD: 403, CONTRIB: 403, VIEWER: 403},
    ),
    ("progress:period", lambda d: {"pk": d["period"].pk}, "", EVERYONE),
    ("progress:period-edit", lambda d: {"pk": d["period"].pk}, "", MANAGER_ONLY),
    ("progress:period-move", lambda d: {"pk": d["period"].pk, "state": "challenge"}, "", MANAGER_ONLY),
    (
        "progress:update",
        lambda d: {"pk": d["period"].pk, "item_pk": d["mine"].pk},
        "",
        {PM: 200, LEAD: 200, CONTRIB: 200, VIEWER: 403},
    ),
    (
        "progress:update",
        lambda d: {"pk": d["period"].pk, "item_pk": d["theirs"].pk},
        "?other",
        MANAGER_ONLY,
    ),
    (
        "progress:challenge",
        lambda d: {"pk": d["period"].pk, "item_pk": d["mine"].pk},
        "",
        {PM: 200, LEAD: 200, CONTRIB: 403, VIEWER: 403},
    ),
    (
        "progress:challenge-bulk",
        lambda d: {"pk": d["period"].pk},
        "",
        {PM: 200, LEAD: 200, CONTRIB: 403, VIEWER: 403},
    ),
    (
        "progress:challenge-bulk",
        lambda d: {"pk": d["period"].pk},
        "?workstream={other_workstream}",
        {PM: 200, LEAD: 404, CONTRIB: 403, VIEWER: 403},
    ),
    ("progress:highlight-reports", lambda d: {"pk": d["period"].pk}, "", EVERYONE),
    (
        "progress:highlight-report",
        lambda d: {"pk": d["period"].pk, "workstream_pk": d["workstream"].pk},
        "",
        EVERYONE,
    ),
    (
        "progress:highlight-report-draft",
        lambda d: {"pk": d["period"].pk, "workstream_pk": d["workstream"].pk},
        "",
        {PM: 405, LEAD: 405, CONTRIB: 405, VIEWER: 405},
    ),
    (
        "progress:highlight-report-edit",
        lambda d: {"pk": d["period"].pk, "workstream_pk": d["workstream"].pk},
        "",
        {PM: 302, LEAD: 302, CONTRIB: 403, VIEWER: 403},
    ),
    # Import and export of the risk register and of "You said, we did" (risks/spreadsheet, voice/spreadsheet)
    ("risks:import", lambda d: {"plan_pk": d["plan"].pk}, "", MANAGER_ONLY),
    ("risks:import-guide", lambda d: {"plan_pk": d["plan"].pk}, "", MANAGER_ONLY),
    (
        "risks:import-preview",
        lambda d: {"plan_pk": d["plan"].pk, "token": "not-a-token"},
        "",
        {PM: 404, LEAD: 403, CONTRIB: 403, VIEWER: 403},
    ),
    ("risks:export", lambda d: {"plan_pk": d["plan"].pk}, "", EVERYONE),
    ("voice:import", lambda d: {}, "", MANAGER_ONLY),
    ("voice:import-guide", lambda d: {}, "", MANAGER_ONLY),
    (
        "voice:import-preview",
        lambda d: {"token": "not-a-token"},
        "",
        {PM: 404, LEAD: 403, CONTRIB: 403, VIEWER: 403},
    ),
    ("voice:export", lambda d: {}, "", EVERYONE),
    ("risks:heatmap", lambda d: {"plan_pk": d["plan"].pk}, "", EVERYONE),
    ("risks:heatmap", lambda d: {"plan_pk": d["plan"].pk}, "?assessment=target", EVERYONE),
    ("risks:red", lambda d: {"plan_pk": d["plan"].pk}, "", EVERYONE),
    ("publishing:home", lambda d: {}, "", MANAGER_ONLY),
    ("publishing:settings", lambda d: {}, "", MANAGER_ONLY),
    ("publishing:summary-edit", lambda d: {"pk": d["top"].pk}, "", MANAGER_ONLY),
    ("publishing:preview", lambda d: {}, "", MANAGER_ONLY),
    ("publishing:preview-chart", lambda d: {"code": _made_public(d["measure"]).code}, "", MANAGER_ONLY),
    ("publishing:publish", lambda d: {}, "", {PM: 405, LEAD: 405, CONTRIB: 405, VIEWER: 405}),
    # Board packs (boardpacks/views/templates.py, packs.py): members read the version sent to the meeting
    ("boardpacks:home", lambda d: {}, "", EVERYONE),
    ("boardpacks:template-create", lambda d: {}, "", MANAGER_ONLY),
    ("boardpacks:template", lambda d: {"pk": _board_pack(d, sent=True).template_id}, "", MANAGER_ONLY),
    ("boardpacks:template-edit", lambda d: {"pk": _board_pack(d, sent=True).template_id}, "", MANAGER_ONLY),
    ("boardpacks:pack-create", lambda d: {"pk": _board_pack(d, sent=True).template_id}, "", MANAGER_ONLY),
    ("boardpacks:pack", lambda d: {"pk": _board_pack(d, sent=True).pk}, "", EVERYONE),
    (
        "boardpacks:pack",
        lambda d: {"pk": _board_pack(d, sent=False).pk},
        "?not-sent",
        {PM: 200, LEAD: 404, CONTRIB: 404, VIEWER: 404},
    ),
    ("boardpacks:download", lambda d: {"pk": _board_pack(d, sent=True).pk, "fmt": "pdf"}, "", EVERYONE),
    (
        "boardpacks:download",
        lambda d: {"pk": _board_pack(d, sent=False).pk, "fmt": "pdf"},
        "?not-sent",
        {PM: 200, LEAD: 404, CONTRIB: 404, VIEWER: 404},
    ),
    (
        "boardpacks:mark-sent",
        lambda d: {"pk": _board_pack(d, sent=False).pk},
        "",
        {PM: 405, LEAD: 405, CONTRIB: 405, VIEWER: 405},
    ),
    # The pack as a web page and its charts (boardpacks/views/html.py)
    ("boardpacks:pack-html", lambda d: {"pk": _board_pack(d, sent=True).pk}, "", EVERYONE),
    (
        "boardpacks:pack-html",
        lambda d: {"pk": _board_pack(d, sent=False).pk},
        "?not-sent",
        {PM: 200, LEAD: 404, CONTRIB: 404, VIEWER: 404},
    ),
    (
        "boardpacks:chart",
        lambda d: {"pk": _board_pack_read(d).pk, "name": "rag-overview"},
        "",
        {PM: 200, LEAD: 404, CONTRIB: 404, VIEWER: 404},
    ),
    # The sign-ins of the area's members (accounts/views.py): the programme manager's (tests/accounts).
    ("accounts:area-sign-in-activity", lambda d: {}, "", MANAGER_ONLY),
    # Background work (jobs): its page is for whoever started it, and the programme manager.
    (
        "jobs:job",
        lambda d: {"pk": _contributors_job(d).pk},
        "",
        {PM: 200, LEAD: 403, CONTRIB: 200, VIEWER: 403},
    ),
]
# The kind of data each page reads (areas.access.Kind): a role that does not read that kind gets 403.
READ_KINDS = {
    "risks:export": Kind.RISKS,
    "voice:export": Kind.VOICE,
    "plans:area-home": Kind.PLAN,
    "plans:import-template": Kind.PLAN,
    "plans:my-items": Kind.PLAN,
    "plans:plan": Kind.PLAN,
    "plans:plan-history": Kind.PLAN,
    "plans:plan-text": Kind.PLAN,
    "plans:plan-text-edit": Kind.PLAN,
    "plans:findings": Kind.PLAN,
    "plans:finding-create": Kind.PLAN,
    "plans:finding-edit": Kind.PLAN,
    "plans:finding-remove": Kind.PLAN,
    "plans:milestones": Kind.PLAN,
    "plans:plan-export": Kind.PLAN,
    "plans:item": Kind.PLAN,
    "areas:people": Kind.PLAN,
    "areas:person": Kind.PLAN,
    "areas:workstreams": Kind.PLAN,
    "areas:workstream": Kind.PLAN,
    "areas:logo": Kind.PLAN,
    "progress:periods": Kind.CYCLE,
    "progress:period": Kind.CYCLE,
    "progress:highlight-reports": Kind.CYCLE,
    "progress:highlight-report": Kind.CYCLE,
    "evidence:list": Kind.CYCLE,
    "evidence:evidence": Kind.CYCLE,
    "evidence:download": Kind.EVIDENCE_FILES,
    "voice:list": Kind.VOICE,
    "voice:entry": Kind.VOICE,
    "scorecard:scorecard": Kind.SCORECARD,
    "scorecard:exceptions": Kind.SCORECARD,
    "scorecard:measure": Kind.SCORECARD,
    "scorecard:chart": Kind.SCORECARD,
    "scorecard:reported-list": Kind.SCORECARD,
    "scorecard:reported": Kind.SCORECARD,
    "scorecard:reported-exceptions": Kind.SCORECARD,
    "risks:home": Kind.RISKS,
    "risks:register": Kind.RISKS,
    "risks:risk": Kind.RISKS,
    "risks:chart": Kind.RISKS,
    "risks:heatmap": Kind.RISKS,
    "risks:red": Kind.RISKS,
    "boardpacks:home": Kind.CYCLE,
    "boardpacks:pack": Kind.CYCLE,
    "boardpacks:download": Kind.CYCLE,
    "boardpacks:pack-html": Kind.CYCLE,
}
OPEN_PAGES = {
    "accounts:sign-in",
    "accounts:password-reset",
    "accounts:password-reset-sent",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    # The public pages families read (publishing/public_urls.py): open to all, tests/publishing.
    "public:home",
    "public:scorecard",
    "public:voice",
    "public:publications",
    "public:feed",
    "public:measures-csv",
    "public:publication",
    "public:publication-scorecard",
    "public:publication-voice",
    "public:chart",
    "public:colours",
    # An invitation's emailed link: open, bound to the invited email (tests/areas/test_invitations.py).
    "invitation-accept",
}
NOT_AREA_PAGES = {"home", "accounts:sign-out"}
# The installation administrator's "Local areas" pages (areas/views/installation.py): not in any area;
# "Page not found" for everyone but an administrator (test below, and tests/areas/test_setup.py).
INSTALLATION_PAGES = {
    "installation:areas": lambda d: {},
    "installation:area-create": lambda d: {},
    "installation:area": lambda d: {"slug": "stockport"},
    "accounts:sign-in-activity": lambda d: {},
    "installation:member-two-step-reset": lambda d: {
        "slug": "stockport",
        "pk": d["plan"].area.memberships.get(role="programme_manager").pk,
    },
}
NOT_AREA_PAGES |= set(INSTALLATION_PAGES)
# A member's own sessions (accounts/views.py): every signed-in user's, about their own browsers only
# (test below, and tests/accounts/test_sessions.py). Ending one is a POST.
ACCOUNT_PAGES = {
    "accounts:sessions": ({}, 200),
    "accounts:session-end": ({"pk": 1}, 405),
    "accounts:sessions-end-others": ({}, 405),
}
NOT_AREA_PAGES |= set(ACCOUNT_PAGES)
# Two-step sign-in (accounts/two_step): each signed-in user's own, in no area; what each answers a
# signed-in user (after both steps) is below, and tests/accounts/test_two_step*.py.
TWO_STEP_PAGES = {
    "two_step:overview": 200,
    "two_step:set-up": 302,  # to the overview: a new authenticator only after a recovery code
    "two_step:challenge": 200,
    "two_step:recovery": 200,
    "two_step:recovery-codes": 200,
    "two_step:recovery-codes-download": 302,  # only while new codes are shown
    "two_step:recovery-codes-new": 200,
}
NOT_AREA_PAGES |= set(TWO_STEP_PAGES)
# Single sign-on (accounts/sso): open without signing in when set up for the installation, "Page not
# found" for everyone when not (test below; the flow itself in tests/sso against a real provider).
SSO_PAGES = {"accounts:sso-start", "accounts:sso-callback", "accounts:sso-refused"}
OPEN_PAGES |= SSO_PAGES


def _all_url_names():
    names = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, prefix + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_is_in_the_permission_table():
    """A new page cannot be added without deciding who may see it."""
    covered = {row[0] for row in TABLE} | OPEN_PAGES | NOT_AREA_PAGES
    assert _all_url_names() - covered == set()


@pytest.fixture
def world(
    area,
    tree,
    plan,
    programme_manager,
    workstream_lead,
    contributor,
    viewer,
    other_area_user,
    owner_person,
    settings,
    tmp_path,
):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"
    scheme = RagSchemeFactory(area=area, name="Another scheme")
    data = dict(tree)
    data.update(
        plan=plan,
        scheme=scheme,
        status=scheme.statuses.first(),
        person=owner_person,
        workstream=tree["mine"].workstreams.first(),
        membership=viewer.memberships.get(),
        evidence=EvidenceFactory(
            area=area, added_by=contributor, file_name="minutes.txt", content=b"Board minutes, July 2019"
        ),
        period=ReportingPeriod.objects.create(
            plan=plan,
            name="March 2021",
            starts_on=datetime.date(2021, 3, 1),
            ends_on=datetime.date(2021, 3, 31),
            deadline=datetime.date(2021, 3, 25),
        ),
    )
    measure = MeasureFactory(area=area, owner=owner_person, code="E7")
    reported_period = ReportingPeriod.objects.create(
        plan=plan,
        name="February 2021",
        starts_on=datetime.date(2021, 2, 1),
        ends_on=datetime.date(2021, 2, 28),
        deadline=datetime.date(2021, 2, 25),
        state=ReportingPeriod.State.REPORTED,
    )
    reported_scorecard_freeze(period=reported_period)
    data.update(
        reported_period=reported_period,
        measure=measure,
        breakdown=headline(measure),
        other_measure=MeasureFactory(area=area, code="E8"),
        figure=FigureFactory(breakdown=headline(measure)),
        outcome=OutcomeFactory(area=area),
        mapping=SavedMapping.objects.create(
            area=area, name="Timeliness", mapping=READY_MADE["plans_issued"].to_dict()
        ),
        upload=DataUpload.objects.create(
            area=area,
            file=ContentFile(b"time_period,geographic_level\r\n", name="dfe.csv"),
            file_name="dfe.csv",
            columns=["time_period", "geographic_level"],
        ),
    )
    data["group"] = GroupFactory(
        area=area, name="SEND Improvement Board", initials="SIB", members=[owner_person]
    )
    risk = RiskFactory(plan=plan, owner=owner_person, reference="R1")
    data.update(
        risk=risk,
        other_risk=RiskFactory(plan=plan, reference="R2"),
        mitigation=MitigationFactory(risk=risk),
    )
    users = {
        PM: programme_manager,
        LEAD: workstream_lead,
        CONTRIB: contributor,
        VIEWER: viewer,
        OTHER: other_area_user,
    }
    return data, users


def _url(name, kwargs, query, data, slug="stockport"):
    other_workstream = data["theirs"].workstreams.first().pk if "{other_workstream}" in query else ""
    return reverse(name, kwargs={"area": slug, **kwargs}) + query.format(
        action=data["action"].pk, other_workstream=other_workstream
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "kwargs", "query", "expected"), TABLE, ids=[f"{r[0]}{r[2]}" for r in TABLE])
def test_each_page_answers_each_role_as_the_table_says(client, world, role, name, kwargs, query, expected):
    data, users = world
    url = _url(name, kwargs(data), query, data)
    if role != ANON:
        client.force_login(users[role])
    response = client.get(url)
    if role == ANON:
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:sign-in"))
    elif role == OTHER:
        assert response.status_code in (404, 405), "another area's pages must not exist for this user"
    else:
        assert response.status_code == expected[role]


@pytest.mark.parametrize(("name", "kwargs", "query", "expected"), TABLE, ids=[f"{r[0]}{r[2]}" for r in TABLE])
def test_another_areas_objects_are_not_found_through_the_users_own_area(
    client, world, other_area, name, kwargs, query, expected
):
    """Another area's programme manager puts Stockport's ids under their own area: 404, never data."""
    data, users = world
    client.force_login(users[OTHER])
    url = _url(name, kwargs(data), query, data, slug=other_area.slug)
    response = client.get(url)
    if kwargs(data) or query:
        assert response.status_code in (404, 405)
        assert b"Stockport" not in response.content
        assert data["mine"].text.encode() not in response.content


def test_a_user_of_another_area_cannot_change_an_item_by_posting(client, world):
    data, users = world
    client.force_login(users[OTHER])
    item = data["mine"]
    response = client.post(
        reverse("plans:item-edit", kwargs={"area": "stockport", "pk": item.pk}),
        {"text": "Taken over", "version": item.version},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.text == "Board meets fortnightly"


def test_a_viewer_cannot_change_an_item_by_posting(client, world):
    data, users = world
    client.force_login(users[VIEWER])
    item = data["mine"]
    response = client.post(
        reverse("plans:item-edit", kwargs={"area": "stockport", "pk": item.pk}),
        {"number": item.number, "text": "Changed by a viewer", "version": item.version},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.text == "Board meets fortnightly"


def test_a_contributor_cannot_remove_their_own_item(client, world):
    data, users = world
    client.force_login(users[CONTRIB])
    item = data["mine"]
    response = client.post(
        reverse("plans:item-remove", kwargs={"area": "stockport", "pk": item.pk}), {"version": 1}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.removed_at is None


@pytest.mark.parametrize("name", sorted(SSO_PAGES))
def test_single_sign_on_pages_are_not_found_unless_set_up_and_open_when_they_are(name, client, db, settings):
    assert client.get(reverse(name)).status_code == 404
    settings.OIDC_RP_CLIENT_ID = "send-programme"
    settings.OIDC_OP_ISSUER = "https://login.example/tenant/v2.0"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example/tenant/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example/tenant/token"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example/tenant/keys"
    # start: off to the provider; callback without a code: refused; refused: the page saying why.
    expected = {"accounts:sso-start": 302, "accounts:sso-callback": 302, "accounts:sso-refused": 200}[name]
    assert client.get(reverse(name)).status_code == expected


def test_only_sign_in_and_password_pages_open_without_signing_in(client, db):
    assert client.get(reverse("accounts:sign-in")).status_code == 200
    assert client.get(reverse("accounts:password-reset")).status_code == 200
    assert client.get(reverse("home")).status_code == 302


# Reading by kind: each kind of data is read, or not, as a whole by a role (areas.access.READS). The
# pages of a kind answer 403 to a role that does not read it; other pages leave out what they would
# show of it.

READ_PAGES = [row for row in TABLE if row[3].get(VIEWER) == 200]
READ_IDS = [row[0] + row[2] for row in READ_PAGES]


def test_todays_roles_read_what_they_read_before_and_only_the_manager_reads_case_data():
    everything_but_cases = set(Kind) - {Kind.CASE_DATA}
    assert READS[Role.PROGRAMME_MANAGER] == set(Kind)
    for role in (Role.WORKSTREAM_LEAD, Role.CONTRIBUTOR, Role.VIEWER):
        assert READS[role] == everything_but_cases


def test_every_page_of_an_area_declares_the_kind_of_data_it_shows():
    """area_view needs `reads`: a page cannot be added to an area without saying what kind of data it is."""

    def views(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern.url_patterns, prefix + str(pattern.pattern))
            elif prefix.startswith("areas/"):
                yield pattern.name, pattern.callback

    found = dict(views(get_resolver().url_patterns))
    assert found and all(isinstance(view.reads_kind, Kind) for view in found.values())


def test_every_page_a_viewer_reads_is_in_the_table_of_kinds():
    assert {row[0] for row in READ_PAGES} <= set(READ_KINDS)


@pytest.mark.parametrize(("name", "kwargs", "query", "expected"), READ_PAGES, ids=READ_IDS)
def test_each_read_page_declares_the_kind_of_data_it_shows(world, name, kwargs, query, expected):
    data, _ = world
    view = resolve(_url(name, kwargs(data), "", data)).func
    assert view.reads_kind == READ_KINDS[name]


@pytest.fixture
def without(monkeypatch):
    """Take one kind away from viewers, as an area might for its board members."""

    def take(kind: Kind) -> None:
        monkeypatch.setitem(access.READS, Role.VIEWER, READS[Role.VIEWER] - {kind})

    return take


@pytest.mark.parametrize(("name", "kwargs", "query", "expected"), READ_PAGES, ids=READ_IDS)
def test_a_role_that_does_not_read_a_kind_is_refused_its_pages_and_still_reads_the_rest(
    client, world, without, name, kwargs, query, expected
):
    data, users = world
    client.force_login(users[VIEWER])
    kind = READ_KINDS[name]
    without(kind)

    assert client.get(_url(name, kwargs(data), query, data)).status_code == 403
    for other in READ_PAGES:
        if READ_KINDS[other[0]] != kind:
            assert client.get(_url(other[0], other[1](data), other[2], data)).status_code == 200, other[0]


def test_without_the_scorecard_the_menu_and_an_items_page_leave_it_out(client, world, without):
    data, users = world
    client.force_login(users[VIEWER])
    item_url = reverse("plans:item", kwargs={"area": "stockport", "pk": data["mine"].pk})
    data["measure"].items.add(data["mine"])
    # The measure as the item page shows it: its code beside its name (a bare "E7" could be part of the
    # page's random security tokens).
    shown = re.compile(r">\s*E7\b")
    assert shown.search(client.get(item_url).content.decode())

    without(Kind.SCORECARD)
    page = client.get(item_url).content.decode()

    assert not shown.search(page)
    assert data["measure"].name not in page
    assert reverse("scorecard:scorecard", kwargs={"area": "stockport"}) not in page


def test_without_evidence_files_the_evidence_page_names_the_file_but_offers_no_download(
    client, world, without
):
    data, users = world
    client.force_login(users[VIEWER])
    evidence_url = reverse("evidence:evidence", kwargs={"area": "stockport", "pk": data["evidence"].pk})
    download = reverse("evidence:download", kwargs={"area": "stockport", "pk": data["evidence"].pk})
    assert download in client.get(evidence_url).content.decode()

    without(Kind.EVIDENCE_FILES)
    page = client.get(evidence_url).content.decode()

    assert download not in page
    assert "minutes.txt" in page and "your role does not include reading evidence files" in page
    assert client.get(download).status_code == 403


def test_without_the_cycle_the_plan_and_item_pages_show_no_period(client, world, without):
    data, users = world
    client.force_login(users[VIEWER])
    plan_url = reverse("plans:plan", kwargs={"area": "stockport", "pk": data["plan"].pk})
    item_url = reverse("plans:item", kwargs={"area": "stockport", "pk": data["mine"].pk})
    assert "March 2021" in client.get(plan_url).content.decode()

    without(Kind.CYCLE)

    assert "March 2021" not in client.get(plan_url).content.decode()
    assert "March 2021" not in client.get(item_url).content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(INSTALLATION_PAGES))
def test_the_installation_administrators_pages_do_not_exist_for_anyone_else(client, world, role, name):
    data, users = world
    url = reverse(name, kwargs=INSTALLATION_PAGES[name](data))
    if role == ANON:
        assert client.get(url).status_code == 302
        return
    client.force_login(users[role])
    assert client.get(url).status_code == 404
    users[role].is_installation_admin = True
    users[role].save(update_fields=["is_installation_admin"])
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ACCOUNT_PAGES))
def test_a_members_own_account_pages_answer_every_signed_in_user(client, world, role, name):
    _, users = world
    kwargs, expected = ACCOUNT_PAGES[name]
    url = reverse(name, kwargs=kwargs)
    if role == ANON:
        response = client.get(url)
        assert response.status_code in (302, 405)
        return
    client.force_login(users[role])
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(TWO_STEP_PAGES))
def test_the_two_step_pages_need_signing_in_and_show_each_user_only_their_own(client, world, role, name):
    _, users = world
    if role != ANON:
        client.force_login(users[role])
    response = client.get(reverse(name))
    if role == ANON:
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == TWO_STEP_PAGES[name]
        if response.status_code == 200:
            assert users[role].email in response.content.decode()
