"""The examples in examples/python run (on the test data and the quick scenario) and say what they should."""
import os
import subprocess
import sys

from conftest import data, source


def run_example(name, *args, cwd):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    r = subprocess.run([sys.executable, source(f"examples/python/{name}"), *args], capture_output=True, text=True,
                       env=env, cwd=cwd)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_catalogue_screen_finds_the_module_docked_to_the_iss(tmp_path):
    out = run_example("catalogue_screen.py", data("tle/active_2025-10-03_sample.tle"), "--norad", "25544", "--km", "60",
                      cwd=tmp_path)
    assert "804 objects x 1441 instants" in out
    assert "49044 ISS (NAUKA)" in out  # docked: 0.0 km all day


def test_plan_plot_writes_its_figure(quick_scenario, tmp_path):
    out = run_example("plan_plot.py", quick_scenario, "-o", str(tmp_path / "plan.png"), cwd=tmp_path)
    assert (tmp_path / "plan.png").stat().st_size > 10_000 and "wrote" in out
