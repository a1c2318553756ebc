"""The RAG scheme editor: programme managers define schemes without code."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, manager_only
from common.conflicts import try_save
from common.views import apply_validation_error

from .. import selectors, services
from ..forms import RagSchemeForm, RagStatusForm
from ..models import RagStatus
from ..snapshots import rag_status_snapshot


@require_http_methods(["GET"])
@area_view(manager_only, reads=Kind.PLAN)
def scheme_list(request: SignedInRequest, access: Access) -> HttpResponse:
    schemes = selectors.rag_schemes_for(access=access)
    return render(request, "plans/rag_scheme_list.html", {"access": access, "schemes": schemes, "nav": "rag"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def scheme_create(request: SignedInRequest, access: Access) -> HttpResponse:
    form = RagSchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.rag_scheme_create(
                area=access.area,
                name=form.cleaned_data["name"],
                preset=form.cleaned_data["preset"],
                by=request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"RAG scheme {scheme.name} added.")
            return redirect(scheme)
    return render(request, "plans/rag_scheme_form.html", {"access": access, "form": form, "nav": "rag"})


@require_http_methods(["GET"])
@area_view(manager_only, reads=Kind.PLAN)
def scheme_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    scheme = selectors.rag_scheme_for(access=access, pk=pk)
    return render(request, "plans/rag_scheme_detail.html", {"access": access, "scheme": scheme, "nav": "rag"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def status_create(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    scheme = selectors.rag_scheme_for(access=access, pk=pk)
    form = RagStatusForm(request.POST or None, instance=RagStatus(scheme=scheme, position=0))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rag_status_add(
                scheme=scheme,
                label=data["label"],
                colour=data["colour"],
                meaning=data["meaning"],
                counts_as_done=data["counts_as_done"],
                needs_impact_evidence=data["needs_impact_evidence"],
                by=request.user,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Status {form.cleaned_data['label']} added.")
            return redirect(scheme)
    return render(
        request,
        "plans/rag_status_form.html",
        {"access": access, "scheme": scheme, "form": form, "nav": "rag"},
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def status_edit(request: SignedInRequest, access: Access, pk: int, status_pk: int) -> HttpResponse:
    status = selectors.rag_status_for(access=access, scheme_pk=pk, pk=status_pk)
    form = RagStatusForm(request.POST or None, instance=status, initial={"version": status.version})
    attempt = try_save(
        form,
        lambda: services.rag_status_update(
            status=status,
            label=form.cleaned_data["label"],
            colour=form.cleaned_data["colour"],
            meaning=form.cleaned_data["meaning"],
            counts_as_done=form.cleaned_data["counts_as_done"],
            needs_impact_evidence=form.cleaned_data["needs_impact_evidence"],
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
        ),
        thing="this status",
        theirs=rag_status_snapshot,
        mine=lambda: rag_status_snapshot(status),  # the form has put what was typed on `status`
    )
    if attempt.saved:
        messages.success(request, f"Status {status.label} saved.")
        return redirect(status.scheme)
    context = {"access": access, "scheme": status.scheme, "status": status, "form": form, "nav": "rag"}
    return render(request, "plans/rag_status_form.html", context | {"theirs": attempt.theirs})


@require_http_methods(["POST"])
@area_view(manager_only, reads=Kind.PLAN)
def status_move(
    request: SignedInRequest, access: Access, pk: int, status_pk: int, direction: str
) -> HttpResponse:
    if direction not in ("up", "down"):
        raise Http404
    status = selectors.rag_status_for(access=access, scheme_pk=pk, pk=status_pk)
    services.rag_status_move(status=status, up=direction == "up", by=request.user)
    messages.success(request, f"Status {status.label} moved {direction}.")
    return redirect(status.scheme)


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def status_remove(request: SignedInRequest, access: Access, pk: int, status_pk: int) -> HttpResponse:
    status = selectors.rag_status_for(access=access, scheme_pk=pk, pk=status_pk)
    error = None
    if request.method == "POST":
        try:
            services.rag_status_remove(status=status, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"Status {status.label} removed.")
            return redirect(status.scheme)
    return render(
        request,
        "plans/rag_status_remove.html",
        {"access": access, "scheme": status.scheme, "status": status, "error": error, "nav": "rag"},
    )
