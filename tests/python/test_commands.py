"""plan, decay, demise and campaign against the program's own outputs for the same inputs (the quick scenario and
inputs of the CLI tests in tests/app)."""
import json
import os

import numpy as np
import pytest
import yaml

import deorbit
from conftest import data, quick_scenario_yaml, run_cli, run_cli_json, source

TIMING_KEYS = {"run_time_s", "cpu_s_this_session", "wall_s_this_session", "wall_s_total", "runs_per_cpu_second", "store"}


def without_timing(value):
    """A report without the keys that measure the run (and the paths of its files)."""
    if isinstance(value, dict):
        return {k: without_timing(v) for k, v in value.items() if k not in TIMING_KEYS}
    if isinstance(value, list):
        return [without_timing(v) for v in value]
    return value


def test_plan_report_and_trajectory_are_the_programs(quick_scenario, tmp_path):
    code, _, err = run_cli("plan", quick_scenario, "--no-contingencies", "-o", str(tmp_path / "cli"))
    assert code in (0, 4), err
    cli = json.load(open(tmp_path / "cli" / "report.json"))
    r = deorbit.plan(quick_scenario, contingencies=False)
    assert r["exit_code"] == code and r["output_dir"] is None
    assert without_timing(r["report"]) == without_timing(cli)
    segments = r["trajectory"]["segments"]
    assert segments and all(s["states"].shape == (len(s["times"]), 6) for s in segments)
    assert segments[0]["times"].dtype == np.dtype("datetime64[ns]") and segments[0]["frame"] == "GCRF"
    # The first state is the scenario's orbit: a 228 x 232 km orbit.
    assert 6.59e6 < np.linalg.norm(segments[0]["states"][0, :3]) < 6.63e6


def test_plan_from_a_dict_is_the_plan_from_its_file(quick_scenario, tmp_path):
    from_file = deorbit.plan(quick_scenario, contingencies=False, output_dir=str(tmp_path / "kept"))
    assert os.path.exists(tmp_path / "kept" / "report.json") and from_file["output_dir"] == str(tmp_path / "kept")
    from_dict = deorbit.plan(yaml.safe_load(quick_scenario_yaml()), contingencies=False, base_dir=str(tmp_path))
    assert from_dict["report"].pop("scenario").endswith("scenario.yaml")
    assert from_file["report"].pop("scenario") == quick_scenario
    assert without_timing(from_dict["report"]) == without_timing(from_file["report"])
    assert sorted(os.listdir(tmp_path)) == ["kept", "quick.yaml"]  # the scratch scenario is gone


def test_plan_errors_name_the_document_line_and_key(tmp_path):
    scenario = yaml.safe_load(quick_scenario_yaml())
    scenario["strategy"]["final_perigee_kilometres"] = 20
    with pytest.raises(deorbit.InputError) as e:
        deorbit.plan(scenario, base_dir=str(tmp_path))
    assert e.value.file.endswith("scenario.yaml") and e.value.line > 0 and "final_perigee_kilometres" in str(e.value)
    with pytest.raises(deorbit.InputError, match="no_such_scenario.yaml"):
        deorbit.plan("no_such_scenario.yaml")


def test_decay_is_the_programs():
    args = dict(tle=data("reentries/45601_cz-5b-y1_rb.tle"), space_weather=data("spaceweather/SW-All_2025-03-23.csv"),
                as_of="2020-05-10T15:33:00Z", ensemble=4)
    cli = run_cli_json("decay", "--tle", args["tle"], "--space-weather", args["space_weather"], "--as-of",
                       args["as_of"], "--ensemble", "4", "--no-progress", "--format", "json")
    assert without_timing(deorbit.decay(**args)) == without_timing(cli)


def test_decay_takes_the_horizon_limit_and_the_force_choice():
    """OE of decay-single, 2.4 days left: a one-day horizon, a 1.5-day limit, the Sun and Moon asked for."""
    r = deorbit.decay(tle=data("decay-single/tles.tle"), norad=30772,
                      space_weather=data("spaceweather/SW-All_2025-03-23.csv"), as_of="2013-10-23T03:00:00Z",
                      ensemble=1, horizon_days=1, horizon_limit_days=1.5, sun_moon="on")
    assert r["model"]["sun_and_moon"] and r["horizon_extended"] and not r["reentered"]
    assert r["no_reentry_before"].startswith("2013-10-24")
    with pytest.raises(deorbit.InputError, match="--sun-moon"):
        deorbit.decay(sun_moon="maybe")


def test_demise_is_the_programs(tmp_path):
    """A fixed population year: without one the command takes today's."""
    objects = source("examples/objects/small-satellite.yaml")
    code, _, err = run_cli("demise", objects, "--inclination-deg", "51.6", "--year", "2030", "-o", str(tmp_path / "cli"))
    assert code == 0, err
    cli = json.load(open(tmp_path / "cli" / "demise.json"))
    r = deorbit.demise(objects, inclination_deg=51.6, year=2030)
    assert without_timing(r["report"]) == without_timing(cli)


def test_campaign_is_the_programs(quick_scenario, tmp_path):
    code, _, err = run_cli("campaign", quick_scenario, "--runs", "3", "--threads", "1", "-q", "-o", str(tmp_path / "cli"))
    assert code == 0, err
    cli = json.load(open(tmp_path / "cli" / "report.json"))
    r = deorbit.campaign(quick_scenario, runs=3, threads=1)
    assert r["exit_code"] == 0
    assert without_timing(r["report"]) == without_timing(cli)
