"""The "You said, we did" pages: the list, one entry, adding and editing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from areas.access import Access, Kind, SignedInRequest, area_view, voice_writer
from common.conflicts import try_save

from .. import selectors, services
from ..forms import EntryFilterForm, EntryForm
from ..models import Entry
from ..snapshots import entry_snapshot

PAGE_SIZE = 50


@require_http_methods(["GET"])
@area_view(reads=Kind.VOICE)
def entry_list(request: SignedInRequest, access: Access) -> HttpResponse:
    filter_form = EntryFilterForm(request.GET, area=access.area)
    filters = filter_form.filters()
    entries = selectors.entry_list(access=access, filters=filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "voice/entry_list.html",
        {
            "access": access,
            "filter_form": filter_form,
            "filtered": filters.any,
            "page": page,
            "query": filter_form.query(),
            "can_add": access.can_write_voice(),
            "nav": "voice",
        },
    )


@require_http_methods(["GET"])
@area_view(reads=Kind.VOICE)
def entry_detail(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    entry = selectors.entry_for(access=access, pk=pk)
    return render(
        request,
        "voice/entry_detail.html",
        {
            "access": access,
            "entry": entry,
            "reads_cycle": access.can_read(Kind.CYCLE),
            "reads_files": access.can_read(Kind.EVIDENCE_FILES),
            "reads_scorecard": access.can_read(Kind.SCORECARD),
            "can_edit": access.can_write_voice(),
            "nav": "voice",
        },
    )


@require_http_methods(["GET", "POST"])
@area_view(voice_writer, reads=Kind.VOICE)
def entry_create(request: SignedInRequest, access: Access) -> HttpResponse:
    may_publish = access.can_publish()
    if request.method == "POST":
        form = EntryForm(request.POST, area=access.area, may_publish=may_publish)
    else:
        initial = {"reference": selectors.next_reference(area=access.area)}
        form = EntryForm(area=access.area, may_publish=may_publish, initial=initial)
    attempt = try_save(
        form, lambda: services.entry_create(area=access.area, content=form.content(), by=request.user)
    )
    if attempt.result is not None:
        messages.success(request, f"{attempt.result.reference} added to “You said, we did”.")
        return redirect("voice:entry", area=access.area.slug, pk=attempt.result.pk)
    return render(
        request,
        "voice/entry_form.html",
        {"access": access, "form": form, "may_publish": may_publish, "nav": "voice"},
    )


@require_http_methods(["GET", "POST"])
@area_view(voice_writer, reads=Kind.VOICE)
def entry_edit(request: SignedInRequest, access: Access, pk: int) -> HttpResponse:
    entry = selectors.entry_for(access=access, pk=pk)
    may_publish = access.can_publish()
    if request.method == "POST":
        form = EntryForm(request.POST, area=access.area, may_publish=may_publish, entry=entry)
        form.fields["version"].required = True
    else:
        form = EntryForm(area=access.area, may_publish=may_publish, entry=entry)
    attempt = try_save(
        form,
        lambda: services.entry_update(
            entry=entry,
            expected_version=form.cleaned_data["version"],
            content=form.content(),
            by=request.user,
        ),
        thing="this entry",
        theirs=entry_snapshot,
        mine=lambda: _typed_snapshot(entry, form),
    )
    if attempt.result is not None:
        messages.success(request, f"{attempt.result.reference} saved.")
        return redirect("voice:entry", area=access.area.slug, pk=entry.pk)
    return render(
        request,
        "voice/entry_form.html",
        {
            "access": access,
            "form": form,
            "entry": entry,
            "theirs": attempt.theirs,
            "may_publish": may_publish,
            "nav": "voice",
        },
    )


def _typed_snapshot(entry: Entry, form: EntryForm) -> dict[str, str]:
    """What was typed, under the labels of `entry_snapshot`, to show beside what the other person saved."""
    content = form.content()
    draft = Entry(
        area=entry.area,
        reference=content.reference.strip(),
        said=content.said.strip(),
        source=content.source,
        heard_on=content.heard_on,
        group=content.group.strip(),
        did=content.did.strip(),
        how_we_know=content.how_we_know.strip(),
        is_published=content.is_published,
    )
    typed = entry_snapshot(draft)  # no links: a draft is not saved
    typed.update(
        {
            "Evidence": ", ".join(e.title for e in content.evidence),
            "Measures": ", ".join(m.code for m in content.measures),
            "I statements": ", ".join(o.code for o in content.outcomes),
            "Plan items": ", ".join(i.number for i in content.items),
        }
    )
    return typed
