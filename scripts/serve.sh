#!/usr/bin/env bash
# `make serve`: the production server on this machine, gunicorn (config/gunicorn.py) and the background
# worker beside it, with the production settings. Both stop together (Ctrl-C, or either one stopping).
#
#   scripts/serve.sh           check the environment, migrate, collect static files, then serve
#   scripts/serve.sh --check   only check the environment
#
# docs/deploy.md describes the environment, the reverse proxy in front and the systemd units.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -n "${SECRET_KEY:-}" ] || missing+=(SECRET_KEY)
[ -n "${ALLOWED_HOSTS:-}" ] || missing+=(ALLOWED_HOSTS)
if [ ${#missing[@]} -gt 0 ]; then
	names="${missing[*]}"
	{
		echo "make serve: not started: set ${names// / and } in the environment (docs/deploy.md lists every variable)."
		echo "To try it on this machine, over plain HTTP:"
		echo "  export SECRET_KEY=\"\$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\""
		echo "  ALLOWED_HOSTS=localhost,127.0.0.1 SECURE_SSL_REDIRECT=false make serve"
	} >&2
	exit 2
fi
[ "${1:-}" = "--check" ] && exit 0

PY="${PYTHON:-.venv/bin/python}"
export DJANGO_SETTINGS_MODULE=config.settings.production
mkdir -p "${SENDPLAN_VAR_DIR:-var}"

"$PY" manage.py check --deploy
"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput -v 0

# Background jobs (board packs, large imports) run here, from the same database's queue.
"$PY" manage.py db_worker --no-reload --no-startup-delay &
worker=$!
"$PY" -m gunicorn --config config/gunicorn.py &
web=$!

stop() {
	trap - EXIT INT TERM
	kill -TERM "$web" "$worker" 2>/dev/null || true
	wait "$web" "$worker" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# When either stops (or fails to start), the other is stopped too.
status=0
wait -n "$web" "$worker" || status=$?
echo "make serve: the web server or the worker stopped (exit $status); stopping the other." >&2
exit "$status"
