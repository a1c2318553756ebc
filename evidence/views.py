"""The evidence bank's pages: the list, one item, adding, editing, and downloading its file."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, evidence_adder
from common.conflicts import try_save
from common.views import apply_validation_error
from progress import selectors as progress_selectors

from . import selectors, services
from .files import content_type_for, safe_file_name
from .forms import EvidenceFilterForm, EvidenceForm
from .models import Evidence

PAGE_SIZE = 50
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
}


def safe_next(candidate: str | None) -> str:
    """The page to go back to after adding evidence: only a path on this site, else ""."""
    candidate = (candidate or "").strip()
    if (
        candidate.startswith("/")
        and not candidate.startswith("//")
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None)
    ):
        return candidate
    return ""


def with_evidence(url: str, pk: int) -> str:
    """`url` with evidence=<pk> added to its query string, keeping whatever it had."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), ("evidence", str(pk))]
    return urlunsplit(parts._replace(query=urlencode(query)))


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def evidence_list(request: SignedInRequest, access: Access) -> HttpResponse:
    filter_form = EvidenceFilterForm(request.GET)
    filters = filter_form.filters()
    evidence = selectors.evidence_list(access=access, q=filters["q"], kind=filters["kind"])
    page = Paginator(evidence, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/evidence_list.html",
        {
            "access": access,
            "filter_form": filter_form,
            "filtered": any(filters.values()),
            "page": page,
            "query": urlencode({name: value for name, value in filters.items() if value}),
            "can_add": access.can_add_evidence(),
            "nav": "evidence",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def evidence_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    evidence = selectors.evidence_for(access=access, pk=pk)
    return render(
        request,
        "evidence/evidence_detail.html",
        {
            "access": access,
            "evidence": evidence,
            "uses": progress_selectors.evidence_uses(evidence=evidence),
            "can_edit": access.can_edit_evidence(evidence),
            "nav": "evidence",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(evidence_adder, reads=Kind.CYCLE)
def evidence_create(request: SignedInRequest, access: Access) -> HttpResponse:
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    form = EvidenceForm(request.POST, request.FILES) if request.method == "POST" else EvidenceForm()
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services.evidence_create(
                area=access.area,
                data=form.data_for_service(),
                file=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"“{evidence.title}” added to the evidence bank.")
            if next_url:
                return redirect(with_evidence(next_url, evidence.pk))
            return redirect("evidence:evidence", area=access.area.slug, pk=evidence.pk)
    return render(
        request,
        "evidence/evidence_form.html",
        {"access": access, "form": form, "next_url": next_url, "nav": "evidence"},
    )


def _editable(access: Access, pk: int) -> Evidence:
    evidence = selectors.evidence_for(access=access, pk=pk)
    if not access.can_edit_evidence(evidence):
        raise PermissionDenied("You can edit only the evidence you added.")
    return evidence


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.CYCLE)
def evidence_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    evidence = _editable(access, pk)
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, evidence=evidence)
        form.fields["version"].required = True
    else:
        form = EvidenceForm(evidence=evidence)
    attempt = try_save(
        form,
        lambda: services.evidence_update(
            evidence=evidence,
            data=form.data_for_service(),
            file=form.cleaned_data["file"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="this evidence",
        theirs=lambda saved: services.evidence_snapshot(evidence=saved),
        mine=lambda: services.draft_snapshot(
            evidence=evidence, data=form.data_for_service(), file=form.cleaned_data["file"]
        ),
    )
    if attempt.result is not None:
        messages.success(request, f"“{attempt.result.title}” saved.")
        return redirect("evidence:evidence", area=access.area.slug, pk=evidence.pk)
    return render(
        request,
        "evidence/evidence_form.html",
        {"access": access, "form": form, "evidence": evidence, "theirs": attempt.theirs, "nav": "evidence"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.EVIDENCE_FILES)
def evidence_download(request: SignedInRequest, access: Access, pk: int) -> FileResponse:
    """The file, always as a download, typed from the list of accepted types, never run by the browser."""
    evidence = selectors.evidence_for(access=access, pk=pk)
    if not evidence.file:
        raise Http404("This evidence has no file")
    try:
        handle = evidence.file.storage.open(evidence.file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing") from missing
    name = safe_file_name(evidence.file_name)
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type_for(name))
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response
