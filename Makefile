# DIA Portal. `make run` serves the demo on http://127.0.0.1:8000; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install messages makemessages run serve test lint format check pytest e2e bench bench-dashboard worker backup clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (Django 6.1); found " + sys.version)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Translation catalogues: the .po files are committed, the .mo files are built here (in Python, with polib,
# so a fresh machine needs no GNU gettext). Only stale catalogues are recompiled.
messages: install
	$(BIN)/python manage.py compile_catalogues

# Developers: re-extract every interface string into locale/<lang>/LC_MESSAGES/django.po (needs GNU gettext's
# xgettext: apt-get install gettext). Then fill the new entries in all eleven languages (docs/glossary.md).
LANGS := hi as bn gu kn ml mr or pa ta te
makemessages: install
	$(BIN)/python manage.py makemessages $(addprefix -l ,$(LANGS)) --no-obsolete --ignore=.venv --ignore=bench --ignore=staticfiles --ignore=media --ignore=tests
	$(BIN)/python manage.py fix_catalogue_headers

run: messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Serving the DIA Portal on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The production way on this machine: DEBUG off, a generated secret key (.secret_key, never committed),
# hashed and compressed static files, gunicorn (config/gunicorn.conf.py) with the task worker beside it.
# PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, SQLite otherwise. Ctrl+C stops both.
# Plain HTTP on 127.0.0.1, so no HTTPS redirect; email goes to the console instead of an SMTP server.
SERVE_ENV := DJANGO_ENV=production DEBUG=false SECRET_KEY_FILE=.secret_key ALLOWED_HOSTS=127.0.0.1,localhost \
	SITE_URL=http://127.0.0.1:8000 SECURE_SSL_REDIRECT=false TASKS_BACKEND=database \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

serve: install
	@test -s .secret_key || (umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))' > .secret_key)
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --no-input -v 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --no-input
	@echo ""
	@echo "Serving the DIA Portal the production way on http://127.0.0.1:8000 (gunicorn + task worker; Ctrl+C to stop)"
	@$(SERVE_ENV) bash -c '$(BIN)/python manage.py db_worker & worker=$$!; \
	  trap "kill $$worker 2>/dev/null; wait $$worker" EXIT; \
	  $(BIN)/gunicorn -c config/gunicorn.conf.py'

backup: install
	$(BIN)/python manage.py backup

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: messages
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check --fail-level WARNING
	DJANGO_ENV=production DEBUG=false ALLOWED_HOSTS=dia.example.in \
	  SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING
	@# Production static files: hashed, compressed names through WhiteNoise's manifest storage, into a
	@# throw-away folder. Fails if any CSS or JS names a file that is not shipped (as a source map once did).
	rm -rf .collectstatic-check
	DJANGO_ENV=production DEBUG=false ALLOWED_HOSTS=dia.example.in \
	  SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') STATIC_ROOT=.collectstatic-check \
	  $(BIN)/python manage.py collectstatic --no-input -v 0
	test -s .collectstatic-check/staticfiles.json
	rm -rf .collectstatic-check

pytest: messages
	$(BIN)/python -m pytest

test: lint check pytest

e2e: messages
	$(BIN)/python -m pytest -m e2e

bench: install
	$(BIN)/python bench/run.py

bench-dashboard: install
	$(BIN)/python bench/dashboard.py --scale 50

worker: install
	$(BIN)/python manage.py db_worker

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
