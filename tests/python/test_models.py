"""density() and propagate_numerical() against the program (`deorbit density`, `deorbit propagate --numerical`)."""
import numpy as np
import pytest
import yaml

import deorbit
from conftest import run_cli, run_cli_json, source

OPM = source("examples/orekit/iss-2025-01-01.opm")
CASE_D = source("examples/orekit/case-d.yaml")


@pytest.mark.parametrize("model,extra", [("nrlmsise00", dict(f107=150.0, f107a=140.0, ap=12.0)), ("us76", {}),
                                         ("exponential", {})])
def test_density_is_the_programs(model, extra):
    places = [(51.6, 0.0, 420.0), (-30.0, 120.0, 180.0), (80.0, -45.0, 95.0)]
    t = "2025-01-01T12:00:00Z"
    got = deorbit.density(model, t, [p[0] for p in places], [p[1] for p in places], [p[2] for p in places], **extra)
    assert got.shape == (3,) and got.dtype == np.float64
    for (lat, lon, alt), rho in zip(places, got):
        args = ["density", "--model", model, "--epoch", t, "--lat", str(lat), "--lon", str(lon), "--alt-km", str(alt)]
        for k, v in extra.items():
            args += [f"--{k}", str(v)]
        assert rho == run_cli_json(*args)["density_kg_m3"]


def test_density_broadcasts_places_and_times():
    times = np.datetime64("2025-01-01T00:00") + np.arange(4) * np.timedelta64(6, "h")
    rho = deorbit.density("nrlmsise00", times, 0.0, 0.0, np.array([[200.0], [400.0]]), f107=150, f107a=150, ap=4)
    assert rho.shape == (2, 4)
    assert (rho[0] > rho[1]).all() and len(set(rho[1])) == 4  # thinner higher up; varies with local time
    assert isinstance(deorbit.density("us76", times[0], 0.0, 0.0, 100.0), float)
    with pytest.raises(deorbit.InputError, match="all three"):
        deorbit.density("nrlmsise00", times[0], 0.0, 0.0, 400.0, f107=150)
    with pytest.raises(deorbit.InputError, match="model"):
        deorbit.density("jacchia", times[0], 0.0, 0.0, 400.0)
    with pytest.raises(ValueError):
        deorbit.density("us76", times, 0.0, 0.0, np.zeros(3))  # 4 times against 3 heights


def test_numerical_propagation_is_the_programs_from_a_file_or_a_dict():
    code, out, err = run_cli("propagate", "--numerical", "--forces", CASE_D, "--opm", OPM, "--to",
                             "2025-01-01T14:00:00Z", "--step", "600")
    assert code == 0, err
    rows = [l.split(",") for l in out.strip().splitlines()[1:]]
    cli = np.array([[float(x) for x in r[1:]] for r in rows])
    opm = deorbit.read_opm(OPM)
    from_file = deorbit.propagate_numerical(opm, end="2025-01-01T14:00:00Z", step=600, forces=CASE_D)
    assert from_file["states"].shape == (13, 6) and from_file["times"].dtype == np.dtype("datetime64[ns]")
    assert str(from_file["times"][-1]) == "2025-01-01T14:00:00.000000000"
    # The CSV prints mm and um/s.
    np.testing.assert_allclose(from_file["states"][:, :3], cli[:, :3], rtol=0, atol=1e-3)
    np.testing.assert_allclose(from_file["states"][:, 3:], cli[:, 3:], rtol=0, atol=1e-6)
    from_dict = deorbit.propagate_numerical(opm, end="2025-01-01T14:00:00Z", step=600, forces=yaml.safe_load(open(CASE_D)))
    np.testing.assert_array_equal(from_dict["states"], from_file["states"])
    assert from_file["status"] == "reached end" and from_file["message"] == ""


def test_events_fire_and_an_altitude_event_stops_the_run():
    opm = deorbit.read_opm(OPM)
    r = deorbit.propagate_numerical(opm.state, opm.epoch, opm.frame, end="2025-01-01T16:00:00Z", step=60,
                                    events=[{"eclipse": "umbra"}])
    umbra = [e for e in r["events"] if e["name"] == "eclipse umbra"]
    assert len(umbra) >= 4
    assert [e["increasing"] for e in umbra[:4]] in ([False, True, False, True], [True, False, True, False])
    # A geodetic height the orbit crosses: the median of an ellipsoid estimate over the samples.
    r_norm = np.linalg.norm(r["states"][:, :3], axis=1)
    sin_lat = r["states"][:, 2] / r_norm
    level_km = float(np.median(r_norm - 6378137.0 * (1 - sin_lat**2 / 298.257223563))) / 1e3
    stop = deorbit.propagate_numerical(opm.state, opm.epoch, opm.frame, end="2025-01-01T16:00:00Z", step=60,
                                       events=[{"altitude_km": level_km, "direction": "decreasing", "name": "down"}])
    assert stop["status"] == "stopped by event" and r["status"] == "reached end"
    assert [e["name"] for e in stop["events"]] == ["down"]
    assert stop["final_epoch"] == stop["events"][0]["epoch"]
    np.testing.assert_array_equal(stop["final_state"], stop["events"][0]["state"][:6])
    assert len(stop["times"]) < len(r["times"]) and stop["times"][-1] <= stop["final_epoch"].to_datetime64()
    with pytest.raises(deorbit.InputError, match="events\\[0\\]: unknown key 'height'"):
        deorbit.propagate_numerical(opm, end="2025-01-01T13:00:00Z", events=[{"height": 100}])
    with pytest.raises(deorbit.InputError) as e:
        deorbit.propagate_numerical(opm, end="2025-01-01T13:00:00Z", forces={"gravity": {"field": "egm96", "degre": 4}})
    assert e.value.file == "<forces dict>" and e.value.line == 4 and "degre" in str(e.value)
