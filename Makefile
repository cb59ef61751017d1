# mediasite: common commands. `make` (or `make help`) lists them.
#
# The embedded default (`make run`) needs nothing but Python. `make test` and `make stack`
# start the real services on this machine (PostgreSQL, Redis, SeaweedFS) with
# scripts/services.sh; their state lives in var/.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SERVICES := bash scripts/services.sh

HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= mediasite-demo
export DEMO_PASSWORD

# `make run` is the embedded default: SQLite, local memory cache, local media, and a Celery
# worker beside runserver on kombu's filesystem transport (scripts/run_dev.sh).
# Clear any service variables that a shell may carry from `eval "$(scripts/services.sh env)"`.
SERVICE_VARS := DATABASE_URL REDIS_URL CELERY_BROKER_URL AWS_STORAGE_BUCKET_NAME \
	AWS_S3_ENDPOINT_URL AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY MEDIA_PRIVATE_BUCKET \
	FRONTEND_CACHE_URL
DEV_ENV := env $(addprefix -u ,$(SERVICE_VARS)) DJANGO_SETTINGS_MODULE=mediasite.settings.dev

# A throwaway key that satisfies production settings (>= 50 chars) for checks only.
CHECK_SECRET_KEY := check-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ

.PHONY: help install run test coverage lint format check stack stack-down services-up \
	services-down services-status bench bench-media bench-search bench-origin clean messages \
	compilemessages

help: ## Show this help
	@echo "Usage: make <target>"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "} {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

# --- environment ------------------------------------------------------------------------------

# pyvenv.cfg marks a complete venv (bin/python is a symlink with the interpreter's old mtime).
$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv --clear $(VENV)

# Re-run pip only when a requirements file changed since the last successful install, or the
# venv was (re)created.
$(VENV)/.installed: requirements.txt requirements-dev.txt $(VENV)/pyvenv.cfg
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install requirements-dev.txt (when changed)
	@:

# The front-end linters (package.json, pinned in package-lock.json; no build step): `npm ci`
# when node_modules is missing or the lock file changed. Non-interactive, so CI runs it too.
NODE_INSTALLED := node_modules/.installed
$(NODE_INSTALLED): package.json package-lock.json
	@command -v npm >/dev/null || { echo "make lint needs Node.js and npm (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# --- the embedded default ---------------------------------------------------------------------

run: install ## Run the site on SQLite with demo content: http://127.0.0.1:8000/
	@if ! command -v ffmpeg >/dev/null; then \
		echo "==> ffmpeg is missing (the media pipeline needs it): trying apt-get"; \
		{ [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; } \
		&& { SUDO=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
			export DEBIAN_FRONTEND=noninteractive; \
			$$SUDO apt-get install -y -q ffmpeg \
			|| { $$SUDO apt-get update -q && $$SUDO apt-get install -y -q ffmpeg; }; } \
		|| echo "WARNING: could not install ffmpeg: no demo videos, uploads stay unprocessed; the rest works"; \
	fi
	$(DEV_ENV) $(MANAGE) migrate --noinput
	@if $(DEV_ENV) $(MANAGE) help load_demo_catalog >/dev/null 2>&1; then \
		echo "$(DEV_ENV) $(MANAGE) load_demo_accounts"; \
		$(DEV_ENV) $(MANAGE) load_demo_accounts; \
		echo "$(DEV_ENV) $(MANAGE) load_demo_catalog --no-accounts"; \
		$(DEV_ENV) $(MANAGE) load_demo_catalog --no-accounts; \
		echo "$(DEV_ENV) $(MANAGE) load_demo_engagement"; \
		$(DEV_ENV) $(MANAGE) load_demo_engagement; \
		echo "$(DEV_ENV) $(MANAGE) load_demo_moderation"; \
		$(DEV_ENV) $(MANAGE) load_demo_moderation; \
	else \
		echo "WARNING: manage.py load_demo_catalog is not available yet; no demo content"; \
	fi
	@echo
	@echo "mediasite (embedded default) on http://$(HOST):$(PORT)/"
	@echo "  site      http://$(HOST):$(PORT)/"
	@echo "  admin     http://$(HOST):$(PORT)/admin/"
	@echo "  account   http://$(HOST):$(PORT)/account/"
	@echo "  API       http://$(HOST):$(PORT)/api/v1/openapi.json"
	@echo "  health    http://$(HOST):$(PORT)/healthz"
	@echo "Demo accounts, all with the password '$(DEMO_PASSWORD)':"
	@for who in admin editor moderator viewer basic premium; do echo "  $$who@example.com"; done
	@echo
	$(DEV_ENV) HOST=$(HOST) PORT=$(PORT) VENV=$(VENV) bash scripts/run_dev.sh

# --- quality ----------------------------------------------------------------------------------

lint: install $(NODE_INSTALLED) ## Check formatting and lint: ruff, djhtml (templates), prettier, eslint, stylelint
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates
	npm run --silent lint

format: install $(NODE_INSTALLED) ## Format and apply safe lint fixes (the same tools, fixing)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates
	npm run --silent format

check: install ## Django deploy checks (production settings) and missing migrations
	env $(addprefix -u ,$(SERVICE_VARS)) DJANGO_SETTINGS_MODULE=mediasite.settings.production \
		SECRET_KEY=$(CHECK_SECRET_KEY) $(MANAGE) check --deploy --fail-level WARNING
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run

# --- interface strings (docs/localisation.md, "Interface strings") ---------------------------

# Both need GNU gettext (Debian package gettext; scripts/services.sh installs it). The .mo files
# are committed, so `make run` needs neither; mediasite/tests/test_translations.py fails when a
# string is missing from a catalog or a .mo is older than its .po.
MESSAGES_LOCALES := -l fr -l es
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media \
	--ignore=var --ignore=htmlcov --ignore=static/vendor --ignore='*/tests/*'

messages: install ## Update locale/*/LC_MESSAGES/django.po and djangojs.po from the code (then translate)
	$(DEV_ENV) $(MANAGE) makemessages $(MESSAGES_LOCALES) -d django $(MESSAGES_IGNORE) --no-obsolete
	$(DEV_ENV) $(MANAGE) makemessages $(MESSAGES_LOCALES) -d djangojs $(MESSAGES_IGNORE) --no-obsolete

compilemessages: install ## Build the .mo files from the .po files (commit both)
	$(DEV_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

# --- tests ------------------------------------------------------------------------------------

# pytest-xdist worker processes for `make test` (docs/testing.md): each has its own test
# database and cache namespace; --dist loadscope keeps a test class on one worker, so its
# class-level set-up runs once. TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= 2
XDIST_ARGS := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder)

# Lint first (fails fast, needs no service), then start the services and run the suite
# against them. pytest's exit code is make's.
test: install ## Lint, start services, run the test suite (TEST_WORKERS=2 processes)
	$(MAKE) lint
	$(SERVICES) up
	eval "$$($(SERVICES) env)"; \
		export DJANGO_SETTINGS_MODULE=mediasite.settings.test MEDIASITE_REQUIRE_TOOLS=1; \
		$(BIN)/python -m pytest $(XDIST_ARGS) $(PYTEST_ARGS)

coverage: install ## Like test, under coverage, with a report
	$(SERVICES) up
	eval "$$($(SERVICES) env)"; \
		export DJANGO_SETTINGS_MODULE=mediasite.settings.test MEDIASITE_REQUIRE_TOOLS=1; \
		$(BIN)/coverage run -m pytest $(PYTEST_ARGS); \
		$(BIN)/coverage report

# --- services and the production-like stack ---------------------------------------------------

services-up: ## Start PostgreSQL, Redis and SeaweedFS (installs them if missing)
	$(SERVICES) up

services-down: ## Stop PostgreSQL, Redis and SeaweedFS
	$(SERVICES) down

services-status: ## Show which services are up
	$(SERVICES) status

stack: install ## Production-like: gunicorn + Celery worker + beat on the real services (Ctrl-C stops)
	bash scripts/stack.sh

stack-down: ## Stop a stack left running (by its pid files in var/run)
	bash scripts/stack.sh down

bench: install ## Run the benchmarks (the media pipeline, scripts/bench.sh, then bench-origin)
	$(MAKE) bench-media
	@if [ -f scripts/bench.sh ]; then bash scripts/bench.sh; fi
	$(MAKE) bench-origin

# Needs the services (started here); builds or reuses its databases (docs/performance.md).
# BENCH_ORIGIN_ARGS e.g. --duration 5 --cold-runs 3.
BENCH_ORIGIN_ARGS ?=
bench-origin: install ## Load-test the origin and the edge at 100,000 episodes (gunicorn, Varnish, nginx, wrk)
	$(SERVICES) up
	$(BIN)/python scripts/bench_origin.py $(BENCH_ORIGIN_ARGS)

# Settings and services come from the environment (the embedded default when none are set;
# after `eval "$$(scripts/services.sh env)"` the pipeline uses S3). BENCH_ARGS e.g. --runs 3.
BENCH_ARGS ?=
bench-media: install ## Time the video pipeline against the bare ffmpeg command (30 s 1080p clip)
	DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-mediasite.settings.dev} \
		$(BIN)/python scripts/bench_media.py $(BENCH_ARGS)

# On the real PostgreSQL (started by `make services-up`), in a database of its own.
# BENCH_SEARCH_ARGS e.g. --shows 1000 --runs 3 --explain.
BENCH_SEARCH_ARGS ?= --explain
bench-search: install ## Time /search/ and /search/suggest/ over the synthetic catalog (10,000 shows)
	eval "$$($(SERVICES) env)" && DJANGO_SETTINGS_MODULE=mediasite.settings.dev \
		$(BIN)/python scripts/bench_search.py $(BENCH_SEARCH_ARGS)

clean: ## Remove caches, collected static files and the venv (keeps var/ and db.sqlite3)
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .coverage htmlcov
	find . -path ./var -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
