"""The programme manager's publishing pages: summaries, settings, the preview and publishing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, publisher
from common.conflicts import try_save
from plans.models import Plan

from .. import rules, selectors, services
from ..charts import data_table, published_chart
from ..forms import PublicSettingsForm, PublishForm, SummaryForm
from ..models import ItemSummary, PublicSettings
from ..snapshots import settings_snapshot, summary_snapshot
from .public import measure_in, svg_response


def _read_at(record: ItemSummary | PublicSettings) -> int:
    """The version a page opens a record at: 0 while it has never been saved, so that of two people
    writing the first summary, the second is told of the first's rather than replacing it."""
    return record.version if record.pk else 0


def _version(form: SummaryForm | PublicSettingsForm) -> int:
    """The version the form was opened at; none (a first summary, never saved) is the first."""
    version = form.cleaned_data["version"]
    return 1 if version is None else version


@require_http_methods(["GET"])
@area_view(publisher, reads=Kind.PLAN)
def home(request: SignedInRequest, access: Access) -> HttpResponse:
    area = access.area
    plan = selectors.plan_shown(area=area)
    publications = list(selectors.publications_of(area=area))
    return render(
        request,
        "publishing/home.html",
        {
            "access": access,
            "plan": plan,
            "items": list(selectors.top_level_items(plan=plan)) if plan else [],
            "publications": publications,
            "latest": publications[0] if publications else None,
            "public_url": request.build_absolute_uri(reverse("public:home", kwargs={"area": area.slug})),
            "nav": "publishing",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(publisher, reads=Kind.PLAN)
def summary_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    item = selectors.top_item_for(access=access, pk=pk)
    saved = selectors.summary_of(item=item)
    initial = {"summary": saved.summary, "easy_read": saved.easy_read, "version": _read_at(saved)}
    form = SummaryForm(request.POST or None, initial=initial)
    attempt = try_save(
        form,
        lambda: services.summary_update(
            item=item,
            summary=form.cleaned_data["summary"],
            easy_read=form.cleaned_data["easy_read"],
            expected_version=_version(form),
            by=request.user,
        ),
        thing="this summary",
        theirs=summary_snapshot,
        mine=lambda: {
            "Summary for families": form.cleaned_data["summary"],
            "Easy-read summary": form.cleaned_data["easy_read"],
        },
    )
    if attempt.saved:
        messages.success(
            request, f"Summary of {item.number} saved. It appears on the public pages when you next publish."
        )
        return redirect("publishing:home", area=access.area.slug)
    return render(
        request,
        "publishing/summary_form.html",
        {"access": access, "form": form, "item": item, "theirs": attempt.theirs, "nav": "publishing"},
    )


@require_http_methods(["GET", "POST"])
@area_view(publisher, reads=Kind.PLAN)
def settings(request: SignedInRequest, access: Access) -> HttpResponse:
    saved = selectors.settings_of(area=access.area)
    plans = Plan.objects.filter(area=access.area).order_by("-created_at")
    initial = {"introduction": saved.introduction, "plan": saved.plan_id, "version": _read_at(saved)}
    form = PublicSettingsForm(request.POST or None, initial=initial, plans=plans)
    attempt = try_save(
        form,
        lambda: services.settings_update(
            area=access.area,
            introduction=form.cleaned_data["introduction"],
            plan=form.cleaned_data["plan"],
            expected_version=_version(form),
            by=request.user,
        ),
        thing="the public pages' settings",
        theirs=settings_snapshot,
        mine=lambda: {
            "Introduction": form.cleaned_data["introduction"],
            "Plan shown": form.cleaned_data["plan"].title if form.cleaned_data["plan"] else "",
        },
    )
    if attempt.saved:
        messages.success(request, "Public pages settings saved. They appear when you next publish.")
        return redirect("publishing:home", area=access.area.slug)
    return render(
        request,
        "publishing/settings_form.html",
        {"access": access, "form": form, "theirs": attempt.theirs, "nav": "publishing"},
    )


def _preview(request: SignedInRequest, access: Access) -> HttpResponse:
    content = selectors.public_content(area=access.area)
    latest = selectors.latest_publication(area=access.area)
    form = PublishForm(
        initial={"latest": latest.number if latest else 0, "etag": rules.content_etag(content)}
    )
    return render(
        request,
        "publishing/preview.html",
        {
            "access": access,
            "content": content,
            "measures": _with_tables(content),
            "form": form,
            "latest": latest,
            "nav": "publishing",
        },
    )


def _with_tables(content: dict) -> list[dict]:
    return [{**m, "table": data_table(measure=m)} for m in content["scorecard"]["measures"]]


@require_http_methods(["GET"])
@area_view(publisher, reads=Kind.PLAN)
def preview(request: SignedInRequest, access: Access) -> HttpResponse:
    """Exactly what publishing now would show, with a banner saying it is not published."""
    return _preview(request, access)


@require_http_methods(["GET"])
@area_view(publisher, reads=Kind.PLAN)
def preview_chart(request: SignedInRequest, access: Access, code: str) -> HttpResponse:
    content = selectors.public_content(area=access.area)
    measure = measure_in(content, code)
    response = svg_response(published_chart(measure=measure, area_name=content["area"]["name"]))
    response["Cache-Control"] = "private, no-cache"
    return response


@require_http_methods(["POST"])
@area_view(publisher, reads=Kind.PLAN)
def publish(request: SignedInRequest, access: Access) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Open the preview and publish from there.")
        return redirect("publishing:preview", area=access.area.slug)
    try:
        publication = services.publication_create(
            area=access.area,
            by=request.user,
            note=form.cleaned_data["note"],
            latest_seen=form.cleaned_data["latest"],
            previewed=form.cleaned_data["etag"],
        )
    except services.AlreadyPublished as done:
        messages.success(
            request,
            f"Publication {done.publication.number} was already made after you opened the preview, "
            "so nothing more was published.",
        )
        return redirect("publishing:home", area=access.area.slug)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("publishing:preview", area=access.area.slug)
    messages.success(request, f"Publication {publication.number} published. Families can read it now.")
    return redirect("publishing:home", area=access.area.slug)
