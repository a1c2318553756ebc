"""Not built yet: each view below is replaced by the scorecard work (see scorecard/urls.py)."""

from django.http import Http404


def scorecard(request, *args, **kwargs):
    raise Http404


def exceptions(request, *args, **kwargs):
    raise Http404


def measure_detail(request, *args, **kwargs):
    raise Http404


def measure_chart(request, *args, **kwargs):
    raise Http404
