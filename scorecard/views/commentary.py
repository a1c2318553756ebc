"""Not built yet: each view below is replaced by the scorecard work (see scorecard/urls.py)."""

from django.http import Http404


def commentary_edit(request, *args, **kwargs):
    raise Http404
