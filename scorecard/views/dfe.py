"""Not built yet: each view below is replaced by the scorecard work (see scorecard/urls.py)."""

from django.http import Http404


def dfe_start(request, *args, **kwargs):
    raise Http404


def dfe_upload(request, *args, **kwargs):
    raise Http404


def mapping_list(request, *args, **kwargs):
    raise Http404


def mapping_edit(request, *args, **kwargs):
    raise Http404
