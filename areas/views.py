"""People, workstreams and members of a local area."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from common.conflicts import try_save
from common.forms import without_version
from common.views import apply_validation_error
from plans import selectors as plan_selectors

from . import selectors, services
from .access import Kind, area_view, manager_only, user_areas
from .forms import MemberForm, PersonForm, WorkstreamForm, person_initial, workstream_initial
from .models import Membership, Organisation, Person, Workstream


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def person_list(request, access):
    return render(
        request,
        "areas/person_list.html",
        {"access": access, "people": selectors.people_for(access), "nav": "people"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def person_detail(request, access, pk: int):
    person = selectors.person_for(access, pk)
    items = plan_selectors.item_rows(
        access, plan_selectors.items_of_person(access, person.pk), timezone.localdate()
    )
    led = list(person.led_workstreams.select_related("area"))
    return render(
        request,
        "areas/person_detail.html",
        {"access": access, "person": person, "items": items, "led": led, "nav": "people"},
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def person_create(request, access):
    form = PersonForm(request.POST or None)
    attempt = try_save(
        form, lambda: services.person_create(area=access.area, by=request.user, **without_version(form))
    )
    if attempt.saved:
        messages.success(request, f"{attempt.result.initials} added.")
        return redirect(attempt.result)
    return render(request, "areas/person_form.html", {"access": access, "form": form, "nav": "people"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def person_edit(request, access, pk: int):
    person = selectors.person_for(access, pk)
    form = PersonForm(request.POST or None, initial=person_initial(person))
    attempt = try_save(
        form,
        lambda: services.person_update(
            person=person,
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
            **without_version(form),
        ),
        thing="this person",
        theirs=services.person_snapshot,
        mine=lambda: services.person_snapshot(_person_as_typed(form)),
    )
    if attempt.saved:
        messages.success(request, f"{attempt.result.initials} saved.")
        return redirect(attempt.result)
    context = {"access": access, "form": form, "person": person, "theirs": attempt.theirs, "nav": "people"}
    return render(request, "areas/person_form.html", context)


def _person_as_typed(form) -> Person:
    data = {name: value.strip() for name, value in without_version(form).items()}
    organisation = data.pop("organisation")
    return Person(**data, organisation=Organisation(name=organisation) if organisation else None)


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def workstream_list(request, access):
    return render(
        request,
        "areas/workstream_list.html",
        {"access": access, "workstreams": selectors.workstreams_for(access), "nav": "workstreams"},
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def workstream_detail(request, access, pk: int):
    workstream = selectors.workstream_for(access, pk)
    items = plan_selectors.item_rows(
        access, plan_selectors.items_of_workstreams(access, [workstream.pk]), timezone.localdate()
    )
    return render(
        request,
        "areas/workstream_detail.html",
        {"access": access, "workstream": workstream, "items": items, "nav": "workstreams"},
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def workstream_create(request, access):
    form = WorkstreamForm(request.POST or None, area=access.area)
    attempt = try_save(
        form, lambda: services.workstream_create(area=access.area, by=request.user, **without_version(form))
    )
    if attempt.saved:
        messages.success(request, f"Workstream {attempt.result.code} added.")
        return redirect(attempt.result)
    return render(
        request, "areas/workstream_form.html", {"access": access, "form": form, "nav": "workstreams"}
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def workstream_edit(request, access, pk: int):
    workstream = selectors.workstream_for(access, pk)
    form = WorkstreamForm(request.POST or None, area=access.area, initial=workstream_initial(workstream))
    attempt = try_save(
        form,
        lambda: services.workstream_update(
            workstream=workstream,
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
            **without_version(form),
        ),
        thing="this workstream",
        theirs=services.workstream_snapshot,
        mine=lambda: services.workstream_snapshot(Workstream(**without_version(form))),
    )
    if attempt.saved:
        messages.success(request, f"Workstream {attempt.result.code} saved.")
        return redirect(attempt.result)
    return render(
        request,
        "areas/workstream_form.html",
        {
            "access": access,
            "form": form,
            "workstream": workstream,
            "theirs": attempt.theirs,
            "nav": "workstreams",
        },
    )


@require_http_methods(["GET"])
@area_view(manager_only, reads=Kind.PLAN)
def member_list(request, access):
    return render(
        request,
        "areas/member_list.html",
        {"access": access, "members": selectors.members_for(access), "nav": "members"},
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def member_create(request, access):
    form = MemberForm(request.POST or None, area=access.area)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.member_add(
                area=access.area,
                email=data["email"],
                role=data["role"],
                person=data["person"],
                display_name=data["display_name"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, f"{membership.user.email} added as {membership.get_role_display().lower()}."
            )
            return redirect("areas:members", area=access.area.slug)
    return render(request, "areas/member_form.html", {"access": access, "form": form, "nav": "members"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def member_edit(request, access, pk: int):
    membership = selectors.member_for(access, pk)
    initial = {"role": membership.role, "person": membership.person_id, "version": membership.version}
    form = MemberForm(request.POST or None, area=access.area, editing=True, initial=initial)
    attempt = try_save(
        form,
        lambda: services.member_update(
            membership=membership,
            expected_version=form.cleaned_data["version"] or 0,
            role=form.cleaned_data["role"],
            person=form.cleaned_data["person"],
            by=request.user,
        ),
        thing="this member",
        theirs=services.member_snapshot,
        mine=lambda: services.member_snapshot(
            Membership(role=form.cleaned_data["role"], person=form.cleaned_data["person"])
        ),
    )
    if attempt.saved:
        messages.success(request, f"{membership.user.email} saved.")
        return redirect("areas:members", area=access.area.slug)
    return render(
        request,
        "areas/member_form.html",
        {
            "access": access,
            "form": form,
            "membership": membership,
            "theirs": attempt.theirs,
            "nav": "members",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def member_remove(request, access, pk: int):
    membership = selectors.member_for(access, pk)
    error = None
    if request.method == "POST":
        try:
            services.member_remove(membership=membership, by=request.user)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, f"{membership.user.email} can no longer see this area.")
            return redirect("areas:members", area=access.area.slug)
    return render(
        request,
        "areas/member_remove.html",
        {"access": access, "membership": membership, "error": error, "nav": "members"},
    )


@require_http_methods(["GET"])
def home(request):
    """Signed-in users go to their area; with several areas, they choose."""
    areas = user_areas(request.user)
    if len(areas) == 1:
        return redirect(areas[0])
    return render(request, "home.html", {"areas": areas})
