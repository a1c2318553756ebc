"""Not built yet: each view below is replaced by the scorecard work (see scorecard/urls.py)."""

from django.http import Http404


def settings_edit(request, *args, **kwargs):
    raise Http404


def outcome_list(request, *args, **kwargs):
    raise Http404


def outcome_create(request, *args, **kwargs):
    raise Http404


def outcome_edit(request, *args, **kwargs):
    raise Http404


def measure_create(request, *args, **kwargs):
    raise Http404


def measure_edit(request, *args, **kwargs):
    raise Http404


def breakdowns_edit(request, *args, **kwargs):
    raise Http404


def targets_edit(request, *args, **kwargs):
    raise Http404
