"""Writing what is being done about a measure, for one reporting period of the area's plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import area_view
from common.concurrency import EditConflict
from common.views import apply_validation_error
from progress import selectors as progress_selectors

from .. import selectors
from ..forms.commentary import CommentaryForm
from ..models import Commentary
from ..selectors.measure import breakdown_views
from ..services.commentary import commentary_save


@require_http_methods(["GET", "POST"])
@area_view()
def commentary_edit(request, access, pk: int, period_pk: int):
    measure = selectors.get_measure(access, pk)
    period = progress_selectors.period_for(access, period_pk)
    if not access.can_enter_figures(measure):
        raise PermissionDenied("Only the measure's owner and the programme manager can write its commentary.")
    existing = Commentary.objects.filter(measure=measure, period=period).first()
    initial = {"text": existing.text, "version": existing.version} if existing else {}
    form = CommentaryForm(request.POST or None, initial=initial)
    theirs = None
    back = period.get_absolute_url() if request.GET.get("from") == "period" else measure.get_absolute_url()
    if request.method == "POST" and not period.is_reported and form.is_valid():
        try:
            commentary_save(
                measure=measure,
                period=period,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except EditConflict as conflict:
            theirs = conflict.obj
            data = request.POST.copy()
            data["version"] = theirs.version
            form = CommentaryForm(data)
            form.is_valid()
            form.add_error(
                None,
                "Someone else saved commentary on this measure while you were writing yours. What they saved "
                "is shown below. Yours has not been saved: check it against theirs and save again.",
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Commentary on {measure.code} for {period.name} saved.")
            return redirect(back)
    headline = next(iter(breakdown_views(measure, selectors.settings_for(access.area))), None)
    return render(
        request,
        "scorecard/commentary_form.html",
        {
            "access": access,
            "measure": measure,
            "period": period,
            "existing": existing,
            "headline": headline,
            "form": form,
            "theirs": theirs,
            "back": back,
            "nav": "scorecard",
        },
    )
