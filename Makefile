# The README's two commands: `make demo` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test ci lint messages install bench audit mutate

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

## Set up and run the test suite on all cores (SQLite; set DATABASE_URL for PostgreSQL).
## The slow tests (marker langzaam: the load test, the browser journeys, the site started
## in a subprocess, pg_dump) run only when CI or ALLES is set, as .ci/run does; the summary
## says how many were left out. Everything here: ALLES=1 make test.
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

## Benchmarks and the load test (Locust under gunicorn) on the seed and a 100x database:
## one line per figure, then a summary line (not part of the test suite).
bench: $(VENV)/.installed
	$(PY) tests/bench/run.py

## Mutation testing (mutmut; docs/mutaties.md): each rule of concurrency, limits, money, access
## and the report key broken one line at a time, a fast subset of the tests run against it on
## SQLite. Not part of CI (it takes long). By default the functions that hold those rules;
## every function of the modules: make mutate MUTANTEN=; some: MUTANTEN='financien.bedragen.*'
MUTANTEN ?= 'financien.bedragen.x_parse_bedrag*' 'financien.bedragen.x__bedrag*' \
	'werkgroep.services.x_aanwezigheid_opnemen*' 'werkgroep.services.x__wijzigingen*' \
	'uitnodigingen.services.x_uitnodiging_uit_token*' 'uitnodigingen.services.x_herinneringen_sturen*' \
	'kern.spreadsheets.formaten.x_controleer_archief*' 'kern.spreadsheets.admin.xǁSpreadsheetAdminǁ_bevestigen*' \
	'kern.spreadsheets.admin.xǁSpreadsheetExportǁget_export_data*' \
	'kern.versies.bewaring.x_vergrendelen*' 'kern.versies.bewaring.x_versie_ophogen*' 'kern.versies.bewaring.x_bewaren*' \
	'kern.mail.x_sturen*' 'kern.mail.x__versturen*' 'kern.mail.x__poging_mislukt*' \
	'kern.mail.x__later_opnieuw*' 'kern.mail.x__niet_verstuurd*' 'kern.mail.x_terugnemen*' \
	'kern.mail.x_opnieuw_sturen*' \
	'rapportage.taken.x_inhoudssleutel*' 'rapportage.taken.x_verslag_aanvragen*' \
	'werkgroep.selectors.x_ziet_alles*' 'werkgroep.selectors.x_werkgroep_voor*' \
	'werkgroep.selectors.x_vergadering_voor*' 'projecten.selectors.x_werkt_aan*' \
	'projecten.selectors.x_fiche_toegang*'
mutate: $(VENV)/.installed
	TEST_SQLITE_BESTAND=$(CURDIR)/mutants/test.sqlite3 $(VENV)/bin/mutmut run --max-children 1 $(MUTANTEN)
	$(VENV)/bin/mutmut results
