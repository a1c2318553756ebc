"""The challenge in bulk: a period's proposed ratings in one list, several confirmed at once.

Each rating ticked goes through `services.update_confirm`, the service the one-item challenge form
uses, with the status the owner proposed: the same rules hold (a status needing evidence of impact
with none, the worst status with no mitigation: refused). Each confirmation is its own transaction,
so those that pass are confirmed and those refused are listed at the top with the item and the
reason, left as they were: none is half-written. Each row carries the update's version, so an update
changed (or confirmed) since the list was shown is refused as changed, never confirmed unseen. Only
updates the user may challenge are listed or accepted; any other id is refused without saying more.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from common.conflicts import try_save

from .. import selectors, services
from ..models import ReportingPeriod, Update

NOT_YOURS = "This update is not in this period, or is not one you may challenge. It was not confirmed."


def challenger(access: Access) -> bool:
    """The programme manager, and a workstream lead who leads a workstream."""
    return access.is_programme_manager or bool(access.led_workstream_ids)


@dataclass(frozen=True)
class Refusal:
    number: str  # the item's number, or "" when the update is not one the user may see
    text: str
    reason: str


def _workstream_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _listed(values: list[str]) -> dict[int, int]:
    """The rows the list showed: update id -> the version it was shown at ("12:3")."""
    listed = {}
    for value in values:
        pk, _, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            listed[int(pk)] = int(version)
    return listed


def _confirm_one(request: SignedInRequest, update: Update | None, version: int | None) -> Refusal | None:
    if update is None or version is None:
        return Refusal("", "", NOT_YOURS)
    attempt = try_save(
        None,
        lambda: services.update_confirm(
            update=update, status=update.proposed_status, expected_version=version, by=request.user
        ),
        thing=f"the update on {update.item.number}",
        who="Someone",
        doing="looking at this list",
        verb="changed",
    )
    if attempt.saved:
        return None
    return Refusal(update.item.number, update.item.text, attempt.problem)


@require_http_methods(["GET", "POST"])
@area_view(challenger, reads=Kind.CYCLE)
def challenge_bulk(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    period = selectors.period_for(access=access, pk=pk)
    workstream_id = _workstream_id(request.POST.get("workstream") or request.GET.get("workstream"))
    here = reverse("progress:challenge-bulk", kwargs={"area": access.area.slug, "pk": period.pk})
    if workstream_id is not None:
        here += f"?workstream={workstream_id}"
    refused: list[Refusal] = []
    confirmed = 0
    error = ""
    if request.method == "POST":
        if not period.takes_updates:
            messages.error(
                request, f"{period.name} is {period.get_state_display().lower()}: it takes no challenge."
            )
            return redirect(period)
        listed = _listed(request.POST.getlist("listed"))
        wanted = (
            list(listed)
            if request.POST.get("action") == "all"
            else [int(v) for v in request.POST.getlist("selected") if v.isdigit()]
        )
        if not wanted:
            error = "Select at least one rating to confirm, or press “Confirm all listed”"
        found = selectors.challengeable_updates(access=access, period=period, ids=wanted)
        for update_id in dict.fromkeys(wanted):
            refusal = _confirm_one(request, found.get(update_id), listed.get(update_id))
            if refusal is None:
                confirmed += 1
            else:
                refused.append(refusal)
        if wanted and not refused:
            messages.success(request, f"{confirmed} rating{'s' if confirmed != 1 else ''} confirmed.")
            return redirect(here)
    listing = selectors.challenge_list(
        access=access, period=period, workstream_id=workstream_id, today=timezone.localdate()
    )
    return _page(request, access, period, listing, refused, confirmed, error)


def _page(
    request: SignedInRequest,
    access: Access,
    period: ReportingPeriod,
    listing: selectors.ChallengeList,
    refused: list[Refusal],
    confirmed: int,
    error: str,
) -> HttpResponse:
    context = {
        "access": access,
        "plan": period.plan,
        "period": period,
        "listing": listing,
        "refused": refused,
        "confirmed": confirmed,
        "error": error,
        "nav": "plans",
    }
    return render(request, "progress/challenge_bulk.html", context)
