"""No lost update on any edit page: two people open the same page, both save.

For every edit form of the product (the table below), two signed-in managers load the page; the first
saves a change; the second saves a different change from the page they loaded and is refused, shown
what the first saved beside what they typed; the second saves again with the form as the page gave it
back (its hidden version read from the page, not the database) and it is saved, the database holding
both people's changes: the first person's in the field the second did not touch.

A test fails if an edit form (a form class with a `version` field) or an edit page (a URL named
*edit*) is added without a row, so the table stays complete.
"""

import html
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import lxml.html
import pytest
from django import forms
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from areas.models import Membership, Person
from boardpacks.models import PackTemplate
from evidence.models import Evidence
from plans.models import Finding, Item, Plan, PlanText, RagStatus
from plans.models_fields import PlanField
from plans.services import plan_field_create
from progress.models import HighlightReport, HighlightRow, ReportingPeriod, Update
from progress.services import highlight_draft
from publishing.models import ItemSummary, PublicSettings
from risks.models import Mitigation, Risk, RiskBands
from scorecard.dfe import READY_MADE
from scorecard.models import (
    Breakdown,
    Commentary,
    Figure,
    Measure,
    Outcome,
    SavedMapping,
    ScorecardSettings,
    Target,
)
from tests.areas.factories import GroupFactory, MembershipFactory, UserFactory
from tests.boardpacks.factories import PackTemplateFactory
from tests.evidence.factories import EvidenceFactory
from tests.plans.factories import FindingFactory
from tests.progress.factories import UpdateFactory
from tests.risks.factories import MitigationFactory, RiskFactory
from tests.scorecard.factories import FigureFactory, MeasureFactory, OutcomeFactory, TargetFactory, headline
from tests.voice.factories import EntryFactory
from voice.models import Entry

pytestmark = pytest.mark.django_db

Data = dict[str, Any]
Value = str | list[str]


@dataclass(frozen=True)
class Row:
    """An edit page. `page(data)` makes what it edits and gives the page's URL name and arguments
    (`query`: the rest of its address); `first` and `second` are the two people's changes (form field:
    value as a browser sends it, or a function of the data giving them), `extra` what both send
    besides; `read(data)` reads the saved object as {field: value} for the fields they changed; `shown`
    is how the page writes the first person's and the second person's values, when not as sent."""

    form: str
    page: Callable[[Data], tuple[str, dict[str, Any]]]
    first: Mapping[str, Value] | Callable[[Data], Mapping[str, Value]]
    second: Mapping[str, Value] | Callable[[Data], Mapping[str, Value]]
    read: Callable[[Data], Mapping[str, Any]]
    shown: tuple[str, str] | None = None
    extra: Mapping[str, Value] = field(default_factory=dict)
    query: Callable[[Data], str] = lambda data: ""


def _once(data: Data, key: str, make: Callable[[], Any]) -> Any:
    """data[key], made by `make` the first time a row asks for it."""
    if key not in data:
        data[key] = make()
    return data[key]


def _attrs(obj_of: Callable[[Data], Any], *names: str) -> Callable[[Data], dict[str, Any]]:
    """Read `names` from the object as saved."""

    def read(data: Data) -> dict[str, Any]:
        obj = obj_of(data)
        obj = type(obj)._default_manager.get(pk=obj.pk)
        return {name: getattr(obj, name) for name in names}

    return read


def _person(data: Data) -> Person:
    return data["person"]


def _group(data: Data) -> Person:
    return _once(
        data, "group", lambda: GroupFactory(area=data["area"], name="SEND Improvement Board", initials="SIB")
    )


def _membership(data: Data) -> Membership:
    return Membership.objects.get(user=data["viewer"], area=data["area"])


def _status(data: Data) -> RagStatus:
    return data["plan"].rag_scheme.statuses.order_by("position").first()


def _finding(data: Data) -> Finding:
    return _once(data, "finding", lambda: FindingFactory(plan=data["plan"], number="1", items=[data["top"]]))


def _plan_field(data: Data) -> PlanField:
    return _once(
        data,
        "plan_field",
        lambda: plan_field_create(plan=data["plan"], name="Senior Officer Support", level=None, kind="text"),
    )


def _rated_by_hand(item: Item) -> Item:
    item.plan.rollup_rule = "by_hand"
    item.plan.save(update_fields=["rollup_rule"])
    return item


def _evidence(data: Data) -> Evidence:
    return _once(data, "evidence", lambda: EvidenceFactory(area=data["area"], title="Minutes"))


def _entry(data: Data) -> Entry:
    return _once(data, "entry", lambda: EntryFactory(area=data["area"]))


def _pack_template(data: Data) -> PackTemplate:
    return _once(data, "pack_template", lambda: PackTemplateFactory(plan=data["plan"]))


def _risk(data: Data) -> Risk:
    return _once(data, "risk", lambda: RiskFactory(plan=data["plan"], owner=data["person"], reference="R1"))


def _mitigation(data: Data) -> Mitigation:
    return _once(data, "mitigation", lambda: MitigationFactory(risk=_risk(data)))


def _outcome(data: Data) -> Outcome:
    return _once(data, "outcome", lambda: OutcomeFactory(area=data["area"]))


def _measure(data: Data) -> Measure:
    return _once(data, "measure", lambda: MeasureFactory(area=data["area"], owner=data["person"], code="E7"))


def _figure(data: Data) -> Figure:
    return _once(data, "figure", lambda: FigureFactory(breakdown=headline(_measure(data))))


def _mapping(data: Data) -> SavedMapping:
    return _once(
        data,
        "mapping",
        lambda: SavedMapping.objects.create(
            area=data["area"], name="Timeliness", mapping=READY_MADE["plans_issued"].to_dict()
        ),
    )


def _update(data: Data) -> Update:
    return _once(
        data,
        "update",
        lambda: UpdateFactory(period=data["period"], item=data["mine"], commentary="Board set up"),
    )


def _challenged(data: Data) -> Update:
    update = _update(data)
    Update.objects.filter(pk=update.pk).update(submitted_at=timezone.now())
    return update


def _highlight(data: Data) -> HighlightReport:
    return _once(
        data, "highlight", lambda: highlight_draft(period=data["period"], workstream=data["workstream"])
    )


def _highlight_row(data: Data) -> HighlightRow:
    return _highlight(data).rows.order_by("pk").first()


def _breakdown(data: Data) -> Breakdown:
    return headline(_measure(data))


def _target(data: Data) -> Target:
    return _once(data, "target", lambda: TargetFactory(breakdown=_breakdown(data)))


ROWS: dict[str, Row] = {
    "areas:person-edit": Row(
        form="areas.forms.PersonForm",
        page=lambda d: ("areas:person-edit", {"pk": _person(d).pk}),
        first={"name": "Sam Marsh"},
        second={"job_title": "Head of SEND"},
        read=_attrs(_person, "name", "job_title"),
    ),
    "areas:group-edit": Row(
        form="areas.forms.GroupForm",
        page=lambda d: ("areas:group-edit", {"pk": _group(d).pk}),
        first={"name": "SEND Partnership Board"},
        second={"notes": "Meets monthly"},
        read=_attrs(_group, "name", "notes"),
    ),
    "areas:workstream-edit": Row(
        form="areas.forms.WorkstreamForm",
        page=lambda d: ("areas:workstream-edit", {"pk": d["workstream"].pk}),
        first={"code": "SE"},
        second={"name": "SEN support"},
        read=_attrs(lambda d: d["workstream"], "code", "name"),
    ),
    "areas:member-edit": Row(
        form="areas.forms.MemberForm",
        page=lambda d: ("areas:member-edit", {"pk": _membership(d).pk}),
        first={"role": Membership.Role.CONTRIBUTOR},
        second={"person": lambda d: str(_person(d).pk)},  # type: ignore[dict-item]
        read=lambda d: {"role": _membership(d).role, "person": str(_membership(d).person_id)},
        shown=("Contributor", "SM"),
    ),
    "areas:branding": Row(
        form="areas.forms.BrandingForm",
        page=lambda d: ("areas:branding", {}),
        first={"council_name": "Stockport Metropolitan Borough Council"},
        second={"colour": "#1d70b8"},
        read=_attrs(lambda d: d["area"], "council_name", "colour"),
    ),
    "plans:plan-edit": Row(
        form="plans.forms.PlanForm",
        page=lambda d: ("plans:plan-edit", {"pk": d["plan"].pk}),
        first={"title": "Accelerated Progress Plan"},
        second={"level_1": "Weakness"},
        read=lambda d: {
            "title": Plan.objects.get(pk=d["plan"].pk).title,
            "level_1": Plan.objects.get(pk=d["plan"].pk).level_names[0],
        },
    ),
    "plans:plan-text-edit": Row(
        form="plans.forms_text.PlanTextForm",
        page=lambda d: ("plans:plan-text-edit", {"pk": d["plan"].pk, "section": "governance"}),
        first={"text": "The SEND Improvement Board meets monthly."},
        second={"text": "The board meets every six weeks."},
        read=lambda d: {"text": PlanText.objects.get(plan=d["plan"], section="governance").text},
    ),
    "plans:finding-edit": Row(
        form="plans.forms_findings.FindingForm",
        page=lambda d: ("plans:finding-edit", {"pk": _finding(d).pk}),
        first={"label": "Joint commissioning"},
        second={"page": "12"},
        read=_attrs(_finding, "label", "page"),
    ),
    "plans:plan-field-edit": Row(
        form="plans.forms_fields.PlanFieldForm",
        page=lambda d: ("plans:plan-field-edit", {"plan_pk": d["plan"].pk, "pk": _plan_field(d).pk}),
        first={"name": "Senior officer"},
        second={"kind": "person"},
        read=_attrs(_plan_field, "name", "kind"),
        shown=("Senior officer", "Person"),
    ),
    "plans:item-edit": Row(
        form="plans.forms.ItemForm",
        page=lambda d: ("plans:item-edit", {"pk": d["mine"].pk}),
        first={"text": "The board meets every two weeks"},
        second={"notes": "Agreed at the March board"},
        read=_attrs(lambda d: d["mine"], "text", "notes"),
    ),
    "plans:item-overall": Row(
        form="plans.forms.OverallRatingForm",
        page=lambda d: ("plans:item-overall", {"pk": _rated_by_hand(d["action"]).pk}),
        first={"status": lambda d: str(_status(d).pk), "reason": "The board has not met"},
        second={"reason": "Two meetings missed"},
        read=lambda d: {
            "status": str(Item.objects.get(pk=d["action"].pk).overall_status_id),
            "reason": Item.objects.get(pk=d["action"].pk).overall_reason,
        },
        shown=("The board has not met", "Two meetings missed"),
    ),
    "evidence:edit": Row(
        form="evidence.forms.EvidenceForm",
        page=lambda d: ("evidence:edit", {"pk": _evidence(d).pk}),
        first={"title": "Board minutes, July 2019"},
        second={"description": "Minutes of the first board"},
        read=_attrs(_evidence, "title", "description"),
    ),
    "voice:entry-edit": Row(
        form="voice.forms.EntryForm",
        page=lambda d: ("voice:entry-edit", {"pk": _entry(d).pk}),
        first={"group": "Young people's forum"},
        second={"did": "We wrote a guide with the forum"},
        read=_attrs(_entry, "group", "did"),
    ),
    "boardpacks:template-edit": Row(
        form="boardpacks.forms.TemplateForm",
        page=lambda d: ("boardpacks:template-edit", {"pk": _pack_template(d).pk}),
        first={"audience": "Health and Wellbeing Board"},
        second={"meeting": "Board, 3 March"},
        read=_attrs(_pack_template, "audience", "meeting"),
    ),
    "publishing:summary-edit": Row(
        form="publishing.forms.SummaryForm",
        page=lambda d: ("publishing:summary-edit", {"pk": d["top"].pk}),
        first={"summary": "We are making it easier to get help early."},
        second={"easy_read": "Getting help sooner."},
        read=lambda d: _attrs(lambda d: ItemSummary.objects.get(item=d["top"]), "summary", "easy_read")(d),
    ),
    "publishing:settings": Row(
        form="publishing.forms.PublicSettingsForm",
        page=lambda d: ("publishing:settings", {}),
        first={"introduction": "How we are improving SEND in Stockport."},
        second={"introduction": "What we are doing for families."},
        read=lambda d: {"introduction": PublicSettings.objects.get(area=d["area"]).introduction},
    ),
    "progress:period-edit": Row(
        form="progress.forms.PeriodSettingsForm",
        page=lambda d: ("progress:period-edit", {"pk": d["period"].pk}),
        first={"name": "March 2021 (spring)"},
        second={"deadline": "26/03/2021"},
        read=lambda d: {
            "name": ReportingPeriod.objects.get(pk=d["period"].pk).name,
            "deadline": ReportingPeriod.objects.get(pk=d["period"].pk).deadline.strftime("%d/%m/%Y"),
        },
    ),
    "progress:update": Row(
        form="progress.forms.UpdateForm",
        page=lambda d: ("progress:update", {"pk": d["period"].pk, "item_pk": _update(d).item_id}),
        first={"commentary": "The board met twice"},
        second={"next_steps": "Agree the terms of reference"},
        read=_attrs(
            lambda d: Update.objects.get(period=d["period"], item=d["mine"]), "commentary", "next_steps"
        ),
        extra={"proposed_status": lambda d: str(_status(d).pk)},  # type: ignore[dict-item]
    ),
    "risks:risk-edit": Row(
        form="risks.forms.RiskForm",
        page=lambda d: ("risks:risk-edit", {"pk": _risk(d).pk}),
        first={"title": "Too few educational psychologists"},
        second={"category": "Workforce"},
        read=_attrs(_risk, "title", "category"),
    ),
    "risks:risk-review": Row(
        form="risks.forms.ReviewForm",
        page=lambda d: ("risks:risk-review", {"pk": _risk(d).pk}),
        first={"likelihood": "3"},
        second={"review_on": "30/04/2021"},
        read=lambda d: {
            "likelihood": str(_attrs(_risk, "likelihood")(d)["likelihood"]),
            "review_on": _attrs(_risk, "review_on")(d)["review_on"].strftime("%d/%m/%Y"),
        },
    ),
    "risks:mitigation-edit": Row(
        form="risks.forms.MitigationForm",
        page=lambda d: ("risks:mitigation-edit", {"pk": _risk(d).pk, "mitigation_pk": _mitigation(d).pk}),
        first={"action": "Recruit three educational psychologists"},
        second={"due_on": "30/06/2021"},
        read=lambda d: {
            "action": _attrs(_mitigation, "action")(d)["action"],
            "due_on": _attrs(_mitigation, "due_on")(d)["due_on"].strftime("%d/%m/%Y"),
        },
    ),
    "risks:bands": Row(
        form="risks.forms.BandsForm",
        page=lambda d: ("risks:bands", {}),
        first={"amber_from": "5"},
        second={"red_from": "16"},
        read=lambda d: {
            "amber_from": str(RiskBands.objects.get(area=d["area"]).amber_from),
            "red_from": str(RiskBands.objects.get(area=d["area"]).red_from),
        },
    ),
    "progress:challenge": Row(
        form="progress.forms.ChallengeForm",
        page=lambda d: ("progress:challenge", {"pk": d["period"].pk, "item_pk": _challenged(d).item_id}),
        first={"mitigation": "Extra sessions booked"},
        second={"reason": "Confirmed at the board"},
        read=lambda d: {
            "mitigation": _attrs(_update, "mitigation")(d)["mitigation"],
            "reason": _attrs(_update, "challenge_reason")(d)["challenge_reason"],
        },
    ),
    "progress:highlight-report-edit": Row(
        form="progress.forms.HighlightReportForm",
        page=lambda d: (
            "progress:highlight-report-edit",
            {"pk": d["period"].pk, "workstream_pk": _highlight(d).workstream_id},
        ),
        first=lambda d: {f"row-{_highlight_row(d).pk}-impact": "Families waited less"},
        second=lambda d: {f"row-{_highlight_row(d).pk}-next_steps": "Review in April"},
        read=lambda d: {
            f"row-{_highlight_row(d).pk}-{column}": getattr(_highlight_row(d), column)
            for column in ("impact", "next_steps")
        },
    ),
    "scorecard:breakdowns": Row(
        form="scorecard.forms.breakdowns.BreakdownForm",
        page=lambda d: ("scorecard:breakdowns", {"pk": _measure(d).pk}),
        query=lambda d: f"?change={_breakdown(d).pk}",
        first={"baseline": "52", "baseline_period": "2019"},
        second={"baseline_note": "From the SEN2 return"},
        read=lambda d: {
            "baseline": str(_attrs(_breakdown, "baseline")(d)["baseline"].normalize()),
            **_attrs(_breakdown, "baseline_period", "baseline_note")(d),
        },
    ),
    "scorecard:targets": Row(
        form="scorecard.forms.breakdowns.TargetForm",
        page=lambda d: ("scorecard:targets", {"pk": _measure(d).pk}),
        query=lambda d: f"?change={_target(d).pk}",
        first={"value": "65"},
        second={"note": "Agreed by the board"},
        read=lambda d: {
            "value": str(_attrs(_target, "value")(d)["value"].normalize()),
            "note": _attrs(_target, "note")(d)["note"],
        },
    ),
    "scorecard:outcome-edit": Row(
        form="scorecard.forms.manage.OutcomeForm",
        page=lambda d: ("scorecard:outcome-edit", {"pk": _outcome(d).pk}),
        first={"statement": "I get the help I need early"},
        second={"position": "7"},
        read=lambda d: {
            "statement": _attrs(_outcome, "statement")(d)["statement"],
            "position": str(_attrs(_outcome, "position")(d)["position"]),
        },
    ),
    "scorecard:measure-edit": Row(
        form="scorecard.forms.manage.MeasureForm",
        page=lambda d: ("scorecard:measure-edit", {"pk": _measure(d).pk}),
        first={"name": "New EHC plans issued within 20 weeks"},
        second={"source": "SEN2 return"},
        read=_attrs(_measure, "name", "source"),
    ),
    "scorecard:settings": Row(
        form="scorecard.forms.settings.SettingsForm",
        page=lambda d: ("scorecard:settings", {}),
        first={"la_code": "E08000007"},
        second={"region_name": "North West"},
        read=lambda d: _attrs(
            lambda d: ScorecardSettings.objects.get(area=d["area"]), "la_code", "region_name"
        )(d),
    ),
    "scorecard:commentary": Row(
        form="scorecard.forms.commentary.CommentaryForm",
        page=lambda d: ("scorecard:commentary", {"pk": _measure(d).pk, "period_pk": d["period"].pk}),
        first={"text": "Fewer plans were late in March."},
        second={"text": "Two plans were late because of a backlog."},
        read=lambda d: {"text": Commentary.objects.get(measure=_measure(d), period=d["period"]).text},
    ),
    "scorecard:figure-edit": Row(
        form="scorecard.forms.figures.FigureForm",
        page=lambda d: ("scorecard:figure-edit", {"pk": _figure(d).pk}),
        first={"value": "57.5"},
        second={"period": "March 2021"},
        read=lambda d: {
            "value": str(_attrs(_figure, "value")(d)["value"].normalize()),
            "period": _attrs(_figure, "period")(d)["period"],
        },
    ),
    "scorecard:mapping": Row(
        form="scorecard.forms.dfe.SavedMappingForm",
        page=lambda d: ("scorecard:mapping", {"pk": _mapping(d).pk}),
        first={"name": "Timeliness of EHC plans"},
        second={"period_format": "year"},
        read=lambda d: {
            "name": _attrs(_mapping, "name")(d)["name"],
            "period_format": _attrs(_mapping, "mapping")(d)["mapping"]["period_format"],
        },
        shown=("Timeliness of EHC plans", "a year such as 2024"),
    ),
    "plans:rag-status-edit": Row(
        form="plans.forms.RagStatusForm",
        page=lambda d: ("plans:rag-status-edit", {"pk": _status(d).scheme_id, "status_pk": _status(d).pk}),
        first={"label": "Not yet started"},
        second={"meaning": "Work has not begun"},
        read=_attrs(_status, "label", "meaning"),
    ),
}


def _changes(data: Data, changes: Any) -> Mapping[str, Value]:
    return changes(data) if callable(changes) else changes


def _value(data: Data, value: Any) -> Value:
    return value(data) if callable(value) else value


def form_of(page: str) -> dict[str, list[str]]:
    """What a browser would send from the page's edit form (the one carrying a version), as loaded."""
    html = lxml.html.fromstring(page)
    chosen = sorted(
        (f for f in html.forms if any(name == "version" or name.endswith("-version") for name in f.fields)),
        key=lambda f: len(f.inputs),
        reverse=True,
    )
    assert chosen, "the page has no form carrying a version"
    sent: dict[str, list[str]] = {}
    for element in chosen[0].inputs:
        name, tag, kind = element.get("name"), element.tag, (element.get("type") or "text").lower()
        if not name or element.get("disabled") is not None or kind in ("submit", "button", "file", "image"):
            continue
        if kind in ("checkbox", "radio"):
            values = [element.get("value", "on")] if element.get("checked") is not None else []
        elif tag == "select":
            options = element.xpath(".//option")
            values = [o.get("value", o.text or "") for o in options if o.get("selected") is not None]
            if not values and options and element.get("multiple") is None:
                values = [options[0].get("value", options[0].text or "")]
        elif tag == "textarea":
            values = [(element.text or "").removeprefix("\n")]
        else:
            values = [element.get("value", "")]
        sent.setdefault(name, []).extend(values)
    buttons = chosen[0].xpath(".//button[not(@type) or @type='submit'] | .//input[@type='submit']")
    primary = [
        b for b in buttons if not {"govuk-button--secondary", "govuk-button--warning"} & set(b.classes)
    ]
    pressed = (primary or buttons or [None])[0]  # the form's main button, as a person would press it
    if pressed is not None and pressed.get("name"):
        sent[pressed.get("name")] = [pressed.get("value", "")]
    return sent


def _as_sent(form: dict[str, list[str]], changes: Mapping[str, Value], data: Data) -> dict[str, Any]:
    sent: dict[str, Any] = dict(form)
    for name, value in changes.items():
        value = _value(data, value)
        sent[name] = value if isinstance(value, list) else [value]
    return sent


def _problems(response: Any) -> str:
    """The page's error summary, to say why a save that should have gone through did not."""
    if response.status_code != 200:
        return f"status {response.status_code}"
    html = lxml.html.fromstring(response.content.decode())
    return " / ".join(" ".join(e.text_content().split()) for e in html.find_class("govuk-error-summary"))


def _their_changes(page: str) -> str:
    found = lxml.html.fromstring(page).xpath("//*[@id='their-changes']")
    return " ".join(found[0].text_content().split()) if found else "no 'What the other person saved'"


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else ", ".join(value)


@pytest.fixture
def data(
    area, tree, plan, period, programme_manager, viewer, owner_person, workstream, settings, tmp_path
) -> Data:
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private-uploads"
    second = UserFactory(email="pm2@example.org")
    MembershipFactory(user=second, area=area, role=Membership.Role.PROGRAMME_MANAGER)
    return dict(
        tree,
        area=area,
        plan=plan,
        period=period,
        person=owner_person,
        workstream=workstream,
        viewer=viewer,
        users={"pm": programme_manager, "pm2": second},
    )


@pytest.mark.parametrize("name", sorted(ROWS))
def test_two_people_saving_one_page_lose_nothing(data, name):
    """The second save is refused and shows both people's values; saving again from the page as given
    back succeeds, and the first person's change is kept beside the second's."""
    row = ROWS[name]
    url_name, kwargs = row.page(data)
    url = reverse(url_name, kwargs={"area": data["area"].slug, **kwargs}) + row.query(data)
    first, second = Client(), Client()
    first.force_login(data["users"]["pm"])
    second.force_login(data["users"]["pm2"])
    first_changes, second_changes = _changes(data, row.first), _changes(data, row.second)
    loaded_first = form_of(first.get(url).content.decode())
    loaded_second = form_of(second.get(url).content.decode())

    saved = first.post(url, _as_sent(loaded_first, {**row.extra, **first_changes}, data))
    assert saved.status_code == 302, _problems(saved)

    refused = second.post(url, _as_sent(loaded_second, {**row.extra, **second_changes}, data))
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "while you were" in page and "have not been saved" in page, _problems(refused)
    theirs, yours = row.shown or (
        _as_text(_value(data, next(iter(first_changes.values())))),
        _as_text(_value(data, next(iter(second_changes.values())))),
    )
    text = html.unescape(page)
    assert theirs in text and yours in text, _their_changes(page)

    again = second.post(url, form_of(page))
    assert again.status_code == 302, _problems(again)

    held = row.read(data)
    kept = {name: value for name, value in first_changes.items() if name not in second_changes}
    for field_name, value in {**kept, **second_changes}.items():
        assert _as_text(held[field_name]) == _as_text(_value(data, value)), field_name


# The table stays complete


APPS = [
    "accounts",
    "areas",
    "evidence",
    "plans",
    "progress",
    "scorecard",
    "risks",
    "voice",
    "publishing",
    "boardpacks",
]

# Forms with a version that edit nothing typed: a removal, a move or an action confirmed by its version.
NOT_EDIT_FORMS = {
    "areas.forms.InvitationActionForm": "resends or withdraws an invitation",
    "plans.forms.MoveForm": "moves an item under another parent (a choice, confirmed)",
    "plans.forms.VersionForm": "confirms a removal",
    "progress.forms.PeriodMoveForm": "moves a period to its next state",
    "progress.forms.VersionForm": "confirms an action on a period or update",
    "risks.forms.CloseForm": "closes a risk with a reason (an action, not an edit)",
    "risks.forms.VersionForm": "confirms a removal or reopening",
}


def _edit_forms() -> set[str]:
    for app in APPS:
        for suffix in ("forms", "forms_fields", "forms_text", "forms_findings"):
            try:
                module = importlib.import_module(f"{app}.{suffix}")
            except ModuleNotFoundError:
                continue
            for info in pkgutil.walk_packages(getattr(module, "__path__", []), f"{app}.{suffix}."):
                importlib.import_module(info.name)

    def below(cls: type) -> Any:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {
        f"{cls.__module__.removesuffix('.__init__')}.{cls.__qualname__}"
        for cls in below(forms.BaseForm)
        if cls.__module__.split(".")[0] in APPS and "version" in getattr(cls, "base_fields", {})
    }


def _url_names(patterns: Any, prefix: str = "") -> Any:
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _url_names(
                pattern.url_patterns, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            )
        elif pattern.name:
            yield prefix + pattern.name


def test_every_edit_form_has_a_row():
    """A form carrying a version is in the table, or named above as editing nothing typed."""
    covered = {row.form for row in ROWS.values()}
    assert _edit_forms() - set(NOT_EDIT_FORMS) - covered == set()
    assert covered <= _edit_forms()


def test_every_edit_page_has_a_row():
    """A URL named *edit* is in the table."""
    edit_pages = {name for name in _url_names(get_resolver().url_patterns) if "edit" in name.split(":")[-1]}
    assert edit_pages - set(ROWS) == set()
