"""Adding, editing, closing and reopening risks. A change to the current likelihood or impact adds a
row to the risk's score history (`RiskScore`), dated the day it was assessed."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from areas.models import Person
from common.concurrency import save_or_explain
from history import services as history
from plans import rules as plan_rules
from plans.models import Item, Plan
from scorecard.models import Measure

from ..models import Risk, RiskScore
from ..snapshots import risk_snapshot

SOURCE = "Web"


@dataclass
class RiskContent:
    """What a person types about a risk (the form builds it; the import does too)."""

    reference: str
    title: str
    cause: str = ""
    event: str = ""
    effect: str = ""
    owner: Person | None = None
    category: str = ""
    likelihood: int | None = None
    impact: int | None = None
    inherent_likelihood: int | None = None
    inherent_impact: int | None = None
    target_likelihood: int | None = None
    target_impact: int | None = None
    review_on: date | None = None
    items: list[Item] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    scores_estimated: bool = False


def content_of(*, risk: Risk) -> RiskContent:
    """A saved risk as content: to start an edit from, or to compare an imported row with."""
    return RiskContent(
        reference=risk.reference,
        title=risk.title,
        cause=risk.cause,
        event=risk.event,
        effect=risk.effect,
        owner=risk.owner,
        category=risk.category,
        likelihood=risk.likelihood,
        impact=risk.impact,
        inherent_likelihood=risk.inherent_likelihood,
        inherent_impact=risk.inherent_impact,
        target_likelihood=risk.target_likelihood,
        target_impact=risk.target_impact,
        review_on=risk.review_on,
        items=list(risk.items.all()),
        measures=list(risk.measures.all()),
        scores_estimated=risk.scores_estimated,
    )


SCORE_PAIRS = (
    ("likelihood", "impact", "now"),
    ("inherent_likelihood", "inherent_impact", "before mitigation"),
    ("target_likelihood", "target_impact", "as targeted"),
)


def _check(risk: Risk, content: RiskContent) -> None:
    plan = risk.plan
    errors: dict[str, str] = {}
    if not content.reference.strip():
        errors["reference"] = "Enter the risk's reference, such as R1"
    if not content.title.strip():
        errors["title"] = "Enter the risk's title"
    for likelihood_name, impact_name, when in SCORE_PAIRS:
        pair = (getattr(content, likelihood_name), getattr(content, impact_name))
        for name, value in zip((likelihood_name, impact_name), pair, strict=True):
            if value is not None and not 1 <= value <= 5:
                errors[name] = f"Enter a {name.split('_')[-1]} {when} from 1 to 5"
        if (pair[0] is None) != (pair[1] is None) and likelihood_name not in errors:
            missing = likelihood_name if pair[0] is None else impact_name
            errors[missing] = f"Enter both the likelihood and the impact {when}, or neither"
    if content.owner is not None and content.owner.area_id != plan.area_id:
        errors["owner"] = "Choose an owner from this local area's people"
    if any(item.plan_id != plan.pk for item in content.items):
        errors["items"] = "Choose items of this plan"
    if any(measure.area_id != plan.area_id for measure in content.measures):
        errors["measures"] = "Choose measures of this local area's scorecard"
    reference = content.reference.strip()
    if reference and "reference" not in errors:
        clash = Risk.objects.filter(plan=plan, reference__iexact=reference).exclude(pk=risk.pk).first()
        if clash:
            errors["reference"] = f"This plan already has a risk {clash.reference}: choose another reference"
    if errors:
        raise ValidationError(errors)


def _apply(risk: Risk, content: RiskContent) -> None:
    risk.reference = content.reference.strip()
    risk.sort_key = plan_rules.reference_sort_key(risk.reference)
    risk.title = " ".join(content.title.split())
    for name in (
        "cause",
        "event",
        "effect",
        "owner",
        "category",
        "likelihood",
        "impact",
        "inherent_likelihood",
        "inherent_impact",
        "target_likelihood",
        "target_impact",
        "review_on",
        "scores_estimated",
    ):
        value = getattr(content, name)
        setattr(risk, name, value.strip() if isinstance(value, str) else value)


def _score_record(risk: Risk, *, on: date, by: User | None) -> None:
    """Add to the score history when the current assessment differs from its last row."""
    if risk.likelihood is None or risk.impact is None:
        return
    last = risk.scores.order_by("-scored_on", "-recorded_at", "-pk").first()
    if last and (last.likelihood, last.impact) == (risk.likelihood, risk.impact):
        return
    RiskScore.objects.create(
        risk=risk, likelihood=risk.likelihood, impact=risk.impact, scored_on=on, recorded_by=by
    )


@transaction.atomic
def risk_create(
    *,
    plan: Plan,
    content: RiskContent,
    by: User | None = None,
    scored_on: date | None = None,
    source: str = SOURCE,
) -> Risk:
    """Add a risk to a plan's register; its current score starts its history (dated `scored_on`,
    today unless given)."""
    risk = Risk(plan=plan)
    _check(risk, content)
    _apply(risk, content)
    save_or_explain(risk, lambda: _check(risk, content))
    risk.items.set(content.items)
    risk.measures.set(content.measures)
    _score_record(risk, on=scored_on or timezone.localdate(), by=by)
    history.change_record(
        area=plan.area,
        action=history.Action.ADDED,
        subject=f"Risk {risk.reference}",
        changes=history.diff({}, risk_snapshot(risk)),
        obj=risk,
        by=by,
        source=source,
        plan=plan,
    )
    return risk


@transaction.atomic
def risk_update(
    *,
    risk: Risk,
    expected_version: int,
    content: RiskContent,
    by: User | None = None,
    scored_on: date | None = None,
    source: str = SOURCE,
) -> Risk:
    """Edit a risk. A stale version raises EditConflict and saves nothing; a new current score is
    added to the history."""
    before = risk_snapshot(risk)
    _check(risk, content)
    _apply(risk, content)
    risk.items.set(content.items)
    risk.measures.set(content.measures)
    history.save_recorded(
        obj=risk,
        snapshot=risk_snapshot,
        before=before,
        area=risk.plan.area,
        subject=f"Risk {risk.reference}",
        by=by,
        source=source,
        expected_version=expected_version,
        plan=risk.plan,
    )
    _score_record(risk, on=scored_on or timezone.localdate(), by=by)
    return risk


@transaction.atomic
def risk_rescore(
    *,
    risk: Risk,
    expected_version: int,
    likelihood: int,
    impact: int,
    review_on: date | None,
    by: User | None = None,
    scored_on: date | None = None,
) -> Risk:
    """Review a risk's score: its owner's monthly assessment, likelihood and impact now, and the next
    review date."""
    content = content_of(risk=risk)
    content.likelihood, content.impact, content.review_on = likelihood, impact, review_on
    return risk_update(
        risk=risk, expected_version=expected_version, content=content, by=by, scored_on=scored_on
    )


def _status_set(
    risk: Risk, *, status: str, reason: str, expected_version: int, by: User | None, source: str
) -> Risk:
    """Open or close a risk (closed with a reason and when), versioned and recorded."""
    before = risk_snapshot(risk)
    closing = status == Risk.Status.CLOSED
    risk.status, risk.closed_reason = status, reason
    risk.closed_at = timezone.now() if closing else None
    history.save_recorded(
        obj=risk,
        snapshot=risk_snapshot,
        before=before,
        area=risk.plan.area,
        subject=f"Risk {risk.reference}",
        by=by,
        source=source,
        expected_version=expected_version,
        plan=risk.plan,
    )
    return risk


@transaction.atomic
def risk_close(
    *, risk: Risk, expected_version: int, reason: str, by: User | None = None, source: str = SOURCE
) -> Risk:
    """Close a risk, saying why. Closed risks stay in the register and their history."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the risk is being closed"})
    return _status_set(
        risk,
        status=Risk.Status.CLOSED,
        reason=reason.strip(),
        expected_version=expected_version,
        by=by,
        source=source,
    )


@transaction.atomic
def risk_reopen(*, risk: Risk, expected_version: int, by: User | None = None, source: str = SOURCE) -> Risk:
    """Reopen a closed risk: it is reviewed and reported again."""
    return _status_set(
        risk, status=Risk.Status.OPEN, reason="", expected_version=expected_version, by=by, source=source
    )
