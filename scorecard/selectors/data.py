"""Reading what the data pages need: the area's measures for checking a file, and what a file would change."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from areas.models import LocalArea

from ..figures_file import BreakdownEntry, FileFigure, MeasureEntry, shown
from ..models import Breakdown, DataUpload, Figure, Measure, SavedMapping
from ..services.figures import FigureWrite, same_figure


def figure_catalogue(*, area: LocalArea) -> dict[str, MeasureEntry]:
    """The area's measures by code, each with its breakdowns headline first, to check a file against."""
    measures = Measure.objects.filter(area=area).prefetch_related(
        Prefetch("breakdowns", queryset=Breakdown.objects.order_by("position", "pk"))
    )
    return {
        m.code: MeasureEntry(m.code, m.unit, tuple(BreakdownEntry(b.pk, b.name) for b in m.breakdowns.all()))
        for m in measures
    }


def breakdown_choices(*, area: LocalArea) -> list[tuple[str, str]]:
    """Every breakdown of the area's measures, as (pk, "E1 EHC plans issued within 20 weeks: All")."""
    breakdowns = (
        Breakdown.objects.filter(measure__area=area)
        .select_related("measure")
        .order_by("measure__position", "measure__code", "position", "pk")
    )
    return [
        (str(b.pk), f"{b.measure.code} {b.measure.name}: {b.name} ({b.measure.get_unit_display().lower()})")
        for b in breakdowns
    ]


def area_breakdown(*, area: LocalArea, pk: int | str) -> Breakdown | None:
    return Breakdown.objects.select_related("measure").filter(measure__area=area, pk=pk).first()


def existing_figure(*, breakdown: Breakdown, series: str, period: str) -> Figure | None:
    return Figure.objects.filter(breakdown=breakdown, series=series, period=period).first()


def saved_mappings(*, area: LocalArea) -> list[SavedMapping]:
    return list(SavedMapping.objects.filter(area=area).select_related("saved_by").order_by("name"))


def recent_uploads(*, area: LocalArea, limit: int = 10) -> list[DataUpload]:
    return list(DataUpload.objects.filter(area=area).order_by("-uploaded_at")[:limit])


@dataclass(frozen=True)
class Replacement:
    row: FileFigure
    old: Figure

    @property
    def old_shown(self) -> str:
        return shown(self.old.value, self.old.missing_reason)


@dataclass
class UploadPreview:
    """What writing a checked file would do: figures added, replaced (old and new) and unchanged."""

    new: list[FileFigure] = field(default_factory=list)
    replaced: list[Replacement] = field(default_factory=list)
    unchanged: int = 0


def row_write(*, row: FileFigure) -> FigureWrite:
    """What writing a checked row would write."""
    return FigureWrite(row.breakdown.pk, row.series, row.period, row.value, row.missing_reason)


def upload_preview(*, area: LocalArea, rows: list[FileFigure]) -> UploadPreview:
    """Compare a checked file's figures with those stored, in one query."""
    existing = {
        (f.breakdown_id, f.series, f.period): f
        for f in Figure.objects.filter(
            breakdown__measure__area=area, breakdown_id__in={row.breakdown.pk for row in rows}
        )
    }
    preview = UploadPreview()
    for row in rows:
        old = existing.get(row.key)
        if old is None:
            preview.new.append(row)
        elif same_figure(figure=old, write=row_write(row=row)):
            preview.unchanged += 1
        else:
            preview.replaced.append(Replacement(row, old))
    return preview
