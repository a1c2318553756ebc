"""Warming the app before the server forks its workers (common/warm.py, config/gunicorn.py)."""

from django.template import engines

from common.warm import template_names, warm


def test_warming_compiles_every_template_so_none_is_left_for_a_workers_first_request():
    names = template_names()
    assert "base.html" in names and "plans/item_detail.html" in names
    assert warm() == len(names)  # every template compiles
    loader = engines["django"].engine.template_loaders[0]  # Django's cached loader, as in production
    assert {"base.html", "plans/item_detail.html"} <= set(loader.get_template_cache)
