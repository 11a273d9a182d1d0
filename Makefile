# Developer and CI entry points of hwc.cleanup. How and why: docs/development.md.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The interpreter .venv is built from: python3.11 on PATH, else python3 (make PYTHON=/path/to/python3.11 venv).
ifndef PYTHON
PYTHON := $(or $(shell command -v python3.11 2>/dev/null),$(shell command -v python3 2>/dev/null))
endif
# ansible-test's --python: the version .venv runs (ansible-core 2.19 supports 3.11 as controller).
SANITY_PYTHON ?= 3.11
# Sanity tests that other stages run already, skipped by name (make sanity says so): changelog is
# `antsibull-changelog lint` (make lint); ansible-doc runs on every plugin in galaxy-importer and in
# `antsibull-docs lint-collection-docs` (make lint), which also check the documentation's content.
SANITY_SKIP := changelog ansible-doc
# make test runs this many stages at once (2 cores: the integration and molecule stages wait on the emulator and on
# ansible-playbook's start-up much of the time); every stage runs whatever the others do, and make test fails if any
# failed. TEST_JOBS=1 runs them one after the other, stopping at the first failure.
TEST_JOBS ?= 2
# The stages of make test, the longest first so that two at a time end together.
TEST_STAGES := molecule integration floor sanity lint awx galaxy-importer unit docs emulator-tests
# Under make test, the stages whose tests time the code (integration and floor: throttling, outages, Retry-After;
# emulator-tests: rate limits) run at normal priority and the others at a lower one (`nice`), so that a stage beside
# them does not slow what they measure. Empty when a stage runs on its own.
BACKGROUND ?=
# The floor cell in make test: one integration target per module kind (DeleteModule, InfoModule, AuthModule,
# ProjectInfoModule); make compat runs every target there.
FLOOR_TARGETS := dcs_background_task cce_job_info auth project_info
# Where make compat keeps tox's result JSON, which scripts/compat_table.py turns into README's table.
COMPAT_RESULTS := tests/output/compat

# pip installs uv into .venv, and uv installs requirements-dev.txt: 10 s from nothing where pip took 35 to 40 s,
# with the same versions.
VENV := .venv
# The stamp lives inside .venv so that deleting .venv also forgets it; newer than every requirements file
# means .venv is in sync and no target runs pip.
VENV_STAMP := $(VENV)/.requirements.stamp
REQUIREMENTS := requirements-dev.txt requirements.txt requirements-tests.txt requirements-emulator-tests.txt

export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export VIRTUAL_ENV := $(CURDIR)/$(VENV)

.PHONY: help venv test sanity unit emulator-tests integration lint galaxy-importer molecule awx floor compat ee demo \
	bench soak clean emulator

help:
	@echo "make demo     run a teardown against the bundled emulator"
	@echo "make emulator start the emulator with the demo data and print the environment for your own playbooks"
	@echo "make test     the whole suite, $(TEST_JOBS) stages at a time: $(TEST_STAGES)"
	@echo "make venv     create or update .venv from requirements-dev.txt (every target does it)"
	@echo "make sanity | unit | emulator-tests | integration | lint | docs | galaxy-importer | molecule | awx | floor   one stage"
	@echo "make compat   the tox matrix (tox.ini): unit, integration and the teardown scenario on every ansible-core x Python cell (slow; not in test)"
	@echo "make ee       the execution environment's build context: context/Containerfile (docs/awx.md)"
	@echo "make bench    the benchmarks (unthrottled, throttled, fault soak), this checkout beside 1.0.0: figures, targets, charts (docs/performance.md)"
	@echo "make soak     600 deletes under 30% injected faults, without and with 429; fails on any wrong report"
	@echo "make docs     build the HTML docs site in docs/_build/html; fails on a warning or a broken internal link"
	@echo "make clean    remove .venv, .tox, caches and test output"

$(VENV_STAMP): $(REQUIREMENTS)
	@test -n "$(PYTHON)" || { echo "No Python found: install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 1; }
	@$(VENV)/bin/python -c '' 2>/dev/null || { echo "Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); "$(PYTHON)" -m venv $(VENV); }
	$(VENV)/bin/python -m pip install --quiet --upgrade pip uv
	$(VENV)/bin/uv pip install --quiet --python $(VENV)/bin/python -r requirements-dev.txt
	@touch $@

venv: $(VENV_STAMP)

# Each stage starts its own emulator: the stages run side by side, and two of them must not share one an
# HWC_EMULATOR_URL of the caller's shell names.
test: $(VENV_STAMP)
	env -u HWC_EMULATOR_URL $(MAKE) --no-print-directory --jobs=$(TEST_JOBS) --output-sync=target \
		BACKGROUND="nice -n 10" $(TEST_STAGES)

sanity: $(VENV_STAMP)
	@echo "sanity: skipping $(SANITY_SKIP), which make lint and make galaxy-importer run"
	$(BACKGROUND) bash scripts/ansible-test.sh sanity --venv --python $(SANITY_PYTHON) --color no $(addprefix --skip-test ,$(SANITY_SKIP))

unit: $(VENV_STAMP)
	$(BACKGROUND) bash scripts/pytest.sh tests/unit

emulator-tests: $(VENV_STAMP)
	bash scripts/pytest.sh tests/emulator/tests

integration: $(VENV_STAMP)
	bash scripts/integration.sh

lint: $(VENV_STAMP)
	$(BACKGROUND) bash scripts/lint.sh

galaxy-importer: $(VENV_STAMP)
	$(BACKGROUND) bash scripts/galaxy-importer.sh

molecule: $(VENV_STAMP)
	$(BACKGROUND) bash scripts/molecule.sh

awx: $(VENV_STAMP)
	$(BACKGROUND) bash scripts/pytest.sh tests/awx

# The floor cell of tox.ini, which must run: unit tests, FLOOR_TARGETS, the teardown scenario.
floor: $(VENV_STAMP)
	bash scripts/tox.sh run -e floor --skip-missing-interpreters false -- $(FLOOR_TARGETS)

# Every cell of tox.ini, every integration target; a cell whose Python is missing is skipped, the floor's fails.
# README's table is then written from the two runs' result JSON, failed cells too, and make compat fails if a run did.
compat: $(VENV_STAMP)
	rm -rf $(COMPAT_RESULTS)
	status=0; \
	bash scripts/tox.sh run -e floor --skip-missing-interpreters false --result-json $(COMPAT_RESULTS)/floor.json \
		|| status=$$?; \
	bash scripts/tox.sh run --skip-env '^floor$$' --result-json $(COMPAT_RESULTS)/cells.json || status=$$?; \
	python scripts/compat_table.py README.md $(COMPAT_RESULTS)/*.json; \
	exit $$status

# The tarball into build/, then the build context of the EE definition. --output-filename: with
# docker but no podman on PATH, ansible-builder would name the file Dockerfile.
ee: $(VENV_STAMP)
	ansible-galaxy collection build --force --output-path build .
	ansible-builder create -f extensions/awx/execution-environment.yml -c context --output-filename Containerfile

demo: $(VENV_STAMP)
	bash scripts/demo.sh

emulator: $(VENV_STAMP)
	bash scripts/emulator.sh

# Sizes of the figures in docs/performance.md (about 40 minutes on 2 cores with the previous release); empty
# values run the scripts' defaults. BENCH_BASELINE=--no-baseline skips 1.0.0.
BENCH_OPTIONS ?= --repeats 3
THROTTLED_OPTIONS ?=
SOAK_OPTIONS ?= --per-service 100
BENCH_BASELINE ?=
PERFORMANCE_OUTPUT := tests/output/performance

bench: $(VENV_STAMP)
	python tests/performance/bench.py --profile --csv $(PERFORMANCE_OUTPUT)/bench.csv --figures $(PERFORMANCE_OUTPUT)/bench-figures.csv $(BENCH_OPTIONS) $(BENCH_BASELINE)
	python tests/performance/throttled.py --figures $(PERFORMANCE_OUTPUT)/throttled-figures.csv $(THROTTLED_OPTIONS) $(BENCH_BASELINE)
	python tests/performance/soak.py --figures $(PERFORMANCE_OUTPUT)/soak-figures.csv $(SOAK_OPTIONS) $(BENCH_BASELINE)
	python tests/performance/chart.py figures $(PERFORMANCE_OUTPUT)/figures.svg $(PERFORMANCE_OUTPUT)/*-figures.csv
	python tests/performance/chart.py wall-time $(PERFORMANCE_OUTPUT)/bench.csv $(PERFORMANCE_OUTPUT)/wall-time.svg

soak: $(VENV_STAMP)
	python tests/performance/soak.py --no-baseline

.PHONY: docs
docs: $(VENV_STAMP)
	$(BACKGROUND) bash scripts/docs.sh

clean:
	rm -rf $(VENV) .tox .pytest_cache tests/.pytest_cache .ansible tests/output build context docs/_build *.tar.gz changelogs/.plugin-cache.yaml
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
