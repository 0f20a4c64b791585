# make run   : the demo as members see it: DEBUG off, gunicorn + whitenoise + the task worker,
#              SQLite, at http://$(HOST):$(PORT)/ (demo content loaded, admin login printed)
# make dev   : the same demo with DEBUG on and Django's autoreloading development server
#              (and the worker, reloading too); Ctrl-C stops both server and worker
# make test  : ruff, Django checks, migrations check and the pytest suite (DATABASE_URL picks the DB),
#              on every core (pytest-xdist; PYTEST_WORKERS=0 for one process)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
DEMO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
DEMO_DATABASE_URL ?= sqlite:///$(CURDIR)/db.sqlite3
# `make run`: a production configuration on loopback, every value explicit, no services needed.
# The secret key is public on purpose: this is a demo, never a deployment. load_demo refuses
# DEBUG off unless forced: here we do want its demo accounts. Media: images and renditions
# served by Django (SERVE_MEDIA), documents only through Wagtail's document view.
DEMO_ENV := DEBUG=False HTTPS=False \
	SECRET_KEY=make-run-demo-only-this-key-is-public-never-deploy-it \
	ALLOWED_HOSTS=$(DEMO_ALLOWED_HOSTS) DATABASE_URL=$(DEMO_DATABASE_URL) \
	CACHE_URL=filecache://$(CURDIR)/.demo-cache SERVE_MEDIA=True LOAD_DEMO_FORCE=True \
	GUNICORN_BIND=$(HOST):$(PORT) WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT)

# The task worker (PDF text, email: docs/configuration.md) beside the server in the foreground:
# both on the same database, the worker stopped when the server stops (Ctrl-C stops both).
WORKER := $(BIN)/python manage.py db_worker --backend worker --queue-name '*'
with_worker = $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; $(1)

.PHONY: run dev test install lint format lock clean-venv bench

$(BIN)/.installed: requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	@touch $@

# JavaScript test tools (axe-core, ical.js): installed when npm is present; tests that need
# them skip without them locally and fail in CI (CI=true).
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: tests that need axe-core or ical.js will be skipped"; fi

install: $(BIN)/.installed node_modules/.installed

run: install
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	@echo "Serving the demo site at http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"
	export $(DEMO_ENV); $(call with_worker,$(BIN)/gunicorn -c gunicorn.conf.py)

dev: install
	DEBUG=True $(BIN)/python manage.py migrate --noinput
	DEBUG=True $(BIN)/python manage.py load_demo
	@echo "Development server at http://$(HOST):$(PORT)/ (DEBUG on, reloads on code changes)"
	export DEBUG=True WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT); $(call with_worker,$(BIN)/python manage.py runserver $(HOST):$(PORT))

test: lint
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=True $(BIN)/python manage.py check
	DEBUG=True $(BIN)/python manage.py makemigrations --check --dry-run

# make bench : the load benchmark (bench/run.py, docs/benchmarks.md; minutes, not part of make
# test). Installs wrk, and Varnish unless BENCH_VARNISH=off. BENCH_QUICK=1 for a smoke run.
bench: install
	@command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	@[ "$(BENCH_VARNISH)" = off ] || command -v varnishd >/dev/null || apt-get install -y varnish \
		varnish-modules || sudo apt-get install -y varnish varnish-modules
	$(BIN)/python -m bench.run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve the pinned, hashed lock files from requirements*.in (needs network to PyPI).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile --quiet --python-version 3.12 --generate-hashes requirements.in -o requirements.lock
	$(PYTHON) -m uv pip compile --quiet --python-version 3.12 --generate-hashes requirements-dev.in -o requirements-dev.lock

clean-venv:
	rm -rf $(VENV)
