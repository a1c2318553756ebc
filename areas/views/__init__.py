"""People, workstreams and members of a local area."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import User
from common.conflicts import try_save
from common.views import apply_validation_error

from .. import selectors, services, snapshots
from ..access import Access, Kind, SignedInRequest, area_view, manager_only, user_areas
from ..forms import InvitationForm, MemberForm, PersonForm, WorkstreamForm, person_initial, workstream_initial
from ..models import Membership, Organisation, Person, Workstream


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def person_list(request: SignedInRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "areas/person_list.html",
        {
            "access": access,
            "people": selectors.people_for(access=access),
            "groups": selectors.groups_for(access=access),
            "nav": "people",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def person_create(request: SignedInRequest, access: Access) -> HttpResponse:
    form = PersonForm(request.POST or None)
    attempt = try_save(
        form,
        lambda: services.person_create(area=access.area, by=request.user, **form.values()),
    )
    if attempt.saved and (person := attempt.result) is not None:
        messages.success(request, f"{person.initials} added.")
        return redirect(person)
    return render(request, "areas/person_form.html", {"access": access, "form": form, "nav": "people"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def person_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    person = selectors.person_for(access=access, pk=pk)
    if person.is_group:
        return redirect("areas:group-edit", area=access.area.slug, pk=person.pk)
    form = PersonForm(request.POST or None, initial=person_initial(person))
    attempt = try_save(
        form,
        lambda: services.person_update(
            person=person,
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
            **form.values(),
        ),
        thing="this person",
        theirs=snapshots.person_snapshot,
        mine=lambda: snapshots.person_snapshot(_person_as_typed(form)),
    )
    if attempt.saved and (saved := attempt.result) is not None:
        messages.success(request, f"{saved.initials} saved.")
        return redirect(saved)
    context = {"access": access, "form": form, "person": person, "theirs": attempt.theirs, "nav": "people"}
    return render(request, "areas/person_form.html", context)


def _person_as_typed(form: PersonForm) -> Person:
    data = form.cleaned_data
    organisation = data["organisation"].strip()
    return Person(
        initials=data["initials"].strip(),
        name=data["name"].strip(),
        job_title=data["job_title"].strip(),
        email=data["email"].strip(),
        organisation=Organisation(name=organisation) if organisation else None,
        aliases=data["aliases"].strip(),
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.PLAN)
def workstream_list(request: SignedInRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "areas/workstream_list.html",
        {"access": access, "workstreams": selectors.workstreams_for(access=access), "nav": "workstreams"},
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def workstream_create(request: SignedInRequest, access: Access) -> HttpResponse:
    form = WorkstreamForm(request.POST or None, area=access.area)
    attempt = try_save(
        form,
        lambda: services.workstream_create(area=access.area, by=request.user, **form.values()),
    )
    if attempt.saved and (workstream := attempt.result) is not None:
        messages.success(request, f"Workstream {workstream.code} added.")
        return redirect(workstream)
    return render(
        request, "areas/workstream_form.html", {"access": access, "form": form, "nav": "workstreams"}
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def workstream_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    workstream = selectors.workstream_for(access=access, pk=pk)
    form = WorkstreamForm(
        request.POST or None,
        area=access.area,
        leads=workstream.ordered_leads(),
        initial=workstream_initial(workstream),
    )
    attempt = try_save(
        form,
        lambda: services.workstream_update(
            workstream=workstream,
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
            **form.values(),
        ),
        thing="this workstream",
        theirs=snapshots.workstream_snapshot,
        mine=lambda: snapshots.workstream_snapshot(
            Workstream(code=form.values()["code"], name=form.values()["name"]), leads=form.values()["leads"]
        ),
    )
    if attempt.saved and (saved := attempt.result) is not None:
        messages.success(request, f"Workstream {saved.code} saved.")
        return redirect(saved)
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
def member_list(request: SignedInRequest, access: Access) -> HttpResponse:
    return render(
        request,
        "areas/member_list.html",
        {
            "access": access,
            "members": selectors.members_for(access=access),
            "invitations": selectors.invitations_pending_for(access=access),
            "now": timezone.now(),
            "nav": "members",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def member_create(request: SignedInRequest, access: Access) -> HttpResponse:
    """Invite someone by email: they accept through the link and choose their own password."""
    form = InvitationForm(request.POST or None, area=access.area)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                area=access.area,
                email=data["email"],
                role=data["role"],
                person=data["person"],
                by=request.user,
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                f"An invitation to be {invitation.get_role_display().lower()} has been emailed to "
                f"{invitation.email}. The link in it works for 7 days.",
            )
            return redirect("areas:members", area=access.area.slug)
    return render(request, "areas/member_form.html", {"access": access, "form": form, "nav": "members"})


@require_http_methods(["GET", "POST"])
@area_view(manager_only, reads=Kind.PLAN)
def member_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    membership = selectors.member_for(access=access, pk=pk)
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
        theirs=snapshots.member_snapshot,
        mine=lambda: snapshots.member_snapshot(
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
def member_remove(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    membership = selectors.member_for(access=access, pk=pk)
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
def home(request: HttpRequest) -> HttpResponse:
    """Signed-in users go to their area; with several areas, they choose."""
    assert isinstance(request.user, User)  # LoginRequiredMiddleware lets only signed-in users here
    areas = user_areas(request.user)
    if len(areas) == 1 and not request.user.is_installation_admin:
        return redirect(areas[0])
    return render(request, "home.html", {"areas": areas})
