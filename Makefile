# Entry points; see README. PYTHON selects the interpreter (default python3) and is passed on to
# scripts/setup.sh so the package, the tools and the tests all use the same environment.
PYTHON ?= python3
export PYTHON

PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup demo test lint format bench eval

help:
	@echo "make setup   install the package, a Chromium and a CJK font (scripts/setup.sh)"
	@echo "make demo    setup, then auditor demo --out out/demo"
	@echo "make test    setup with test extras, ruff, import-linter contracts, mypy, pytest (PYTEST_ARGS=...)"
	@echo "make lint    ruff check and ruff format --check"
	@echo "make format  ruff format and ruff check --fix"
	@echo "make bench   python bench/bench_demo.py, bench/bench_newmedia.py"
	@echo "make eval    the extractor accuracy reports (dates, column pages, guides and 解读, site checks, post times)"

setup:
	scripts/setup.sh

demo:
	scripts/setup.sh
	auditor demo --out out/demo --columns

# pytest exits 5 when it collected no tests: that is a failure here (make fails on any non-zero exit),
# and it gets a message of its own because it means the test tree or the pytest configuration is broken.
test:
	scripts/setup.sh --test
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -c "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"
	$(PYTHON) -m mypy
	$(PYTHON) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: FAILED: pytest collected no tests (exit code 5)" >&2; fi; \
	exit $$rc

lint:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -c "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"
	$(PYTHON) -m mypy

format:
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .

bench:
	$(PYTHON) bench/bench_demo.py
	$(PYTHON) bench/bench_newmedia.py

eval:
	$(PYTHON) tests/eval/eval_dates.py
	$(PYTHON) tests/eval/eval_columns.py
	$(PYTHON) tests/eval/eval_documents.py
	$(PYTHON) tests/eval/eval_site_checks.py
	$(PYTHON) tests/eval/eval_post_times.py
	$(PYTHON) tests/eval/eval_accounts.py
