# make run   : the demo site on SQLite at http://$(HOST):$(PORT)/ (demo content, admin login printed)
# make test  : ruff, Django checks, migrations check and the pytest suite (DATABASE_URL picks the DB)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install lint format lock clean-venv bench

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
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving the demo site at http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

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
