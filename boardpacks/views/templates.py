"""The board packs home, and setting up a pack template (programme manager)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, pack_maker
from common.conflicts import try_save
from plans.models import Plan
from plans.selectors import plans_for

from .. import selectors
from ..forms import TemplateForm, template_initial
from ..models import PackTemplate
from ..services import template_create, template_update
from ..snapshots import template_snapshot


def _template_url(access: Access, template: PackTemplate) -> str:
    return reverse("boardpacks:template", kwargs={"area": access.area.slug, "pk": template.pk})


@require_http_methods(["GET"])
@area_view(reads=Kind.CYCLE)
def home(request: SignedInRequest, access: Access) -> HttpResponse:
    """The programme manager: the templates and the latest packs. Everyone else: the packs sent."""
    context: dict = {"access": access, "nav": "boardpacks"}
    if access.can_make_packs():
        context["templates"] = selectors.templates_of(access=access)
        context["packs"] = selectors.latest_packs(access=access)
    else:
        context["packs"] = selectors.sent_packs(access=access)
    return render(request, "boardpacks/home.html", context)


def _typed(form: TemplateForm, template: PackTemplate) -> dict[str, str]:
    """What was typed, as the template's snapshot reads it, to show beside what someone else saved."""
    values = form.values()
    typed = PackTemplate(area=template.area, plan=template.plan, **values)
    return template_snapshot(typed)


def _plans(access: Access) -> list[Plan]:
    return list(plans_for(access=access))


@require_http_methods(["GET", "POST"])
@area_view(pack_maker, reads=Kind.CYCLE)
def template_create_view(request: SignedInRequest, access: Access) -> HttpResponse:
    form = TemplateForm(request.POST or None, plans=_plans(access))
    attempt = try_save(
        form,
        lambda: template_create(
            area=access.area, plan=form.cleaned_data["plan"], **form.values(), by=request.user
        ),
    )
    if attempt.saved and attempt.result is not None:
        messages.success(request, f"{attempt.result.name} set up. Make its first pack from this page.")
        return redirect(_template_url(access, attempt.result))
    context = {"access": access, "form": form, "template": None, "nav": "boardpacks"}
    return render(request, "boardpacks/template_form.html", context)


@require_http_methods(["GET"])
@area_view(pack_maker, reads=Kind.CYCLE)
def template_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    template = selectors.template_for(access=access, pk=pk)
    context = {
        "access": access,
        "template": template,
        "settings": template_snapshot(template),
        "periods": selectors.packs_by_period(template=template),
        "nav": "boardpacks",
    }
    return render(request, "boardpacks/template_detail.html", context)


@require_http_methods(["GET", "POST"])
@area_view(pack_maker, reads=Kind.CYCLE)
def template_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    template = selectors.template_for(access=access, pk=pk)
    form = TemplateForm(
        request.POST or None,
        initial=template_initial(template),
        plans=[template.plan],
        sections=list(template.sections),
    )
    attempt = try_save(
        form,
        lambda: template_update(
            template=template,
            expected_version=form.cleaned_data["version"] or 0,
            **form.values(),
            by=request.user,
        ),
        thing="this pack",
        theirs=template_snapshot,
        mine=lambda: _typed(form, template),
    )
    if attempt.saved:
        messages.success(request, f"{template.name} saved.")
        return redirect(_template_url(access, template))
    if attempt.problem:
        template.refresh_from_db()
    context = {"access": access, "form": form, "template": template, "theirs": attempt.theirs}
    return render(request, "boardpacks/template_form.html", {**context, "nav": "boardpacks"})
