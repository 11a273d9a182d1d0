# Developer and CI entry points of hwc.cleanup. How and why: docs/development.md.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# `make test` must run its stages in order and stop at the first red one, even under -j.
.NOTPARALLEL:

# The interpreter .venv is built from: pyenv's 3.11 when present, else python3.11, else python3.
ifndef PYTHON
PYTHON := $(or $(wildcard /root/.pyenv/versions/3.11.7/bin/python),$(shell command -v python3.11 2>/dev/null),$(shell command -v python3 2>/dev/null))
endif
# ansible-test's --python: the version .venv runs (ansible-core 2.19 supports 3.11 as controller).
SANITY_PYTHON ?= 3.11

VENV := .venv
# Lives inside .venv so that deleting .venv also forgets it; newer than every requirements file
# means .venv is in sync and no target runs pip.
VENV_STAMP := $(VENV)/.requirements.stamp
REQUIREMENTS := requirements-dev.txt requirements.txt $(wildcard requirements-emulator-tests.txt)

export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export VIRTUAL_ENV := $(CURDIR)/$(VENV)

.PHONY: help venv test sanity unit emulator-tests integration lint galaxy-importer molecule awx ee demo bench soak clean emulator

help:
	@echo "make demo     run a teardown against the bundled emulator"
	@echo "make emulator start the emulator with the demo data and print the environment for your own playbooks"
	@echo "make test     the whole suite: sanity unit emulator-tests integration lint docs galaxy-importer molecule awx"
	@echo "make venv     create or update .venv from requirements-dev.txt (every target does it)"
	@echo "make sanity | unit | emulator-tests | integration | lint | galaxy-importer | molecule | awx   one stage"
	@echo "make ee       the execution environment's build context: context/Containerfile (docs/awx.md)"
	@echo "make bench    the benchmarks (unthrottled, throttled, fault soak), this checkout beside 1.0.0: figures, targets, charts (docs/performance.md)"
	@echo "make soak     600 deletes under 30% injected faults, without and with 429; fails on any wrong report"
	@echo "make docs     build the HTML docs site in docs/_build/html; fails on a warning or a broken internal link"
	@echo "make compat   integration tests on the oldest supported ansible-core and on a newer Python (slow; not in test)"
	@echo "make clean    remove .venv, .venv-compat, caches and test output"

$(VENV_STAMP): $(REQUIREMENTS)
	@test -n "$(PYTHON)" || { echo "No Python found: install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 1; }
	@$(VENV)/bin/python -c '' 2>/dev/null || { echo "Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); "$(PYTHON)" -m venv $(VENV); }
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV_STAMP)

test: sanity unit emulator-tests integration lint docs galaxy-importer molecule awx

sanity: $(VENV_STAMP)
	bash scripts/ansible-test.sh sanity --venv --python $(SANITY_PYTHON) --color no

unit: $(VENV_STAMP)
	bash scripts/pytest.sh tests/unit

emulator-tests: $(VENV_STAMP)
	bash scripts/pytest.sh tests/emulator/tests

integration: $(VENV_STAMP)
	bash scripts/pytest.sh tests/integration

lint: $(VENV_STAMP)
	bash scripts/lint.sh

galaxy-importer: $(VENV_STAMP)
	bash scripts/galaxy-importer.sh

molecule: $(VENV_STAMP)
	bash scripts/molecule.sh

awx: $(VENV_STAMP)
	bash scripts/pytest.sh tests/awx

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
	bash scripts/docs.sh

# Its own venvs (.venv-compat/), not .venv: no dependency on the venv stamp.
.PHONY: compat
compat:
	bash scripts/compat.sh

clean:
	rm -rf $(VENV) .venv-compat .pytest_cache tests/.pytest_cache .ansible tests/output build context docs/_build *.tar.gz changelogs/.plugin-cache.yaml
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
