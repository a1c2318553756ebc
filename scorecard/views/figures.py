"""Not built yet: each view below is replaced by the scorecard work (see scorecard/urls.py)."""

from django.http import Http404


def figure_create(request, *args, **kwargs):
    raise Http404


def figure_edit(request, *args, **kwargs):
    raise Http404


def figures_upload(request, *args, **kwargs):
    raise Http404


def figures_template(request, *args, **kwargs):
    raise Http404
