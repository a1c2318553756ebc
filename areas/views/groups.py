"""Groups that own items or lead workstreams (a board, a team, a role): the programme manager adds,
edits and removes them. A group's page is a person's page (`areas:person`), with its members."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from common.conflicts import try_save

from .. import selectors, services, snapshots
from ..access import Access, Kind, SignedInRequest, area_view, manager_only
from ..forms import GroupForm, group_initial
from ..models import Person


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def group_create(request: SignedInRequest, access: Access) -> HttpResponse:
    form = GroupForm(request.POST or None, area=access.area)
    attempt = try_save(
        form, lambda: services.group_create(area=access.area, by=request.user, **form.values())
    )
    if attempt.saved and (group := attempt.result) is not None:
        messages.success(request, f"{group.name} ({group.initials}) added.")
        return redirect(group)
    return render(request, "areas/group_form.html", {"access": access, "form": form, "nav": "people"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def group_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    group = selectors.group_for(access=access, pk=pk)
    form = GroupForm(request.POST or None, area=access.area, initial=group_initial(group))
    attempt = try_save(
        form,
        lambda: services.group_update(
            group=group,
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
            **form.values(),
        ),
        thing="this group",
        theirs=snapshots.person_snapshot,
        mine=lambda: snapshots.group_snapshot(_group_as_typed(form), members=form.values()["members"]),
    )
    if attempt.saved and (saved := attempt.result) is not None:
        messages.success(request, f"{saved.name} saved.")
        return redirect(saved)
    context = {"access": access, "form": form, "group": group, "theirs": attempt.theirs, "nav": "people"}
    return render(request, "areas/group_form.html", context)


def _group_as_typed(form: GroupForm) -> Person:
    values = form.values()
    return Person(
        kind=Person.Kind.GROUP, name=values["name"], initials=values["short_name"], notes=values["notes"]
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def group_remove(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    group = selectors.group_for(access=access, pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.group_remove(group=group, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"{group.name} removed.")
            return redirect("areas:people", area=access.area.slug)
    return render(
        request,
        "areas/group_remove.html",
        {"access": access, "group": group, "error": error, "nav": "people"},
    )
