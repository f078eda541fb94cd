# The README's two commands: `make demo` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test ci lint messages install bench audit

$(VENV)/.installed: pyproject.toml
	bash scripts/systeempakketten.sh
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

## Set up and run the demo: SQLite, the seed, the demo accounts, a server on :8000.
demo: $(VENV)/.installed
	$(PY) manage.py demo
	$(PY) manage.py runserver 127.0.0.1:8000

## Set up and run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL).
test: $(VENV)/.installed
	bash scripts/systeempakketten.sh --tests
	$(PY) -m pytest -n auto

## What CI runs: the tests on SQLite and PostgreSQL, migrations and translations checked.
ci:
	bash .ci/run

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Refresh the translation catalogues after changing user-visible strings, then compile.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l nl_BE -l en --no-location --no-obsolete --ignore=.venv --ignore=tests --ignore=staticfiles
	# gettext's fuzzy guesses are wrong more often than right: empty them, so they get translated.
	for po in locale/*/LC_MESSAGES/django.po; do msgattrib --clear-fuzzy --empty --no-obsolete $$po -o $$po; done
	msgen locale/nl_BE/LC_MESSAGES/django.po -o locale/nl_BE/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore=.venv

## Known vulnerabilities in the installed dependencies (pip-audit; needs internet).
audit: $(VENV)/.installed
	bash scripts/audit.sh

## Benchmarks: one line per figure, then a summary line (not part of the test suite).
bench: $(VENV)/.installed
	$(PY) tests/bench/run.py
