"""pytest setup for the deorbit Python module: imports the module from the build tree (CTest sets
DEORBIT_PYTHON_PATH; by hand: DEORBIT_PYTHON_PATH=build/python /usr/bin/python3 -m pytest tests/python) and finds the
command-line program (DEORBIT_APP) whose outputs the bindings are checked against."""
import json
import os
import re
import subprocess
import sys

import pytest

ROOT = os.environ.get("DEORBIT_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.abspath(os.environ.get("DEORBIT_PYTHON_PATH", os.path.join(ROOT, "build", "python"))))


def pytest_configure(config):
    config.addinivalue_line("markers", "serial: measures wall time; CTest runs it alone (python_concurrency)")


def data(path):
    """A reference file under tests/data."""
    return os.path.join(ROOT, "tests", "data", path)


def source(path):
    """A file of the repository (examples, test scenarios)."""
    return os.path.join(ROOT, path)


def run_cli(*args, cwd=None):
    """Runs the deorbit program; returns (exit code, stdout, stderr)."""
    app = os.environ.get("DEORBIT_APP", os.path.join(ROOT, "build", "deorbit"))
    r = subprocess.run([app, *args], capture_output=True, text=True, cwd=cwd)
    return r.returncode, r.stdout, r.stderr


def run_cli_json(*args, **kw):
    code, out, err = run_cli(*args, **kw)
    assert code == 0, err
    return json.loads(out)


def quick_scenario_yaml():
    """The quick plan scenario of the CLI tests (tests/app/quick_scenario.h), read from there."""
    text = open(source("tests/app/quick_scenario.h")).read()
    return re.search(r'R"\((.*?)\)"', text, re.S).group(1)


@pytest.fixture
def quick_scenario(tmp_path):
    path = tmp_path / "quick.yaml"
    path.write_text(quick_scenario_yaml())
    return str(path)
