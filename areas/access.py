"""The one place that decides who may see and do what in a local area.

Every view and download in the product goes through `area_view`, which finds the
signed-in user's membership of the area named in the URL. A user with no membership
gets "Page not found", whatever the URL or id: another area's pages do not exist for
them. Objects are then fetched through selectors that take the `Access`, so they are
always looked up inside that area.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, wraps
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from accounts.models import User
from common.prepared import PreparedQuery

from .models import LocalArea, Membership, Person, Workstream

Role = Membership.Role


class Workstreams(Protocol):
    def all(self) -> Iterable[Workstream]: ...


class Owner(Protocol):
    """An owner of a plan item (plans.models.ItemOwner), as far as the rules need it: who."""

    @property
    def person_id(self) -> int: ...


class Owners(Protocol):
    def all(self) -> Iterable[Owner]: ...


class PlanItem(Protocol):
    """What the rules below need of a plan item (plans.models.Item), which this app does not import."""

    @property
    def is_removed(self) -> bool: ...

    @property
    def workstreams(self) -> Workstreams: ...  # its workstreams (prefetched where a page lists many)

    @property
    def ownerships(self) -> Owners: ...  # its owners, as ItemOwner rows


class AddedBy(Protocol):
    """Evidence, as far as the rules need it: who added it."""

    @property
    def added_by_id(self) -> int | None: ...


class Owned(Protocol):
    """A scorecard measure or a risk, as far as the rules need it: its owner, a Person of the area."""

    @property
    def owner_id(self) -> int | None: ...


class SignedInRequest(HttpRequest):
    """A request to a page of a local area: its user has signed in, and `area_view` has found the
    user's access to the area."""

    user: User
    access: "Access"


class Kind(StrEnum):
    """The kinds of data a local area keeps, each read or not as a whole by a role."""

    PLAN = "plan"  # plans and their items, people, workstreams, RAG schemes, the plan's history
    CYCLE = "cycle"  # reporting periods, updates and their challenge, highlight reports, the evidence bank
    EVIDENCE_FILES = "evidence_files"  # the files in the evidence bank (minutes, case studies)
    SCORECARD = "scorecard"  # outcomes, measures, targets, figures, ratings, commentary
    RISKS = "risks"  # the risk register
    VOICE = "voice"  # "You said, we did": what families said, what was done, how we know
    CASE_DATA = "case_data"  # figures about individual children's cases (timeliness of each plan)

    @property
    def label(self) -> str:
        return READ_LABELS[self]


READ_LABELS = {
    Kind.PLAN: "the plan",
    Kind.CYCLE: "the monthly cycle and the evidence bank",
    Kind.EVIDENCE_FILES: "evidence files",
    Kind.SCORECARD: "the scorecard",
    Kind.RISKS: "the risk register",
    Kind.VOICE: "“You said, we did”",
    Kind.CASE_DATA: "case data",
}

EVERYTHING_BUT_CASES = frozenset(Kind) - {Kind.CASE_DATA}

# Which kinds each role reads. Every role reads what it read before kinds existed; case data (about
# individual children) is read only by the programme manager until an area grants it to a role.
READS: dict[str, frozenset[Kind]] = {
    Role.PROGRAMME_MANAGER: frozenset(Kind),
    Role.WORKSTREAM_LEAD: EVERYTHING_BUT_CASES,
    Role.CONTRIBUTOR: EVERYTHING_BUT_CASES,
    Role.VIEWER: EVERYTHING_BUT_CASES,
}


@dataclass(frozen=True)
class Access:
    """What one user may do in one local area."""

    user: User
    area: LocalArea
    membership: Membership
    role: str
    person_id: int | None

    @cached_property
    def owner_ids(self) -> frozenset[int]:
        """The user's person and the groups they are a member of: an item any of them owns is theirs.
        Read when a page first asks (one query), so a page that never does is not slowed by it."""
        if not self.person_id:
            return frozenset()
        groups = Person.objects.filter(area=self.area, members=self.person_id)
        return frozenset([self.person_id, *groups.values_list("pk", flat=True)])

    @cached_property
    def led_workstream_ids(self) -> frozenset[int]:
        """The workstreams a workstream lead leads: led by their person, or by a group of theirs. Read
        when a page first asks (one query)."""
        if self.role != Role.WORKSTREAM_LEAD or not self.owner_ids:
            return frozenset()
        return frozenset(
            Workstream.objects.filter(area=self.area, leads__in=self.owner_ids)
            .values_list("pk", flat=True)
            .distinct()
        )

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def is_programme_manager(self) -> bool:
        return self.role == Role.PROGRAMME_MANAGER

    @property
    def reads(self) -> frozenset[str]:
        """The kinds this role reads, as words a template can test: `{% if "scorecard" in access.reads %}`."""
        return frozenset(str(kind) for kind in READS.get(self.role, frozenset()))

    def can_read(self, kind: Kind) -> bool:
        """Read this kind of data (READS): pages, downloads and the sections of pages that show it."""
        return kind in READS.get(self.role, frozenset())

    def can_manage(self) -> bool:
        """Import plans, manage people, workstreams, members, plans and RAG schemes."""
        return self.is_programme_manager

    def owns(self, person_id: int | None) -> bool:
        """Whether an owner is the user: their own person, or a group their person is a member of."""
        return person_id is not None and (person_id == self.person_id or person_id in self.owner_ids)

    @property
    def owner_id_list(self) -> list[int]:
        """The ids `owns` accepts, for a query (`ownerships__person_id__in`): none without a person."""
        return sorted({*self.owner_ids, *([self.person_id] if self.person_id else [])})

    def can_edit_item(self, item: PlanItem) -> bool:
        """Programme managers edit every item; leads their workstreams' items; contributors their own
        (owned by their person, or by a group they are a member of)."""
        return self.may_edit_item(
            removed=item.is_removed,
            workstream_ids=(w.pk for w in item.workstreams.all()),
            owner_ids=(o.person_id for o in item.ownerships.all()),
        )

    def may_edit_item(
        self, *, removed: bool, workstream_ids: Iterable[int], owner_ids: Iterable[int]
    ) -> bool:
        """`can_edit_item` from plain facts about an item: whether it was removed, the ids of its
        workstreams and of its owners (people or groups). Each is read only if the role needs it."""
        if removed:
            return False
        if self.is_programme_manager:
            return True
        if self.role == Role.WORKSTREAM_LEAD:
            return any(pk in self.led_workstream_ids for pk in workstream_ids)
        if self.role == Role.CONTRIBUTOR and self.person_id:
            return any(self.owns(person_id) for person_id in owner_ids)
        return False

    def can_restructure_item(self, item: PlanItem) -> bool:
        """Add children to, move or remove an item: programme managers, and leads for their workstreams."""
        if self.role == Role.CONTRIBUTOR:
            return False
        return self.can_edit_item(item)

    def may_restructure_item(
        self, *, removed: bool, workstream_ids: Iterable[int], owner_ids: Iterable[int]
    ) -> bool:
        """`can_restructure_item` from plain facts about an item (`may_edit_item`)."""
        if self.role == Role.CONTRIBUTOR:
            return False
        return self.may_edit_item(removed=removed, workstream_ids=workstream_ids, owner_ids=owner_ids)

    def can_add_top_level_item(self) -> bool:
        return self.is_programme_manager

    # The monthly cycle

    def can_update_item(self, item: PlanItem) -> bool:
        """Write an item's progress update: its owners, their workstream lead, the programme manager."""
        return self.can_edit_item(item)

    def can_challenge_item(self, item: PlanItem) -> bool:
        """Confirm or change a proposed status: the workstream lead or the programme manager."""
        if item.is_removed:
            return False
        return self.may_challenge({w.pk for w in item.workstreams.all()})

    def may_update(self, workstream_ids: set[int], *, owns: bool) -> bool:
        """`can_update_item` from plain facts about an item, for pages listing thousands of them."""
        if self.is_programme_manager:
            return True
        if self.role == Role.WORKSTREAM_LEAD:
            return bool(workstream_ids & self.led_workstream_ids)
        return self.role == Role.CONTRIBUTOR and owns

    def may_challenge(self, workstream_ids: set[int]) -> bool:
        """`can_challenge_item` from the ids of an item's workstreams."""
        if self.is_programme_manager:
            return True
        return self.role == Role.WORKSTREAM_LEAD and bool(workstream_ids & self.led_workstream_ids)

    def can_edit_highlight_report(self, workstream: Workstream) -> bool:
        """Draft and edit a workstream's highlight report: its lead or the programme manager."""
        return self.is_programme_manager or workstream.pk in self.led_workstream_ids

    def can_run_cycle(self) -> bool:
        """Open reporting periods, move them through challenge, and report them: the programme manager."""
        return self.is_programme_manager

    def can_add_evidence(self) -> bool:
        """Everyone who writes updates may add evidence; viewers only read it."""
        return self.role != Role.VIEWER

    def can_edit_evidence(self, evidence: AddedBy) -> bool:
        """The programme manager, and whoever added the evidence."""
        if self.is_programme_manager:
            return True
        return self.role != Role.VIEWER and evidence.added_by_id == self.user.pk

    # The scorecard

    def can_manage_scorecard(self) -> bool:
        """Define outcomes and measures, set how they are rated, import DfE data: the programme manager."""
        return self.is_programme_manager

    def can_enter_figures(self, measure: Owned) -> bool:
        """Enter or upload a measure's figures and write its commentary: the programme manager and
        the measure's owner."""
        if self.is_programme_manager:
            return True
        return self.role != Role.VIEWER and bool(self.person_id) and measure.owner_id == self.person_id

    # The risk register

    def can_manage_risks(self) -> bool:
        """Add risks, edit any risk, close and reopen them, set the area's bands: the programme manager."""
        return self.is_programme_manager

    def can_update_risk(self, risk: Owned) -> bool:
        """Review a risk's score and write progress on its mitigations: the programme manager and the
        risk's owner."""
        if self.is_programme_manager:
            return True
        return self.role != Role.VIEWER and bool(self.person_id) and risk.owner_id == self.person_id

    # "You said, we did" and the public pages

    def can_write_voice(self) -> bool:
        """Add and edit "You said, we did" entries: everyone but viewers (publishing them is the
        programme manager's)."""
        return self.role != Role.VIEWER

    def can_make_packs(self) -> bool:
        """Set up board pack templates, make packs, and mark the version sent to a meeting: the
        programme manager."""
        return self.is_programme_manager

    def can_read_pack(self, *, sent: bool) -> bool:
        """Read and download a board pack: the programme manager any version; every other member the
        version marked as sent to the meeting."""
        return self.is_programme_manager or sent

    def can_publish(self) -> bool:
        """Write the summaries families read, preview and publish the public pages, mark entries as
        published: the programme manager."""
        return self.is_programme_manager


_MEMBERSHIP = PreparedQuery(  # on every page of an area: prepared once (common.prepared), not per request
    lambda user, slug: Membership.objects.select_related("area").filter(user_id=user, area__slug=slug)[:1],
    user=int,
    slug=str,
)


def access_for(user: User | AnonymousUser, area_slug: str) -> Access:
    """The user's access to the area, or "Page not found" if they are not a member. One query: what the
    user owns and leads is read only when a page asks (`Access.owner_ids`, `led_workstream_ids`)."""
    if not isinstance(user, User) or not user.is_active:  # not signed in, or no longer allowed to
        raise Http404
    membership = _MEMBERSHIP.first(user=user.pk, slug=area_slug)
    if membership is None:
        raise Http404("No such local area")
    return Access(
        user=user,
        area=membership.area,
        membership=membership,
        role=membership.role,
        person_id=membership.person_id,
    )


ViewFunction = Callable[..., HttpResponseBase]  # (request: SignedInRequest, access: Access, **url_kwargs)


def area_view(
    permission: Callable[[Access], bool] | None = None, *, reads: Kind
) -> Callable[[ViewFunction], ViewFunction]:
    """Decorate a view taking (request, access, ...): membership checked, then that the role reads
    the kind of data the page shows (`reads`), then `permission`.

    Not a member: 404. A member whose role does not read that kind, or lacks the permission: 403.
    The kind is kept on the view as `reads_kind`, so a test can walk every page by kind.
    """

    def decorator(view: ViewFunction) -> ViewFunction:
        @wraps(view)
        def wrapped(request: HttpRequest, area: str, *args: Any, **kwargs: Any) -> HttpResponseBase:
            access = access_for(request.user, area)
            if not access.can_read(reads):
                raise PermissionDenied(
                    f"Your role in this local area does not include reading {reads.label}."
                )
            if permission is not None and not permission(access):
                raise PermissionDenied("Your role in this local area does not allow this.")
            signed_in: SignedInRequest = request  # type: ignore[assignment]  # signed in: access_for says so
            signed_in.access = access
            return view(signed_in, access, *args, **kwargs)

        wrapped.reads_kind = reads  # type: ignore[attr-defined]
        return wrapped

    return decorator


def manager_only(access: Access) -> bool:
    return access.can_manage()


def cycle_runner(access: Access) -> bool:
    return access.can_run_cycle()


def evidence_adder(access: Access) -> bool:
    return access.can_add_evidence()


def scorecard_manager(access: Access) -> bool:
    return access.can_manage_scorecard()


def risk_manager(access: Access) -> bool:
    return access.can_manage_risks()


def voice_writer(access: Access) -> bool:
    return access.can_write_voice()


def pack_maker(access: Access) -> bool:
    return access.can_make_packs()


def publisher(access: Access) -> bool:
    return access.can_publish()


def user_areas(user: User) -> list[LocalArea]:
    """The local areas a user is a member of (for the home page)."""
    return list(LocalArea.objects.filter(memberships__user=user).order_by("name"))


def installation_admin_view(view: ViewFunction) -> ViewFunction:
    """Decorate a page of the installation administrator's ("Local areas"): anyone else, signed in or
    not, gets "Page not found", so the pages do not exist for them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not getattr(request.user, "is_installation_admin", False):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapped


def member_user_ids(access: Access) -> Any:
    """The ids of the area's members' accounts (a subquery), for pages about their sign-ins."""
    return Membership.objects.filter(area=access.area).values("user_id")
