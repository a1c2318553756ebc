# Two commands matter: `make run` and `make test`. Everything installs into this folder.
SHELL := /bin/bash
.DEFAULT_GOAL := run
.PHONY: run test lint bench install system-packages chromium libreoffice test-sqlite test-postgres demo clean serve serve-env audit

VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
PG_URL ?= postgres://postgres@127.0.0.1:5432/sendplan
APPS := accounts areas common config demo evidence history jobs plans progress scorecard risks voice publishing boardpacks
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages, installed only when missing.
system-packages:
	@python3 -c "import venv, ensurepip" 2>/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm; }
	@# WeasyPrint (PDF) needs Pango; CairoSVG (charts in Word) needs Cairo; both need fonts.
	@{ ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libcairo.so.2 && fc-list | grep -qi dejavu; } || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libcairo2 fonts-dejavu-core fontconfig; }

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

# LibreOffice converts a board pack's Word document to PDF in a test (committee systems do the same).
libreoffice:
	@command -v soffice >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libreoffice-writer-nogui; }

$(VENV)/.installed: requirements.txt requirements-dev.txt | system-packages
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build/static/app/app.css: node_modules/.installed assets/scss/app.scss
	mkdir -p build/static/app
	npx --no-install sass --no-source-map --quiet-deps --load-path=node_modules assets/scss/app.scss $@

install: $(VENV)/.installed build/static/app/app.css

demo: install
	mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo

# The background worker (board packs, large imports) runs beside the web server and stops with it.
run: demo
	@$(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# The production server (gunicorn, config/gunicorn.py) with the worker beside it: docs/deploy.md.
# It refuses to start, before installing anything, without SECRET_KEY and ALLOWED_HOSTS.
serve: serve-env install
	@scripts/serve.sh

serve-env:
	@scripts/serve.sh --check

# Known vulnerabilities in the Python and npm packages, where a vulnerability database answers.
audit: install
	@$(PY) scripts/audit.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates */templates --lint
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -c pyproject.toml -r $(APPS)

test-sqlite: install chromium libreoffice
	$(PY) -m pytest -p no:cacheprovider

# PostgreSQL runs when DATABASE_URL is set or a server answers on 127.0.0.1:5432.
test-postgres: install chromium libreoffice
	@if [ -n "$$DATABASE_URL" ]; then url="$$DATABASE_URL"; \
	elif (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then url="$(PG_URL)"; fi; \
	if [ -n "$$url" ]; then echo "== PostgreSQL: $${url%%@*}@..."; DATABASE_URL="$$url" $(PY) -m pytest -p no:cacheprovider; \
	else echo "== PostgreSQL: no server answers; skipped"; fi

test: lint
	@unset DATABASE_URL; $(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules build var
