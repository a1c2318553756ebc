"""Figures in by hand and by file: enter or edit one figure; upload a CSV or Excel file of many."""

import csv
import hashlib
import io
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, scorecard_manager
from common.conflicts import Attempt, try_save
from common.uploads import csv_safe

from .. import selectors
from ..figures_file import COLUMNS, CheckedFile, Problem, check_figures, read_figures_file
from ..forms.figures import ConfirmUploadForm, FigureForm, FiguresUploadForm
from ..models import Figure, Measure
from ..selectors import data as data_selectors
from ..selectors.data import UploadPreview, row_write
from ..services.figures import FigureExists, figure_save, figures_write, rounded

SESSION_KEY = "figure_uploads"
UPLOAD_FOLDER = "figure-uploads"


def _enterable(access: Access, measure: Measure) -> None:
    if not access.can_enter_figures(measure):
        raise PermissionDenied("Only the programme manager and the measure's owner can enter its figures.")


def _figure_page(
    request: SignedInRequest,
    access: Access,
    form: FigureForm,
    measure: Measure,
    attempt: Attempt[Figure],
    **extra: object,
) -> HttpResponse:
    context = {
        "access": access,
        "form": form,
        "measure": measure,
        "theirs": attempt.theirs,
        # A figure for that period is there already: the page links to it.
        "existing": attempt.error if isinstance(attempt.error, FigureExists) else None,
        "nav": "scorecard",
        **extra,
    }
    return render(request, "scorecard/figure_form.html", context)


def _save(
    request: SignedInRequest,
    form: FigureForm,
    *,
    figure: Figure | None = None,
    expected_version: int | None = None,
) -> Figure:
    """Save the form's figure: a new one, or (`figure`, `expected_version`) a change."""
    data = form.cleaned_data
    return figure_save(
        breakdown=form.chosen_breakdown,
        series=data["series"],
        period=data["period"],
        value=data["value"],
        missing_reason=data["missing_reason"],
        by=request.user,
        figure=figure,
        expected_version=expected_version,
    )


def _saved(request: SignedInRequest, figure: Figure, measure: Measure) -> HttpResponse:
    messages.success(request, f"{figure.get_series_display()} figure for {figure.period} saved.")
    return redirect(measure)


def _as_read(figure: Figure) -> dict[str, str]:
    """A figure as people read it ("This area 2024: 46.4"), to show theirs beside yours."""
    return {"Breakdown": figure.breakdown.name, "Figure": str(figure)}


def _as_typed(form: FigureForm) -> dict[str, str]:
    data = form.cleaned_data
    missing = "" if data["value"] is not None else data["missing_reason"].strip()
    typed = Figure(
        breakdown=form.chosen_breakdown,
        series=data["series"],
        period=data["period"],
        value=rounded(value=data["value"]),
        missing_reason=missing,
    )
    return _as_read(typed)


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.SCORECARD)
def figure_create(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    measure = selectors.get_measure(access=access, pk=pk)
    _enterable(access, measure)
    if request.method == "POST":
        form = FigureForm(request.POST, measure=measure)
    else:
        form = FigureForm(measure=measure, initial=_start(request, measure))
    attempt = try_save(form, lambda: _save(request, form))
    if (saved := attempt.result) is not None:
        return _saved(request, saved, measure)
    return _figure_page(request, access, form, measure, attempt)


def _start(request: SignedInRequest, measure: Measure) -> dict[str, str]:
    """What a new figure starts with: the series, period and breakdown the address names, if any."""
    initial = {"series": request.GET.get("series") or "area", "period": request.GET.get("period", "")}
    if request.GET.get("breakdown"):
        initial["breakdown"] = request.GET["breakdown"]
    else:
        first = measure.breakdowns.order_by("position", "pk").first()
        initial["breakdown"] = str(first.pk) if first else ""
    return initial


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.SCORECARD)
def figure_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    figure = selectors.get_figure(access=access, pk=pk)
    measure = figure.breakdown.measure
    _enterable(access, measure)
    form = FigureForm(request.POST or None, measure=measure, figure=figure)
    form.fields["version"].required = True
    attempt = try_save(
        form,
        lambda: _save(request, form, figure=figure, expected_version=form.cleaned_data["version"]),
        thing="this figure",
        theirs=_as_read,
        mine=lambda: _as_typed(form),
    )
    if (saved := attempt.result) is not None:
        return _saved(request, saved, measure)
    return _figure_page(request, access, form, measure, attempt, figure=figure)


# Uploading a file of figures


def _folder() -> Path:
    return Path(settings.PRIVATE_UPLOAD_ROOT) / UPLOAD_FOLDER


def _store(data: bytes) -> str:
    token = secrets.token_urlsafe(16)
    _folder().mkdir(parents=True, exist_ok=True)
    (_folder() / token).write_bytes(data)
    return token


def _stored(request: SignedInRequest, access: Access, token: str) -> tuple[Path, str]:
    """The file behind a token, only for the user and area that uploaded it."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    path = _folder() / token
    if (
        not entry
        or entry["area"] != access.area.slug
        or not token.replace("-", "").replace("_", "").isalnum()
    ):
        raise Http404("This upload has expired: upload the file again")
    if not path.is_file():
        raise Http404("This upload has expired: upload the file again")
    return path, entry["name"]


def declared_too_large(request: HttpRequest, limit: int | None = None) -> bool:
    """Whether an upload's declared length is over the limit, so it is refused before it is read and
    checked. Django has already spooled the body to a temporary file by then (the CSRF check reads it):
    the limit on a request's size belongs to the web server in front of the service."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > (limit or settings.UPLOAD_MAX_BYTES) + 64 * 1024


def _check(access: Access, data: bytes, name: str) -> tuple[CheckedFile | None, list[Problem]]:
    sheets, problems = read_figures_file(data, name=name, size_limit=settings.UPLOAD_MAX_BYTES)
    if problems:
        return None, problems
    checked = check_figures(sheets, data_selectors.figure_catalogue(area=access.area))
    return checked, checked.problems


def _fingerprint(checked: CheckedFile, preview: UploadPreview) -> str:
    parts = [repr((row.key, row.value, row.missing_reason)) for row in checked.rows]
    parts += [repr((r.old.pk, r.old.version)) for r in preview.replaced]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _upload_page(
    request: SignedInRequest,
    access: Access,
    form: FiguresUploadForm,
    problems: list[Problem] | None = None,
    too_large: bool = False,
) -> HttpResponse:
    context = {
        "access": access,
        "form": form,
        "problems": problems,
        "too_large": settings.UPLOAD_MAX_BYTES if too_large else None,
        "columns": COLUMNS,
        "nav": "scorecard",
    }
    return render(request, "scorecard/figures_upload.html", context)


@require_http_methods(["GET", "POST"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def figures_upload(request: SignedInRequest, access: Access) -> HttpResponse:
    # A file posted afresh wins over the stored one in the address (after that one had problems).
    token = request.POST.get("token") or (None if request.FILES else request.GET.get("file"))
    if token:
        return _preview(request, access, token)
    if request.method == "POST" and declared_too_large(request):
        return _upload_page(request, access, FiguresUploadForm(), too_large=True)
    form = FiguresUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = get_valid_filename(Path(upload.name).name) or "figures.csv"
        if upload.size > settings.UPLOAD_MAX_BYTES:
            return _upload_page(request, access, FiguresUploadForm(), too_large=True)
        data = upload.read()
        _, problems = _check(access, data, name)
        if problems:
            return _upload_page(request, access, form, problems=problems)
        token = _store(data)
        request.session.setdefault(SESSION_KEY, {})[token] = {"area": access.area.slug, "name": name}
        request.session.modified = True
        return redirect(
            f"{reverse('scorecard:figures-upload', kwargs={'area': access.area.slug})}?file={token}"
        )
    return _upload_page(request, access, form)


def _preview(request: SignedInRequest, access: Access, token: str) -> HttpResponse:
    path, name = _stored(request, access, token)
    checked, problems = _check(access, path.read_bytes(), name)
    if problems or checked is None:
        return _upload_page(request, access, FiguresUploadForm(), problems=problems)
    preview = data_selectors.upload_preview(area=access.area, rows=checked.rows)
    fingerprint = _fingerprint(checked, preview)
    form = ConfirmUploadForm(
        request.POST if request.method == "POST" else None,
        initial={"token": token, "fingerprint": fingerprint},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["fingerprint"] != fingerprint:
            messages.info(request, "The figures changed since you looked at this preview. Check them again.")
            return redirect(f"{request.path}?file={token}")
        counts = figures_write(
            area=access.area,
            writes=[row_write(row=row) for row in checked.rows],
            source=Figure.Source.UPLOAD,
            source_note=name,
            by=request.user,
        )
        path.unlink(missing_ok=True)
        request.session.get(SESSION_KEY, {}).pop(token, None)
        request.session.modified = True
        messages.success(
            request,
            f"Uploaded {name}: {counts.added} new figure{'' if counts.added == 1 else 's'}, "
            f"{counts.replaced} replaced, {counts.unchanged} unchanged.",
        )
        return redirect("scorecard:scorecard", area=access.area.slug)
    context = {
        "access": access,
        "preview": preview,
        "confirm": form,
        "name": name,
        "rows": len(checked.rows),
        "nav": "scorecard",
    }
    return render(request, "scorecard/figures_preview.html", context)


@require_http_methods(["GET"])
@area_view(scorecard_manager, reads=Kind.SCORECARD)
def figures_template(request: SignedInRequest, access: Access) -> HttpResponse:
    """A CSV with the headings, and a line for each measure's breakdowns to fill in."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for code, measure in data_selectors.figure_catalogue(area=access.area).items():
        for position, breakdown in enumerate(measure.breakdowns):
            shown = "" if position == 0 else breakdown.name
            writer.writerow([csv_safe(code), csv_safe(shown), "", "", "", ""])
    response = HttpResponse(("\ufeff" + stream.getvalue()).encode("utf-8"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="scorecard-figures.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
