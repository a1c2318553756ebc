"""Trac 1.6's WSGI application for gunicorn, run inside var/bench/trac-venv (bench/http_run.py):

TRAC_ENV=var/bench/trac-env gunicorn --workers 2 trac_wsgi:application
"""

import os

from trac.web.main import dispatch_request

ENV_PATH = os.environ["TRAC_ENV"]


def application(environ, start_response):
    environ["trac.env_path"] = ENV_PATH
    return dispatch_request(environ, start_response)
