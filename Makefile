# handslag – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The demo's key-encryption key for sealed tenders: made once, kept outside the database.
RUN_ENV = DEBUG=1 HANDSLAG_DEMO=1 TASKS_BACKEND=immediate TENDER_KEY_ENCRYPTION_KEY=$$(cat .tender-key)

.PHONY: run test install lint format messages demo bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

.tender-key:
	$(PYTHON) -c "import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())" > $@
	chmod 600 $@

run: install .tender-key
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Both cores: pytest-xdist with one worker per core (PYTEST_ARGS="-n 0" for one process).
test: install
	$(PY) -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate and compile the Swedish translations (needs GNU gettext).
messages: install
	cd handslag && for app in */; do \
	  if [ -d "$$app/locale" ]; then (cd $$app && ../../$(PY) ../../manage.py makemessages -l sv --no-obsolete >/dev/null); fi; done
	$(PY) manage.py makemessages -l sv --no-obsolete --ignore 'handslag/*' --ignore '.venv/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

bench: install
	for script in bench/bench_*.py; do $(PY) $$script; done
