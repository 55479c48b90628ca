# Two commands: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Python keeps the compiled form of each module (__pycache__) even where the machine's
# environment says not to: the suite starts many Python processes (xdist workers, Celery
# workers, manage.py), and each would compile the project again. 41 s of CPU per `make test`.
unexport PYTHONDONTWRITEBYTECODE
# Debian/Ubuntu libraries WeasyPrint needs; without libharfbuzz-subset0 every PDF is 16–20× slower.
# poppler-utils (pdftoppm) rasterises certificate pages in the tests.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 \
	poppler-utils

.PHONY: run test test-quick test-authz bench soak lint format check-system venv migrate demo messages clean audit

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "Cần Python 3.11 (Python 3.11 is required); found: $$($(PYTHON) --version)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Không tạo được môi trường ảo. Chạy: sudo apt-get install -y python3.11-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed

# Installs the system libraries when it can (root on Debian/Ubuntu); otherwise stops with the command.
check-system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Cài thư viện hệ thống:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  elif command -v dpkg-query >/dev/null; then \
	    echo "Thiếu thư viện hệ thống. Chạy lệnh sau rồi chạy lại:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

migrate: venv
	@mkdir -p var/staticfiles
	$(PY) manage.py migrate --noinput

# In dependency order: the authority, units, people and accounts first.
DEMO_FIXTURES := fixtures/demo.json fixtures/demo_targets.json fixtures/demo_awards.json \
	fixtures/demo_pledges.json fixtures/demo_scoring.json fixtures/demo_movements.json \
	fixtures/demo_province.json

# The demo's story is dated; settle_demo_dates keeps the nomination in its public notice and the
# council's open session ahead of today, whatever the day (demo/dates.py).
demo: migrate
	$(PY) manage.py loaddata $(DEMO_FIXTURES)
	$(PY) manage.py settle_demo_dates

# The address printed in every QR code and link of the documents (config/public_address.py):
# the server's own unless given. For a phone on the same network to open what it scans, serve
# on every interface and name the machine (README): HOST=0.0.0.0
# PUBLIC_BASE_URL=http://192.168.1.5:8000, with DJANGO_ALLOWED_HOSTS including that address.
PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)

# Web server, background worker and job sweeper together; Ctrl-C or SIGTERM stops all three
# once (demo/management/commands/serve_demo.py supervises them).
run: check-system demo
	@echo "Mở http://$(HOST):$(PORT) — tài khoản demo trong README.md (Ctrl-C để dừng)"
	@PUBLIC_BASE_URL=$(PUBLIC_BASE_URL) exec $(PY) manage.py serve_demo --host $(HOST) --port $(PORT)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# The whole suite in parallel (pytest-xdist, one worker per core unless TEST_WORKERS says
# otherwise). Tests marked with an xdist_group run on one worker together: the browser tests
# are two groups, "browser" and "browser-year", so that with two workers each carries half of
# them (each group has its own chromium and live server). The quick-start tests (SQLite and the
# embedded broker) are a third, "quick-start", so that their empty database is migrated once;
# each module that loads the demo fixtures once is a group of its own (tests/conftest.py).
TEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -p no:cacheprovider -n $(TEST_WORKERS) --dist loadgroup

test: check-system venv lint
	$(PYTEST)

# The inner loop: the in-process tests only; the ones that start chromium, a Celery worker,
# manage.py or bandit (markers browser, worker, process), and the two sweeps of every URL, the
# hostile-value walk (walk) and the cells of the authorization matrix (matrix), run in
# `make test`. `make test-authz` runs the sweeps alone, after a change to a view or a rule.
test-quick: venv
	$(PYTEST) -m "not worker and not browser and not process and not walk and not matrix and not bench and not soak"

test-authz: venv
	$(PYTEST) tests/authz

# One process per bench file: a bench's figures (time, and the memory of the test process)
# do not carry what an earlier bench left in the process. In one process, pytest-django runs
# the transactional benches last, after four others. With PostgreSQL the schema is migrated
# once and each process copies it (tests/schema_template.py).
bench: check-system venv
	@template=$$($(PY) -m tests.schema_template) || exit 1; status=0; \
	for bench in tests/bench/bench_*.py; do \
	  TEST_DATABASE_TEMPLATE=$$template $(VENV)/bin/pytest -p no:cacheprovider -m bench -s -q $$bench || status=1; \
	done; exit $$status

# S2/S3 of RELIABILITY.md. pip-audit needs PyPI's JSON API (pypi.org) for vulnerability data;
# --strict makes a run that could not audit a dependency fail instead of passing on nothing.
# bandit also runs in the suite (tests/security/test_security.py).
audit: venv
	$(VENV)/bin/pip-audit --skip-editable --strict --progress-spinner off
	$(VENV)/bin/bandit -r config documents emulation awards outbox demo -x '*/migrations/*' -ll -ii -q

# Long fault and load cases: the 100-job kill test and the 60 s load on gunicorn (PostgreSQL).
soak: check-system venv
	$(VENV)/bin/pytest -p no:cacheprovider -m soak -s -q tests/reliability
	LOAD_SECONDS=$${LOAD_SECONDS:-60} $(VENV)/bin/pytest -p no:cacheprovider -m bench -s -q tests/bench/bench_load.py

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: venv
	$(PY) manage.py makemessages -l en --no-obsolete --ignore='.venv/*' --ignore='var/*'
	$(PY) manage.py compilemessages -l en --ignore='.venv/*'

clean:
	rm -rf var/broker var/broker-control var/staticfiles
