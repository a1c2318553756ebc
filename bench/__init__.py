"""`make bench`: a large synthetic area, timed page by page, beside Trac 1.6 serving the same data.

- `generate.py` builds the synthetic area (also used by tests/test_query_counts.py), and
  `history.py` its 24 months of the monthly cycle; `pages.py` names the pages measured, for
  both, and says what each shows.
- `__main__.py` runs everything and writes docs/performance.md (with `report.py`).
- `django_run.py` times our pages, import and export on one database, in a subprocess per
  database, with the settings in `settings.py`.
- `trac.py` installs Trac 1.6 into var/bench/trac-venv, loads the same plan and serves its
  pages to `django_run.py`; `trac_driver.py` is the script that runs inside that venv.
"""
