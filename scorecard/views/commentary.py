"""Writing what is being done about a measure, for one reporting period of the area's plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view
from common.conflicts import try_save
from progress import selectors as progress_selectors

from .. import selectors
from ..forms.commentary import CommentaryForm
from ..models import Commentary
from ..selectors.measure import breakdown_views
from ..services.commentary import commentary_save, commentary_snapshot


@require_http_methods(["GET", "POST"])
@area_view(reads=Kind.SCORECARD)
def commentary_edit(request: SignedInRequest, access: Access, pk: int, period_pk: int) -> HttpResponse:
    measure = selectors.get_measure(access=access, pk=pk)
    period = progress_selectors.period_for(access=access, pk=period_pk)
    if not access.can_enter_figures(measure):
        raise PermissionDenied("Only the measure's owner and the programme manager can write its commentary.")
    existing = Commentary.objects.filter(measure=measure, period=period).first()
    initial = {"text": existing.text, "version": existing.version} if existing else {}
    form = CommentaryForm(None if period.is_reported else request.POST or None, initial=initial)
    attempt = try_save(
        form,
        lambda: commentary_save(
            measure=measure,
            period=period,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        ),
        thing="commentary on this measure",
        verb="saved",
        doing="writing yours",
        theirs=lambda theirs: commentary_snapshot(commentary=theirs),
        mine=lambda: commentary_snapshot(commentary=Commentary(text=form.cleaned_data["text"].strip())),
    )
    back = period.get_absolute_url() if request.GET.get("from") == "period" else measure.get_absolute_url()
    if attempt.saved:
        messages.success(request, f"Commentary on {measure.code} for {period.name} saved.")
        return redirect(back)
    context = {"access": access, "measure": measure, "period": period, "existing": existing, "back": back}
    context |= {"form": form, "theirs": attempt.theirs, "nav": "scorecard"}
    views = breakdown_views(measure=measure, settings=selectors.settings_for(area=access.area))
    context["headline"] = next(iter(views), None)
    return render(request, "scorecard/commentary_form.html", context)
