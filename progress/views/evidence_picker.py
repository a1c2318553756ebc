"""The update form's evidence: what it lists, and the search of the whole area's evidence bank.

The form lists the evidence already on the item or its update, what the user added lately and what
they just added (`listed`). Below it, a search of the bank by title, kind and date: the search is a
submit button of the update form itself (`action=search`), so without JavaScript the page comes back
with the results and with everything typed kept, unsaved; with htmx only the results are swapped in.
Evidence ticked among the results stays ticked, shown first among them. Only the area's evidence is
ever listed, found or accepted (`evidence_in_area`).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from areas.access import Access, SignedInRequest
from evidence.forms import EvidenceSearchForm
from evidence.models import Evidence
from evidence.selectors import EvidenceFound, evidence_in_area, evidence_search
from plans.models import Item

from ..models import Update

RECENT_EVIDENCE_DAYS = 90
SEARCH = "search"
FORM_FIELDS = (
    "commentary",
    "proposed_status",
    "mitigation",
    "next_steps",
    "proposed_due_date",
    "due_date_reason",
    "version",
)


def _ids(values: list[str]) -> list[int]:
    return [int(pk) for pk in values if pk.isdigit()]


def just_added(request: SignedInRequest) -> list[int]:
    """Evidence the user has just added to the bank: the evidence page sends them back with its id."""
    return _ids(request.GET.getlist("evidence"))


@dataclass
class EvidencePicker:
    access: Access
    item: Item
    update: Update | None
    request: SignedInRequest
    search_form: EvidenceSearchForm = field(init=False)
    found: EvidenceFound | None = field(init=False, default=None)
    picked: list[Evidence] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        data = self.request.POST if self.searching else None
        self.search_form = EvidenceSearchForm(data, prefix=SEARCH, initial=self._search_initial())

    @property
    def searching(self) -> bool:
        """The update form was sent with its "Search the evidence bank" button: search, do not save."""
        return self.request.method == "POST" and self.request.POST.get("action") == SEARCH

    @property
    def htmx(self) -> bool:
        return self.request.headers.get("HX-Request") == "true"

    def bank(self) -> QuerySet[Evidence]:
        """What the update form accepts: any evidence of the area, never another area's."""
        return Evidence.objects.filter(area=self.access.area)

    def listed(self) -> QuerySet[Evidence]:
        """Evidence already used for this item, what this user added lately, and what they just added."""
        since = timezone.now() - timedelta(days=RECENT_EVIDENCE_DAYS)
        wanted = (
            Q(updates__item=self.item)
            | Q(added_by=self.request.user, added_at__gte=since)
            | Q(pk__in=just_added(self.request))
        )
        if self.update is not None:
            wanted |= Q(updates=self.update)
        shown = self.bank().filter(wanted).values("pk")  # joins the updates: a subquery, not DISTINCT rows
        return self.bank().filter(pk__in=shown).order_by("title")

    def posted_initial(self) -> dict[str, Any]:
        """What the user typed, to show again unsaved after a search."""
        post: QueryDict = self.request.POST
        initial: dict[str, Any] = {name: post.get(name, "") for name in FORM_FIELDS}
        initial["evidence"] = _ids(post.getlist("evidence"))
        return initial

    def prepare(self, form_field: Any) -> None:
        """List only `listed` on the form's evidence field; keep the other ticked evidence (found by an
        earlier search) to show ticked among the results; run the search when asked."""
        form_field.queryset = self.listed()
        if self.request.method != "POST":
            return  # nothing ticked or searched: the options are read once, as the form is drawn
        listed = list(form_field.queryset.values_list("pk", flat=True))
        ticked = _ids(self.request.POST.getlist("evidence"))
        others = [pk for pk in ticked if pk not in listed]
        if others:
            self.picked = list(evidence_in_area(access=self.access, pks=others).order_by("title"))
        if self.searching and self.search_form.is_valid():
            data = self.search_form.cleaned_data
            self.found = evidence_search(
                access=self.access,
                title=data["title"],
                kind=data["kind"],
                dated_from=data["dated_from"],
                dated_to=data["dated_to"],
                leave_out=[*listed, *(e.pk for e in self.picked)],
            )

    def _search_initial(self) -> dict[str, Any]:
        if self.request.method != "POST":
            return {}
        post = self.request.POST
        names = ("title", "kind", "dated_from", "dated_to")
        return {name: post.get(f"{SEARCH}-{name}", "") for name in names}
