"""Importing a DfE open data CSV into one breakdown of a measure: the area's figures and its comparators'.

    preview = preview_dfe(area=area, data=data, mapping=mapping, breakdown=breakdown)  # writes nothing
    result = import_dfe(area=area, data=data, mapping=mapping, breakdown=breakdown, by=user)

For each period in the file: the area's own figure (its local authority row, found by its
9-character or 3-digit code from the scorecard settings), England (the national row), the
region (the regional row with the settings' region code) and the statistical neighbours (the
mean of the neighbours' figures, where they have one). Everything is checked first; anything
wrong refuses the whole import with `DfeImportRefused`, and nothing is written.
"""

import hashlib
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction

from accounts.models import User
from areas.models import LocalArea

from ..figures_file import shown
from ..models import Breakdown, Figure, ScorecardSettings, Series, Unit
from ..periods import DataPeriod, PeriodProblem, read_period
from ..selectors import settings_for
from ..services.figures import FigureWrite, WriteCounts, figures_write, same_figure
from .mapping import ColumnMapping
from .reading import DfeReading, matches_area, read_dfe_csv
from .rows import DfeRow
from .values import Level, missing_symbol

ENGLAND_CODE = "E92000001"
NEIGHBOUR_PLACES = Decimal("0.1")


class DfeImportRefused(Exception):
    """The file was not imported, for the reasons in `messages`; nothing was written."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        count = len(self.messages)
        super().__init__(f"The file has {count} problem{'' if count == 1 else 's'}: nothing was imported")


@dataclass(frozen=True)
class PreviewFigure:
    """One figure the import would write; `value` None means missing, with `missing_reason`."""

    series: str
    value: Decimal | None
    missing_reason: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str = ""
    made_from: str = ""
    old: Figure | None = None

    @property
    def is_new(self) -> bool:
        return self.old is None

    def write(self, breakdown: Breakdown, period: DataPeriod) -> FigureWrite:
        return FigureWrite(
            breakdown_id=breakdown.pk,
            series=self.series,
            period=period,
            value=self.value,
            missing_reason=self.missing_reason,
            numerator=self.numerator,
            denominator=self.denominator,
            source_note=self.note,
            made_from=self.made_from,
        )

    @property
    def shown(self) -> str:
        return shown(self.value, self.missing_reason)

    @property
    def old_shown(self) -> str:
        return shown(self.old.value, self.old.missing_reason) if self.old is not None else ""


@dataclass
class PreviewPeriod:
    period: DataPeriod
    figures: dict[str, PreviewFigure] = field(default_factory=dict)

    def in_order(self) -> list[PreviewFigure | None]:
        """The period's figures in the series' order: this area, England, the region, the neighbours."""
        return [self.figures.get(series) for series in Series.values]


@dataclass
class DfePreview:
    """What an import would write, or why it cannot; `settings_missing` says what to set in the settings."""

    breakdown: Breakdown
    periods: list[PreviewPeriod] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    settings_missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.periods)

    @property
    def counts(self) -> WriteCounts:
        """What importing would do, counted as the import counts what it did (services.figures): new
        figures, figures replacing earlier ones, and figures already saved as they are (not written)."""
        counts = WriteCounts()
        for period in self.periods:
            for figure in period.figures.values():
                if figure.old is None:
                    counts.added += 1
                elif same_figure(figure=figure.old, write=figure.write(self.breakdown, period.period)):
                    counts.unchanged += 1
                else:
                    counts.replaced += 1
        return counts

    @property
    def figure_count(self) -> int:
        """The figures importing would write: new ones and those replacing earlier ones."""
        return self.counts.written

    @property
    def replaced_count(self) -> int:
        return self.counts.replaced

    def writes(self) -> list[FigureWrite]:
        return [
            figure.write(self.breakdown, period.period)
            for period in self.periods
            for figure in period.figures.values()
        ]

    def fingerprint(self) -> str:
        """A digest of what the import will write and of the figures it replaces (each at its version),
        so "Import" writes exactly what was previewed, and refuses if anyone changed a figure since."""
        parts = [
            repr((w.series, w.period.label, w.value, w.missing_reason, w.numerator, w.denominator))
            for w in self.writes()
        ]
        parts += [
            repr((f.series, f.old.pk, f.old.version))
            for period in self.periods
            for f in period.figures.values()
            if f.old is not None
        ]
        parts.append(str(self.breakdown.pk if self.breakdown else ""))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass
class ImportResult:
    """What an import wrote: figures per series, and how many were new or replaced earlier ones."""

    by_series: dict[str, int]
    added: int
    replaced: int
    unchanged: int
    periods: list[str]

    @property
    def written(self) -> int:
        return self.added + self.replaced

    def in_words(self) -> str:
        """As the preview said it would be (WriteCounts.in_words)."""
        return WriteCounts(added=self.added, replaced=self.replaced, unchanged=self.unchanged).in_words()

    def message(self, file_name: str, breakdown: Breakdown) -> str:
        """ "Imported 2 figures from timeliness.csv into E7 (All) for 2023, 2024: 1 new figure and 1
        replacing earlier one; 10 are unchanged." """
        figures = f"{self.written} figure{'' if self.written == 1 else 's'}"
        into = f"{breakdown.measure.code} ({breakdown.name}) for {', '.join(self.periods)}"
        return f"Imported {figures} from {file_name} into {into}: {self.in_words()}."


def _codes_problems(area_settings: ScorecardSettings, preview: DfePreview) -> None:
    if not (area_settings.la_code.strip() or area_settings.old_la_code.strip()):
        preview.settings_missing.append(
            "your local authority's 9-character code (Stockport's is E08000007) or its 3-digit code (356)"
        )
    if not area_settings.region_code.strip():
        preview.notes.append(
            "The region's figures are not imported because the scorecard settings have no region code "
            "(the North West is E12000002)."
        )
    if not area_settings.neighbours():
        preview.notes.append(
            "The statistical neighbours' figures are not imported because the scorecard settings list none."
        )
    if preview.settings_missing:
        preview.problems.append(
            "The scorecard settings do not say which rows of the file are this area's. "
            f"Set {' and '.join(preview.settings_missing)} in the scorecard settings"
        )


def _unit_problem(mapping: ColumnMapping, breakdown: Breakdown) -> str:
    measure = breakdown.measure
    if (mapping.unit == "percent") != (measure.unit == Unit.PERCENT):
        reads = "a percentage" if mapping.unit == "percent" else "a count"
        return (
            f"The mapping reads {reads} but {measure.code} is measured as "
            f"{measure.get_unit_display().lower()}. "
            "Choose a measure with the same unit, or change the mapping"
        )
    return ""


def _period(label: str) -> DataPeriod | None:
    try:
        return read_period(label)
    except PeriodProblem:
        return None


def _from_row(series: str, row: DfeRow, note: str) -> PreviewFigure:
    return PreviewFigure(
        series=series,
        value=row.value,
        missing_reason=row.missing_reason if row.value is None else "",
        numerator=row.numerator,
        denominator=row.denominator,
        note=note,
    )


def neighbours_made_from(rows: list[DfeRow], codes: list[str]) -> str:
    """How the neighbours' figure for a period is made, in words: "mean of 2 of 3 neighbours; Trafford: x"
    (each neighbour without a figure named, with the DfE's symbol or "no row" when the file has none)."""
    with_value = sum(1 for row in rows if row.value is not None)
    without = [
        f"{row.area_name or row.code}: {missing_symbol(row.missing_reason)}"
        for row in rows
        if row.value is None
    ]
    found = {code for code in codes for row in rows if matches_area(row, code)}
    without += [f"{code}: no row" for code in codes if code not in found]
    words = f"mean of {with_value} of {len(codes)} neighbour{'s' if len(codes) != 1 else ''}"
    return "; ".join([words, ", ".join(without)]) if without else words


def _neighbours(rows: list[DfeRow], codes: list[str], note: str) -> PreviewFigure:
    """The statistical neighbours' figure: the mean of those with a value, to one decimal place, saying
    how many it averages and which neighbours had none (`neighbours_made_from`)."""
    values = [row.value for row in rows if row.value is not None]
    made_from = neighbours_made_from(rows, codes)
    if not values:
        return PreviewFigure(
            series=Series.NEIGHBOURS,
            value=None,
            missing_reason=f"None of the {len(codes)} statistical neighbours has a figure for this period",
            note=note,
            made_from=made_from.split("; ", 1)[-1],
        )
    mean = (sum(values, Decimal(0)) / len(values)).quantize(NEIGHBOUR_PLACES, rounding=ROUND_HALF_UP)
    return PreviewFigure(
        series=Series.NEIGHBOURS,
        value=mean,
        note=f"{note}; mean of {len(values)} of {len(codes)} statistical neighbours",
        made_from=made_from,
    )


def _build(reading: DfeReading, area_settings: ScorecardSettings, preview: DfePreview, note: str) -> None:
    own_codes = [c for c in (area_settings.la_code.strip(), area_settings.old_la_code.strip()) if c]
    region = area_settings.region_code.strip()
    neighbours = area_settings.neighbours()
    by_period: dict[str, dict[str, PreviewFigure]] = {}
    neighbour_rows: dict[str, list[DfeRow]] = {}
    found_own = found_region = False
    found_neighbours: set[str] = set()
    for row in reading.rows:
        figures = by_period.setdefault(row.period, {})
        if row.level == Level.LOCAL_AUTHORITY:
            if any(matches_area(row, code) for code in own_codes):
                found_own = True
                figures.setdefault(Series.AREA, _from_row(Series.AREA, row, note))
            matched = [code for code in neighbours if matches_area(row, code)]
            if matched:
                found_neighbours.update(matched)
                neighbour_rows.setdefault(row.period, []).append(row)
        elif row.level == Level.NATIONAL and matches_area(row, ENGLAND_CODE):
            figures.setdefault(Series.ENGLAND, _from_row(Series.ENGLAND, row, note))
        elif row.level == Level.REGIONAL and region and matches_area(row, region):
            found_region = True
            figures.setdefault(Series.REGION, _from_row(Series.REGION, row, note))
    if own_codes and not found_own:
        preview.problems.append(
            f"The file has no rows for your local authority's code ({' or '.join(own_codes)}). "
            "Check the codes in the scorecard settings, and that the file has local authority figures"
        )
    if region and not found_region:
        preview.problems.append(
            f"The file has no rows for the region code {region}. Check the region code in the scorecard "
            "settings (the North West is E12000002)"
        )
    unknown = [code for code in neighbours if code not in found_neighbours]
    if unknown:
        preview.problems.append(
            f"The file has no rows for the statistical neighbour code{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(unknown)}. Check the statistical neighbours in the scorecard settings"
        )
    for label, figures in by_period.items():
        period = _period(label)
        if period is None:
            preview.problems.append(f'"{label}" is not a period this service can read')
            continue
        if neighbours:
            figures[Series.NEIGHBOURS] = _neighbours(neighbour_rows.get(label, []), neighbours, note)
        if figures:
            preview.periods.append(PreviewPeriod(period, figures))
    preview.periods.sort(key=lambda p: p.period.ends_on)


def _with_old_figures(preview: DfePreview) -> None:
    old = {(f.series, f.period): f for f in Figure.objects.filter(breakdown=preview.breakdown)}
    for period in preview.periods:
        for series, figure in period.figures.items():
            if (found := old.get((series, period.period.label))) is not None:
                period.figures[series] = replace(figure, old=found)


def preview_dfe(
    *, area: LocalArea, data: bytes, mapping: ColumnMapping, breakdown: Breakdown, source_note: str = ""
) -> DfePreview:
    """What importing the file through the mapping would write into `breakdown`; writes nothing."""
    preview = DfePreview(breakdown=breakdown)
    if breakdown.measure.area_id != area.pk:
        preview.problems.append("Choose a measure of this area")
        return preview
    if message := _unit_problem(mapping, breakdown):
        preview.problems.append(message)
    area_settings = settings_for(area=area)
    _codes_problems(area_settings, preview)
    reading = read_dfe_csv(data, mapping, area_codes=None, size_limit=settings.DFE_UPLOAD_MAX_BYTES)
    if not reading.is_valid:
        preview.problems.extend(reading.messages())
        return preview
    if preview.problems:
        return preview
    note = (source_note or mapping.name or "DfE open data")[:250]
    _build(reading, area_settings, preview, note)
    if not preview.problems and not preview.periods:
        preview.problems.append("The file has no figures for this area or its comparators")
    if not any(Series.ENGLAND in p.figures for p in preview.periods) and preview.periods:
        preview.notes.append("The file has no figures for England, so none are imported.")
    _with_old_figures(preview)
    return preview


@transaction.atomic
def import_dfe(
    *,
    area: LocalArea,
    data: bytes,
    mapping: ColumnMapping,
    breakdown: Breakdown,
    by: User | None = None,
    source_note: str = "",
) -> ImportResult:
    """Write the file's figures for the area and its comparators into `breakdown`, in one transaction,
    replacing earlier figures for the same series and period. Raises `DfeImportRefused` if anything is
    wrong, having written nothing."""
    preview = preview_dfe(area=area, data=data, mapping=mapping, breakdown=breakdown, source_note=source_note)
    if not preview.is_valid:
        raise DfeImportRefused(preview.problems or ["The file has nothing to import"])
    counts: WriteCounts = figures_write(
        area=area, writes=preview.writes(), source=Figure.Source.DFE, source_note=source_note, by=by
    )
    return ImportResult(
        by_series={
            series: sum(1 for p in preview.periods if series in p.figures) for series in Series.values
        },
        added=counts.added,
        replaced=counts.replaced,
        unchanged=counts.unchanged,
        periods=[p.period.label for p in preview.periods],
    )
