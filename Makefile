# Two commands for a new user: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# Loopback only by default: expose the app through the reverse proxy (docs/operations.md), or,
# for a pilot on a trusted network, `make run BIND=0.0.0.0`.
BIND   ?= 127.0.0.1

.PHONY: run test check perf schema lock clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Install the exact versions of the lock files (tested together), then the project itself.
# Reinstall when the dependencies or the locks change; `make lock` refreshes the locks.
$(VENV)/.runtime: pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $@

$(VENV)/.dev: pyproject.toml requirements-dev.lock | $(PY)
	$(PY) -m pip install -q -r requirements-dev.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $@ $(VENV)/.runtime

# diagnostic.ui.serve is `streamlit run app.py` with Streamlit's outbound address look-ups off.
run: $(VENV)/.runtime
	$(PY) -m diagnostic.ui.serve --server.address $(BIND) --server.port $(PORT)

test: $(VENV)/.dev
	bash scripts/system-deps.sh
	$(PY) -m pytest

check: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy --strict diagnostic/
	$(VENV)/bin/deptry .  # every import declared in pyproject.toml, every declaration used
	$(PY) scripts/check_sinks.py
	$(PY) scripts/audit.py  # known vulnerabilities fail; an unreachable advisory service is reported

perf: $(VENV)/.dev
	$(PY) -m perf

# Regenerate the JSON Schemas editors use for autocompletion (a test fails when they are stale).
schema: $(VENV)/.dev
	$(PY) -m diagnostic schema --write

# Re-resolve the newest versions pyproject.toml allows, for Python 3.11 and later; review the
# diff, run `make test`, commit the locks. (uv comes with the dev extra.)
LOCK := $(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --universal --quiet --upgrade
lock: $(VENV)/.dev
	$(LOCK) -o requirements.lock
	$(LOCK) --extra test --extra dev --extra perf -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
