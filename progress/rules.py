"""The rules of the monthly cycle, as plain functions of plain values.

Nothing here touches the database, so each rule is tested on its own
(tests/progress/test_rules.py) and the services only gather the facts they need.
"""

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# Reporting periods ---------------------------------------------------------------------

OPEN, CHALLENGE, CONFIRMED, REPORTED = "open", "challenge", "confirmed", "reported"

# Which state a period may move to from each state. Reported is final.
NEXT_STATES: Mapping[str, tuple[str, ...]] = {
    OPEN: (CHALLENGE,),
    CHALLENGE: (OPEN, CONFIRMED),
    CONFIRMED: (CHALLENGE, REPORTED),
    REPORTED: (),
}

REMINDER_DAYS_BEFORE_DEADLINE = 7


def overdue_judged_on(*, ends_on: date, is_reported: bool, today: date) -> date:
    """The day a period's page judges "Overdue" on (plans.rules.is_overdue): as of the period.

    A reported period is judged at its end, as its frozen rows were. A period not yet reported is
    judged at its end too when that has passed, so an old period's page never flags an item by
    today's date; while its end is still to come, at today (the page is live): min(today, end).
    Live pages (the overview, milestones, an item, my items) judge at today.
    """
    return ends_on if is_reported else min(today, ends_on)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter: 31 Jan + 1 = 28/29 Feb."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_dates(previous_end: date | None, cadence_months: int, today: date) -> tuple[date, date]:
    """The start and end of the next reporting period.

    It starts the day after the previous period ended, or on the first of this month when
    there is none, and covers `cadence_months` whole months.
    """
    if cadence_months < 1:
        raise ValueError("A reporting period covers at least one month")
    start = previous_end + timedelta(days=1) if previous_end else today.replace(day=1)
    end = add_months(start, cadence_months) - timedelta(days=1)
    return start, end


def period_name(start: date, end: date) -> str:
    """How people name a period: "March 2021", "January to March 2021", "December 2021 to February 2022"."""
    if (start.year, start.month) == (end.year, end.month):
        return start.strftime("%B %Y")
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def default_deadline(end: date, cadence_months: int) -> date:
    """Updates are due a week before a period ends, so the workstream meeting can challenge them."""
    return end - timedelta(days=7)


def state_change_problem(current: str, wanted: str, unconfirmed_updates: int) -> str | None:
    """Why a period may not move from `current` to `wanted`, or None if it may."""
    if current == REPORTED:
        return "This period has been reported. What was reported cannot be changed."
    if wanted not in NEXT_STATES.get(current, ()):
        return "A period cannot move to that state from the state it is in."
    if wanted == CONFIRMED and unconfirmed_updates:
        noun = "update has" if unconfirmed_updates == 1 else "updates have"
        return (
            f"{unconfirmed_updates} {noun} not been confirmed. Confirm or change each proposed status "
            "before confirming the period."
        )
    return None


def missing_reports_warning(names: Sequence[str]) -> str:
    """What reporting says of workstreams with updates in the period but no highlight report, or "".

    It is a warning, not a block: the board can be told without a workstream's report, but the
    programme manager must say so knowingly, and the reported period shows "No report" for each.
    """
    if not names:
        return ""
    listed = ", ".join(names)
    if len(names) == 1:
        return f"{listed} has updates in this period but no highlight report."
    return f"{len(names)} workstreams have updates in this period but no highlight report: {listed}."


# Updates and their challenge ------------------------------------------------------------


@dataclass(frozen=True)
class StatusFacts:
    """What the challenge rules need to know about a status."""

    label: str
    position: int
    needs_impact_evidence: bool
    counts_as_done: bool


def is_worst(status: StatusFacts, worst_position: int) -> bool:
    """The scheme's worst status is the one at its lowest position (red, in the usual schemes)."""
    return status.position == worst_position


def confirmation_problems(
    status: StatusFacts,
    *,
    worst_position: int,
    has_impact_evidence: bool,
    mitigation: str,
) -> dict[str, str]:
    """Why `status` cannot be confirmed for an update, by form field; empty when it can.

    - A status that needs evidence of impact (such as blue, "completed and embedded") needs at
      least one linked evidence item that says what changed for children and families.
    - The scheme's worst status (red) needs a mitigation: what is being done about it.
    """
    problems: dict[str, str] = {}
    if impact := impact_evidence_problem(status, has_impact_evidence=has_impact_evidence):
        problems["status"] = impact
    if is_worst(status, worst_position) and not mitigation.strip():
        problems["mitigation"] = (
            f"“{status.label}” is this plan's worst status. Enter the mitigation: what is being done "
            "to bring the item back on track."
        )
    return problems


def impact_evidence_problem(status: StatusFacts, *, has_impact_evidence: bool) -> str | None:
    """Why `status` cannot be confirmed without evidence of impact, or None.

    The challenge refuses it (`confirmation_problems`); the update form and the period page tell
    the owner the same words beforehand, since an owner may still propose it.
    """
    if status.needs_impact_evidence and not has_impact_evidence:
        return (
            f"“{status.label}” needs evidence of impact. Link at least one evidence item that says "
            "what has changed for children and families, or choose another status."
        )
    return None


def missing_updates_problem(missing: int, agreed: int | None) -> str | None:
    """Why the ratings may not be confirmed yet with `missing` updates unwritten, or None if they may.

    Confirming with updates missing is allowed, but only once the programme manager has been told
    how many and has agreed to go ahead (`agreed`: the number they were shown). Agreeing to fewer
    than are missing now (more went missing since the page was shown) asks again. `agreed` None is
    a caller that does not ask (the demo's loader, a test): it goes ahead, recorded the same way.
    """
    if missing <= 0 or agreed is None or agreed >= missing:
        return None
    noun = "item has" if missing == 1 else "items have"
    return f"{missing} {noun} no update for this period. Confirm anyway, or wait for the updates."


def is_slip(current_due: date | None, proposed_due: date | None) -> bool:
    """A proposed due date later than the current one is a slip."""
    return proposed_due is not None and current_due is not None and proposed_due > current_due


def due_date_change_problem(current_due: date | None, proposed_due: date | None, reason: str) -> str | None:
    """A proposed new due date needs a reason; it must differ from the current one."""
    if proposed_due is None:
        return None
    if proposed_due == current_due:
        return "The proposed due date is the current due date. Leave it blank to keep the date."
    if not reason.strip():
        return "Enter the reason the due date needs to change"
    return None


def slipped_due(
    current_due: date | None, original_due: date | None, slips: int, new_due: date
) -> tuple[date, date | None, int]:
    """The due date, original due date and slip count after agreeing `new_due`.

    The first slip keeps the date it slipped from as the original. Bringing a date forward
    is not a slip.
    """
    if not is_slip(current_due, new_due):
        return new_due, original_due, slips
    return new_due, original_due or current_due, slips + 1


def due_wording(due: date | None, original_due: date | None, slips: int) -> str:
    """ "due 31/07/2019, originally 30/04/2019 (slipped twice)", or "due 31/07/2019"."""
    if due is None:
        return "no due date"
    text = f"due {due:%d/%m/%Y}"
    if original_due and original_due != due:
        text += f", originally {original_due:%d/%m/%Y}"
    if slips:
        text += f" (slipped {times(slips)})"
    return text


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def expects_update(has_owner: bool, is_done: bool) -> bool:
    """An update is expected each period for every owned item that is not done."""
    return has_owner and not is_done


# Trend ----------------------------------------------------------------------------------

IMPROVED, DECLINED, SAME, NEW = "improved", "declined", "same", "new"


def movement(before: int | None, after: int | None) -> str:
    """How an item's status moved between two periods, by position in the scheme (higher is better).

    An item with no status before but one now is "new"; losing a status counts as declined.
    """
    if before == after:
        return SAME
    if before is None:
        return NEW
    if after is None or after < before:
        return DECLINED
    return IMPROVED


# Reminders ------------------------------------------------------------------------------

OWNER_REMINDER, LEAD_REMINDER = "owner", "lead"


def reminder_kind(
    deadline: date, today: date, days_before: int = REMINDER_DAYS_BEFORE_DEADLINE
) -> str | None:
    """Which reminder is due today: owners in the week before the deadline, leads after it."""
    if today > deadline:
        return LEAD_REMINDER
    if (deadline - today).days <= days_before:
        return OWNER_REMINDER
    return None


def reminder_kind_now(deadline: date, today: date) -> str:
    """Which reminder "Send reminders now" sends: owners up to the deadline, leads after it.

    Unlike the daily `reminder_kind`, the week before the deadline is not waited for: the
    programme manager chose to remind the owners now. Each kind still goes once per period.
    """
    return LEAD_REMINDER if today > deadline else OWNER_REMINDER
