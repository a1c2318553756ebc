"""The monthly-cycle demo: Stockport reports on its Written Statement of Action, January to April 2021.

Everything goes through the services, as a programme manager and workstream leads would do it
in the product: each month's period is opened, owners write updates, the workstream meeting
confirms or changes the proposed statuses, and the period is confirmed and reported. March 2021
has a highlight report per workstream; April 2021 is left open with some updates missing.

The data is in `demo/stockport-progress-2021/` (see `demo/README.md`):
- `ratings.csv`: each milestone's confirmed status per month (blank: no update that month), its
  progress commentary, evidence, and the few challenges, mitigations and due date slips;
- `evidence.csv`: the evidence bank, from the items Stockport's April 2021 update names;
- `highlights.csv`: the highlight report rows of that update, one per priority.
"""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction

from accounts.models import User
from areas.models import Workstream
from demo.dating import at as _at
from demo.dating import dated, stamp, working_day
from evidence.models import Evidence
from plans.models import Item, Plan, RagStatus
from progress import services
from progress.models import HighlightReport, ReportingPeriod, Update
from progress.outstanding import missing_updates

DATA_DIR = Path(settings.BASE_DIR) / "demo" / "stockport-progress-2021"
PROGRAMME_MANAGER = "programme_manager"

HIGHLIGHT_COLUMNS = {
    "Actions progressed": "actions_progressed",
    "Impact on service users": "impact",
    "Evidence of impact": "evidence",
    "Next steps": "next_steps",
}


@dataclass(frozen=True)
class Month:
    """A reporting period of the demo and the days things happened in it."""

    name: str
    starts_on: date
    ends_on: date
    deadline: date
    board_meeting: date | None  # when the SEND Board was told: None while the period is open

    @property
    def workstream_meeting(self) -> date:
        return self.deadline + timedelta(days=1)

    @property
    def opened(self) -> datetime:
        """The programme manager opens the period on its first working day."""
        return _at(working_day(self.starts_on), 9, 30)


MONTHS = [
    Month("January 2021", date(2021, 1, 1), date(2021, 1, 31), date(2021, 1, 25), date(2021, 2, 4)),
    Month("February 2021", date(2021, 2, 1), date(2021, 2, 28), date(2021, 2, 25), date(2021, 3, 4)),
    Month("March 2021", date(2021, 3, 1), date(2021, 3, 31), date(2021, 3, 25), date(2021, 4, 8)),
    Month("April 2021", date(2021, 4, 1), date(2021, 4, 30), date(2021, 4, 23), None),
]
HIGHLIGHT_MONTH = "March 2021"
# The demo's timeline: the plan is imported on the first working day of 2021, and the demo stands
# where April 2021 is, the day before its updates are due (after the last update written).
PLAN_IMPORTED = _at(working_day(MONTHS[0].starts_on), 9)
DEMO_NOW = _at(MONTHS[-1].deadline - timedelta(days=1), 18)


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _uk_date(text: str) -> date | None:
    return datetime.strptime(text, "%d/%m/%Y").date() if text.strip() else None


@transaction.atomic
def load_progress_demo(plan: Plan, *, users: dict[str, User]) -> str:
    """Load the demo's reporting periods into `plan`, unless it has periods already; say what was done.

    `users` maps a person's initials to their sign-in, and "programme_manager" to the programme
    manager's, who writes and confirms what people without a sign-in would.
    """
    existing = plan.periods.count()
    if existing:
        return f"{plan.area.name}: monthly cycle demo already loaded ({existing} periods); nothing changed"
    cycle = _Cycle(plan, users)
    evidence = cycle.evidence_bank()
    for month in MONTHS:
        cycle.run(month)
    april = plan.periods.get(name=MONTHS[-1].name)
    outstanding = missing_updates(april, today=april.deadline)
    reported = plan.periods.filter(state=ReportingPeriod.State.REPORTED)
    updates = Update.objects.filter(period__in=reported).count()
    return (
        f"{plan.area.name}: monthly cycle demo loaded: {reported.count()} periods reported "
        f"({MONTHS[0].name} to {MONTHS[-2].name}, {updates} updates, {cycle.highlight_reports} highlight "
        f"reports); {april.name} open with {outstanding.submitted} of {outstanding.expected} expected "
        f"updates written; {len(evidence)} evidence items"
    )


class _Cycle:
    """The plan, its people and the demo's data, read once; `run` plays one month."""

    def __init__(self, plan: Plan, users: dict[str, User]) -> None:
        self.plan = plan
        self.manager = users[PROGRAMME_MANAGER]
        self.users = {key: user for key, user in users.items() if key != PROGRAMME_MANAGER}
        self.statuses = {s.label: s for s in plan.rag_scheme.statuses.all()}
        self.worst = min(self.statuses.values(), key=lambda s: s.position)
        self.rows = read_csv("ratings.csv")
        self.items = {
            item.number: item
            for item in plan.items.current()
            .filter(number__in=[row["Milestone"] for row in self.rows])
            .prefetch_related("ownerships__person", "workstreams__leaderships__person")
        }
        missing = [row["Milestone"] for row in self.rows if row["Milestone"] not in self.items]
        if missing:
            raise ValueError(f"ratings.csv names milestones that are not in the plan: {', '.join(missing)}")
        self.evidence: dict[str, Evidence] = {}
        self.highlight_reports = 0

    # People --------------------------------------------------------------------------------

    def _lead_user(self, workstream: Workstream | None) -> User | None:
        leads = workstream.ordered_leads() if workstream else []
        return next((self.users[lead.initials] for lead in leads if lead.initials in self.users), None)

    def _first_workstream(self, item: Item) -> Workstream | None:
        return min(item.workstreams.all(), key=lambda w: w.code, default=None)

    def writer(self, item: Item) -> User:
        """The owner with a sign-in, else the workstream lead, else the programme manager."""
        for ownership in item.ownerships.all():
            if ownership.person.initials in self.users:
                return self.users[ownership.person.initials]
        return self._lead_user(self._first_workstream(item)) or self.manager

    def challenger(self, item: Item) -> User:
        """Ratings are confirmed by the workstream's lead if they sign in, else the programme manager."""
        return self._lead_user(self._first_workstream(item)) or self.manager

    # Evidence ------------------------------------------------------------------------------

    def evidence_bank(self) -> dict[str, Evidence]:
        kinds = {label.lower(): value for value, label in Evidence.Kind.choices}
        kinds.update({value: value for value, _ in Evidence.Kind.choices})
        for row in read_csv("evidence.csv"):
            evidence = self.evidence[row["Title"]] = Evidence.objects.create(
                area=self.plan.area,
                title=row["Title"],
                kind=kinds[row["Kind"].strip().lower()],
                description=row["Description"],
                impact=row["Impact"],
                dated=_uk_date(row["Date"]),
                url=row["Web address"],
                added_by=self.manager,
            )
            # Added to the bank when it was dated, but not before the plan nor after the demo's day.
            added = _at(evidence.dated, 12) if evidence.dated else PLAN_IMPORTED
            stamp(
                Evidence.objects.filter(pk=evidence.pk),
                min(max(added, PLAN_IMPORTED), DEMO_NOW),
                ("added_at",),
            )
        return self.evidence

    def evidence_for(self, row: dict[str, str], month: Month) -> list[Evidence]:
        """The milestone's evidence that existed by the end of the month."""
        found = []
        for title in filter(None, (t.strip() for t in row["Evidence"].split(";"))):
            if title not in self.evidence:
                raise ValueError(
                    f"ratings.csv: {row['Milestone']} names evidence not in evidence.csv: {title}"
                )
            evidence = self.evidence[title]
            if evidence.dated is None or evidence.dated <= month.ends_on:
                found.append(evidence)
        return found

    # One month -----------------------------------------------------------------------------

    def run(self, month: Month) -> None:
        with dated(month.opened):
            period = services.period_open(
                plan=self.plan,
                by=self.manager,
                starts_on=month.starts_on,
                ends_on=month.ends_on,
                deadline=month.deadline,
                name=month.name,
            )
        updates = self.write_updates(period, month)
        if month.board_meeting is None:
            self.confirm_early(updates, month)
            return
        # The workstream meeting the day after the deadline: challenge, confirmations, confirmed.
        with dated(_at(month.workstream_meeting, 9)):
            period = services.period_move(
                period=period, to_state="challenge", expected_version=period.version, by=self.manager
            )
        for index, (row, update) in enumerate(updates):
            self.confirm(row, update, month, index)
        with dated(_at(month.workstream_meeting, 17)):
            period = services.period_move(
                period=period, to_state="confirmed", expected_version=period.version, by=self.manager
            )
        if month.name == HIGHLIGHT_MONTH:
            self.highlights(period, at=_at(month.ends_on, 10))
        reported_at = _at(month.board_meeting, 11)
        with dated(reported_at):
            services.period_move(
                period=period,
                to_state="reported",
                expected_version=period.version,
                by=self.manager,
                at=reported_at,
            )

    def status(self, label: str) -> RagStatus:
        try:
            return self.statuses[label]
        except KeyError:
            raise ValueError(f"ratings.csv: “{label}” is not a status of {self.plan.rag_scheme}") from None

    def write_updates(self, period: ReportingPeriod, month: Month) -> list[tuple[dict[str, str], Update]]:
        written = []
        for index, row in enumerate(r for r in self.rows if r[month.name]):
            item = self.items[row["Milestone"]]
            challenged = row["Challenged in"] == month.name
            proposed = self.status(row["Proposed"] if challenged else row[month.name])
            slipped = row["Slipped in"] == month.name
            content = services.UpdateContent(
                commentary=row.get(f"{month.name} progress") or row["Progress"],
                proposed_status=proposed,
                next_steps="" if proposed.counts_as_done else row["Next steps"],
                proposed_due_date=_uk_date(row["New due date"]) if slipped else None,
                due_date_reason=row["Due date reason"] if slipped else "",
                mitigation=row["Mitigation"] if proposed == self.worst else "",
                evidence=self.evidence_for(row, month),
            )
            # Owners write in the week before the deadline, spread over the days and hours.
            day = month.deadline - timedelta(days=1 + index % 6)
            written_at = _at(day, 9 + index % 8, (index * 7) % 60)
            with dated(written_at):
                update = services.update_save(
                    period=period,
                    item=item,
                    content=content,
                    expected_version=None,
                    by=self.writer(item),
                    at=written_at,
                )
            written.append((row, update))
        return written

    def confirm(self, row: dict[str, str], update: Update, month: Month, index: int) -> Update:
        status = self.status(row[month.name])
        reason = row["Challenge reason"] if row["Challenged in"] == month.name else ""
        confirmed_at = _at(month.workstream_meeting, 10 + index // 60, index % 60)
        with dated(confirmed_at):
            return services.update_confirm(
                update=update,
                status=status,
                reason=reason,
                mitigation=row["Mitigation"] if status == self.worst else None,
                expected_version=update.version,
                by=self.challenger(update.item),
                at=confirmed_at,
            )

    def confirm_early(self, updates: list[tuple[dict[str, str], Update]], month: Month) -> None:
        """In the open month, the S/E lead has already confirmed the updates on area 2 (social care)."""
        early = [
            update
            for row, update in updates
            if row["Milestone"].startswith("2.")
            and any(w.code == "S/E" for w in update.item.workstreams.all())
        ]
        for index, update in enumerate(early):
            confirmed_at = _at(month.deadline - timedelta(days=2), 15, index)
            with dated(confirmed_at):
                services.update_confirm(
                    update=update,
                    status=update.proposed_status,
                    expected_version=update.version,
                    by=self.challenger(update.item),
                    at=confirmed_at,
                )

    # Highlight reports ---------------------------------------------------------------------

    def owners_of_priorities(self) -> dict[str, str]:
        """Each priority's workstream: the one with most milestones under it (ties: by code)."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        milestones = self.plan.items.current().filter(level=4).prefetch_related("workstreams")
        for item in milestones:
            priority = item.number.rsplit(".", 2)[0]
            for workstream in item.workstreams.all():
                counts[priority][workstream.code] += 1
        return {
            priority: min(counter.items(), key=lambda pair: (-pair[1], pair[0]))[0]
            for priority, counter in counts.items()
        }

    def highlights(self, period: ReportingPeriod, *, at: datetime) -> None:
        """A report per workstream, drafted from the updates, with the text of highlights.csv.

        Each priority's text goes into the report of the workstream that owns the priority; the
        report's other rows keep the text drafted from the updates.
        """
        texts = {row["Priority"]: row for row in read_csv("highlights.csv")}
        owners = self.owners_of_priorities()
        for index, workstream in enumerate(
            self.plan.area.workstreams.prefetch_related("leaderships__person").order_by("code")
        ):
            by = self._lead_user(workstream) or self.manager
            # Each lead writes theirs on the period's last day, an hour apart.
            written_at = at + timedelta(hours=index)
            with dated(written_at):
                report = services.highlight_draft(period=period, workstream=workstream, by=by)
                rows = {
                    row.pk: {field: texts[row.number][column] for column, field in HIGHLIGHT_COLUMNS.items()}
                    for row in report.rows.all()
                    if row.number in texts and owners.get(row.number) == workstream.code
                }
                services.highlight_save(report=report, rows=rows, expected_version=report.version, by=by)
            stamp(HighlightReport.objects.filter(pk=report.pk), written_at, ("drafted_at", "updated_at"))
            self.highlight_reports += 1
