# handslag – the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The demo runs as production does, DEBUG off (no technical error pages), only in demo
# mode: demo accounts listed, e-mail to the console, cookies without Secure over plain
# http. Its secret key and the key-encryption key for sealed tenders are made once and
# kept outside the database.
RUN_ENV = HANDSLAG_DEMO=1 SECURE_COOKIES=0 TASKS_BACKEND=immediate SECRET_KEY=$$(cat .secret-key) TENDER_KEY_ENCRYPTION_KEY=$$(cat .tender-key)

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

.secret-key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# Static files are collected for WhiteNoise, which serves them with DEBUG off.
run: install .tender-key .secret-key
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Both cores: pytest-xdist with one worker per core (PYTEST_ARGS="-n 0" for one process).
test: install
	$(PY) -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

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
