"""Writing a measure's figures: one typed in, or many from a file or the DfE, each change recorded.

A missing figure keeps its value empty and says why; it is never stored as zero. A figure
is one breakdown's value for one series and period, so entering a second figure for the
same period is refused (`FigureExists`) and the existing one is edited instead; writes
from a file replace the figures they name, all in one transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from areas.models import LocalArea
from common.concurrency import claim_version
from history import services as history

from ..models import Breakdown, Figure, Series
from ..periods import DataPeriod, PeriodProblem, read_period

MAX_DIGITS = 10  # Figure.value holds 14 digits, 4 of them after the point
PLACES = Decimal("0.0001")


WHOSE = {
    Series.AREA: "this area",
    Series.ENGLAND: "England",
    Series.REGION: "the region",
    Series.NEIGHBOURS: "the statistical neighbours",
}


class FigureExists(ValidationError):
    """There is already a figure for this breakdown, series and period: edit it instead. A refusal of the
    period, carrying the figure that is there."""

    def __init__(self, figure: Figure):
        self.figure = figure
        self.whose = WHOSE[Series(figure.series)]
        message = f"There is already a {figure.period} figure for {self.whose}. Edit that figure instead"
        super().__init__({"period": message})


def value_problem(*, value: Decimal | None) -> str:
    """A figure must fit: at most 10 digits before the point. Returns the message, or ""."""
    if value is not None and abs(value) >= Decimal(10) ** MAX_DIGITS:
        return "The value is too big. Enter a number smaller than 10,000,000,000"
    return ""


def rounded(*, value: Decimal | None) -> Decimal | None:
    """A value as stored: to 4 decimal places."""
    return None if value is None else value.quantize(PLACES)


def figure_snapshot(*, figure: Figure) -> dict[str, str]:
    """A figure as the text people read, keyed by label, to show who changed what."""
    return {
        "Series": figure.get_series_display(),
        "Period": figure.period,
        "Value": f"{figure.value.normalize():f}" if figure.value is not None else "",
        "Why there is no figure": figure.missing_reason,
    }


def _subject(breakdown: Breakdown) -> str:
    measure = breakdown.measure
    return f"Figures for {measure.code} ({breakdown.name})"[:200]


def _check(*, series: str, period: str, value: Decimal | None, missing_reason: str) -> DataPeriod:
    errors: dict[str, str] = {}
    if series not in Series.values:
        errors["series"] = "Choose whose figure this is: this area, England, the region or the neighbours"
    read: DataPeriod | None = None
    try:
        read = read_period(period)
    except PeriodProblem as problem:
        errors["period"] = str(problem)
    if value is None and not missing_reason.strip():
        errors["value"] = "Enter the value, or say why there is no figure"
    elif value is not None and missing_reason.strip():
        errors["value"] = "Enter a value or say why there is no figure, not both"
    elif message := value_problem(value=value):
        errors["value"] = message
    if errors or read is None:
        raise ValidationError(errors)
    return read


@transaction.atomic
def figure_save(
    *,
    breakdown: Breakdown,
    series: str,
    period: str,
    value: Decimal | None,
    missing_reason: str = "",
    by: User | None = None,
    figure: Figure | None = None,
    expected_version: int | None = None,
) -> Figure:
    """Save a figure typed in: a new one, or `figure` changed if nobody saved it since `expected_version`.

    Refused with `FigureExists` when the breakdown already has a figure for this series and
    period, and with `common.concurrency.EditConflict` when someone else saved `figure` first.
    """
    read = _check(series=series, period=period, value=value, missing_reason=missing_reason)
    clashes = Figure.objects.filter(breakdown=breakdown, series=series, period=read.label)
    if figure is not None:
        clashes = clashes.exclude(pk=figure.pk)
    clash = clashes.select_related("breakdown__measure").first()
    if clash is not None:
        raise FigureExists(clash)
    before: dict[str, str] = {}
    if figure is None:
        figure = Figure(breakdown=breakdown)
        action = history.Action.ADDED
    else:
        figure = Figure.objects.select_for_update().get(pk=figure.pk)
        before = figure_snapshot(figure=figure)
        if expected_version is None:
            raise TypeError("Changing a figure needs the version it was read at (expected_version)")
        claim_version(figure, expected_version)
        action = history.Action.CHANGED
    figure.breakdown = breakdown
    figure.series = series
    figure.period = read.label
    figure.period_ends_on = read.ends_on
    figure.value = rounded(value=value)
    figure.missing_reason = "" if value is not None else missing_reason.strip()
    figure.source = Figure.Source.ENTERED
    figure.source_note = ""
    figure.made_from = ""
    figure.entered_by = by
    figure.full_clean(exclude=["entered_by"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            figure.save()
    except IntegrityError:  # someone saved a figure for this period a moment ago
        raise FigureExists(
            Figure.objects.get(breakdown=breakdown, series=series, period=read.label)
        ) from None
    changes = history.diff(before, figure_snapshot(figure=figure))
    if changes:
        history.change_record(
            area=breakdown.measure.area,
            action=action,
            subject=_subject(breakdown),
            changes=changes,
            obj=figure,
            by=by,
            source="Web",
        )
    return figure


@dataclass(frozen=True)
class FigureWrite:
    """One figure to write from a file: for a breakdown (by id), series and period."""

    breakdown_id: int
    series: str
    period: DataPeriod
    value: Decimal | None
    missing_reason: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    source_note: str = ""
    made_from: str = ""

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.breakdown_id, self.series, self.period.label)


@dataclass
class WriteCounts:
    """What a write from a file did: figures added, replaced and left as they were, by series."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    by_series: dict[str, int] = field(default_factory=dict)

    @property
    def written(self) -> int:
        return self.added + self.replaced

    def in_words(self) -> str:
        """How an import's preview and its result both say what it does: "2 new figures and 2 replacing
        earlier ones; 4 are unchanged" (the unchanged ones are already saved and are not written again)."""
        new = f"{self.added} new figure{'' if self.added == 1 else 's'}"
        replacing = f"{self.replaced} replacing earlier one{'' if self.replaced == 1 else 's'}"
        unchanged = f"{self.unchanged} {'is' if self.unchanged == 1 else 'are'} unchanged"
        return f"{new} and {replacing}; {unchanged}"


def same_figure(*, figure: Figure, write: FigureWrite) -> bool:
    """Whether writing `write` would leave `figure` as it is (the preview and the write agree on this)."""
    return (
        figure.value == rounded(value=write.value)
        and figure.missing_reason == ("" if write.value is not None else write.missing_reason)
        and figure.numerator == write.numerator
        and figure.denominator == write.denominator
        and figure.made_from == write.made_from[:300]
    )


def _fill(figure: Figure, write: FigureWrite, *, source: str, source_note: str, by: User | None) -> None:
    figure.period_ends_on = write.period.ends_on
    figure.value = rounded(value=write.value)
    figure.missing_reason = "" if write.value is not None else (write.missing_reason or "Not given")[:200]
    figure.numerator = write.numerator
    figure.denominator = write.denominator
    figure.made_from = write.made_from[:300]
    figure.source = source
    figure.source_note = (write.source_note or source_note)[:300]
    figure.entered_by = by


@transaction.atomic
def figures_write(
    *,
    area: LocalArea,
    writes: Iterable[FigureWrite],
    source: str,
    source_note: str = "",
    by: User | None = None,
) -> WriteCounts:
    """Write many figures in one transaction, each replacing any earlier figure for its breakdown,
    series and period. The caller has checked them; every breakdown must be in `area`."""
    writes = list(writes)
    breakdowns = {
        b.pk: b
        for b in Breakdown.objects.filter(
            pk__in={w.breakdown_id for w in writes}, measure__area=area
        ).select_related("measure")
    }
    if len(breakdowns) != len({w.breakdown_id for w in writes}):
        raise ValidationError("A figure is for a measure that is not in this area")
    existing = {
        (f.breakdown_id, f.series, f.period): f
        for f in Figure.objects.select_for_update().filter(breakdown_id__in=breakdowns)
    }
    counts = WriteCounts()
    new = []
    touched: dict[int, list[str]] = {}
    for write in writes:
        figure = existing.get(write.key)
        if figure is not None and same_figure(figure=figure, write=write):
            counts.unchanged += 1
            continue
        if figure is None:
            figure = Figure(breakdown_id=write.breakdown_id, series=write.series, period=write.period.label)
            _fill(figure, write, source=source, source_note=source_note, by=by)
            new.append(figure)
            counts.added += 1
        else:
            _fill(figure, write, source=source, source_note=source_note, by=by)
            figure.version += 1
            figure.save()
            counts.replaced += 1
        counts.by_series[write.series] = counts.by_series.get(write.series, 0) + 1
        touched.setdefault(write.breakdown_id, []).append(
            f"{Series(write.series).label} {write.period.label}"
        )
    Figure.objects.bulk_create(new)
    for breakdown_id, written in touched.items():
        history.change_record(
            area=area,
            action=history.Action.CHANGED,
            subject=_subject(breakdowns[breakdown_id]),
            changes={"Figures written": ["", ", ".join(written)[:2000]]},
            by=by,
            source=source_note[:200] or Figure.Source(source).label,
        )
    return counts
