"""A risk, a mitigation and an area's bands as the words people read, keyed by label: what the history
records and what an edit conflict shows beside what was typed."""

from datetime import date

from .models import Mitigation, Risk, RiskBands


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _pair(likelihood: int | None, impact: int | None) -> str:
    if likelihood is None or impact is None:
        return ""
    return f"{likelihood} x {impact} = {likelihood * impact}"


def risk_snapshot(risk: Risk) -> dict[str, str]:
    """Uses the risk's owner, items and measures (prefetch them for many)."""
    return {
        "Reference": risk.reference,
        "Title": risk.title,
        "Cause": risk.cause,
        "Event": risk.event,
        "Effect": risk.effect,
        "Owner": risk.owner.initials if risk.owner else "",
        "Category": risk.category,
        "Likelihood x impact now": _pair(risk.likelihood, risk.impact),
        "Before mitigation": _pair(risk.inherent_likelihood, risk.inherent_impact),
        "Target": _pair(risk.target_likelihood, risk.target_impact),
        "Next review": _day(risk.review_on),
        "Status": risk.get_status_display(),
        "Reason for closing": risk.closed_reason,
        "Plan items": ", ".join(item.number for item in risk.items.all()) if risk.pk else "",
        "Measures": ", ".join(measure.code for measure in risk.measures.all()) if risk.pk else "",
    }


def mitigation_snapshot(mitigation: Mitigation) -> dict[str, str]:
    return {
        "Action": mitigation.action,
        "Owner": mitigation.owner.initials if mitigation.owner else "",
        "Due date": _day(mitigation.due_on),
        "Done": "Yes" if mitigation.is_done else "No",
    }


def bands_snapshot(bands: RiskBands) -> dict[str, str]:
    return {"Amber from": str(bands.amber_from), "Red from": str(bands.red_from)}
