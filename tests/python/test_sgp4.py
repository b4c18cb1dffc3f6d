"""Element-set readers and batch SGP4: against the program's own catalogue sweep (`deorbit propagate --catalogue
--format binary`, the same C++ batch) and python-sgp4 (Debian's pure-Python port), dtypes, shapes, status, errors,
and ownership of the returned arrays."""
import gc
import struct
import warnings

import numpy as np
import pytest

import deorbit
from conftest import data, run_cli, source

ACTIVE = data("tle/active_2025-10-03_sample.tle")
START = np.datetime64("2025-10-03T00:00:00", "ns")


def minutes(n, step_s=60):
    return START + np.arange(n) * np.timedelta64(step_s, "s")


def test_read_tle_gives_every_object_with_its_fields():
    elements = deorbit.read_tle(ACTIVE)
    assert len(elements) == 804
    iss = next(e for e in elements if e.catalogue_number == 25544)
    assert iss.name.startswith("ISS")
    assert iss.international_designator == "1998-067A"
    assert 0.0 < iss.eccentricity < 0.01 and abs(np.degrees(iss.inclination) - 51.6) < 0.1
    assert abs(iss.mean_motion * 86400 / (2 * np.pi) - 15.5) < 0.1  # rev/day
    line1, line2 = iss.tle_lines()
    assert deorbit.parse_tle(line1, line2).epoch == iss.epoch


def test_bad_record_is_skipped_with_a_warning_naming_file_and_line_or_raised_when_strict(tmp_path):
    lines = open(ACTIVE).read().splitlines()[:6]
    lines[1] = lines[1][:68] + str((int(lines[1][68]) + 1) % 10)  # a wrong checksum in the first set
    path = tmp_path / "bad.tle"
    path.write_text("\n".join(lines) + "\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        elements = deorbit.read_tle(str(path))
    assert len(elements) == 1
    assert len(caught) == 1 and issubclass(caught[0].category, deorbit.InputWarning)
    assert f"{path}:2:69: checksum" in str(caught[0].message)
    with pytest.raises(deorbit.InputError) as e:
        deorbit.read_tle(str(path), strict=True)
    assert (e.value.file, e.value.line, e.value.column, e.value.field) == (str(path), 2, 69, "checksum")
    assert len(deorbit.read_tle(str(path), verify_checksum=False)) == 2


def test_read_omm_reads_celestrak_json():
    elements = deorbit.read_omm(data("tle/iss/iss_omm_2024-09_to_2025-03.json"))
    assert len(elements) == 499 and all(e.catalogue_number == 25544 for e in elements)


def test_read_opm_gives_the_state_and_spacecraft():
    opm = deorbit.read_opm(source("examples/orekit/iss-2025-01-01.opm"))
    assert opm.frame == "GCRF" or opm.frame == "EME2000"
    assert str(opm.epoch).startswith("2025-01-01T12:00:00")
    assert opm.state.shape == (6,) and 6.6e6 < np.linalg.norm(opm.state[:3]) < 6.9e6
    with pytest.raises(deorbit.InputError, match="no_such.opm"):
        deorbit.read_opm("no_such.opm")


def test_batch_shapes_dtypes_and_status():
    batch = deorbit.Sgp4Batch(deorbit.read_tle(ACTIVE))
    assert len(batch) == 804 and batch.rejected == [] and batch.deep_space_count > 0
    states, status = batch.propagate(minutes(7))
    assert states.shape == (804, 7, 6) and states.dtype == np.float64
    assert status.shape == (804, 7) and status.dtype == np.int8
    assert (status == 0).all() and np.isfinite(states).all()
    assert states.flags["C_CONTIGUOUS"] and states.flags["WRITEABLE"] and status.flags["C_CONTIGUOUS"]
    np.testing.assert_array_equal(batch.input_index, np.arange(804))


def test_batch_is_the_program_catalogue_sweep(tmp_path):
    """The same numbers, bit for bit, as `deorbit propagate --catalogue --format binary` (errors persist there)."""
    out = tmp_path / "sweep.bin"
    code, _, err = run_cli("propagate", "--catalogue", ACTIVE, "--from", "2025-10-03T00:00:00Z", "--to",
                           "2025-10-03T06:00:00Z", "--step", "600", "--format", "binary", "-o", str(out))
    assert code == 0, err
    raw = out.read_bytes()
    assert raw[:8] == b"DEORBCAT"
    _, size, objects, n = struct.unpack_from("<IIQQ", raw, 8)
    assert size == 8 and objects == 804 and n == 37
    offset = 64 + 8 * n + 16 * objects
    batch = deorbit.Sgp4Batch(deorbit.read_tle(ACTIVE))
    states, status = batch.propagate(minutes(n, 600), errors_persist=True)
    for row in range(objects):
        values = np.frombuffer(raw, "<f8", 6 * n, offset).reshape(6, n)
        codes = np.frombuffer(raw, "u1", n, offset + 48 * n)
        offset += 49 * n
        np.testing.assert_array_equal(states[row].T, values)
        np.testing.assert_array_equal(status[row], codes)


def test_agrees_with_python_sgp4_to_far_below_a_millimetre():
    """Every 8th object of the sample, a day every 15 minutes: python-sgp4 (pure Python) is slow."""
    api = pytest.importorskip("sgp4.api")
    lines = [l.rstrip("\n") for l in open(ACTIVE)]
    sets = [(lines[i + 1], lines[i + 2]) for i in range(0, len(lines) - 2, 3) if lines[i + 1].startswith("1 ")][::8]
    elements = [deorbit.parse_tle(l1, l2) for l1, l2 in sets]
    times = minutes(96, 900)
    states, status = deorbit.Sgp4Batch(elements).propagate(times)
    # A Julian date pair (midnight, fraction), as sgp4.api.jday gives: one double would lose 40 us.
    ns = (times - np.datetime64("1970-01-01")).astype("int64")
    whole, fraction = 2440587.5 + ns // 86_400_000_000_000, (ns % 86_400_000_000_000) / 86400e9
    dr = dv = 0.0
    for row, (l1, l2) in enumerate(sets):
        sat = api.Satrec.twoline2rv(l1, l2, api.WGS72)
        for k in range(len(times)):
            err, r, v = sat.sgp4(whole[k], fraction[k])
            assert err == status[row, k]
            if err == 0:
                dr = max(dr, np.linalg.norm(states[row, k, :3] - np.array(r) * 1e3))
                dv = max(dv, np.linalg.norm(states[row, k, 3:] - np.array(v) * 1e3))
    print(f"python-sgp4: {len(sets)} objects x {len(times)} instants, largest |dr| {dr:.2e} m, |dv| {dv:.2e} m/s")
    # Measured 1.87e-5 m and 2.05e-8 m/s (python-sgp4 forms the time since epoch from Julian date pairs; the C++
    # test Sgp4BatchKernel.AgreesWithPythonSgp4 sees the same 1.9e-5 m at UTC instants).
    assert dr < 4e-5 and dv < 5e-8


def test_status_marks_states_sgp4_cannot_give():
    """A low element set decays within days: status 6 (decayed), NaN states, as the C++ batch documents."""
    low = deorbit.read_tle(data("reentries/45601_cz-5b-y1_rb.tle"))[-1]
    far = np.datetime64(str(low.epoch)[:19]) + np.arange(0, 40 * 86400, 86400) * np.timedelta64(1, "s")
    states, status = deorbit.Sgp4Batch([low]).propagate(far, errors_persist=True)
    assert status[0, 0] == 0 and (status[0] != 0).any()
    bad = status[0] != 0
    assert np.isnan(states[0, bad]).all() and np.isfinite(states[0, ~bad]).all()
    assert deorbit.sgp4_status_name(int(status[0, bad][0])) != "ok"


def test_results_outlive_the_batch_and_its_inputs():
    """Each result owns its memory (numpy's, or for large sweeps the module's, freed with the array)."""
    batch = deorbit.Sgp4Batch(deorbit.read_tle(ACTIVE)[:3])
    states, status = batch.propagate(minutes(4))
    big, big_status = batch.propagate(minutes(200_000, 1))  # 3 x 200,000 x 6 doubles: 29 MB
    again, _ = batch.propagate(minutes(200_000, 1))
    copy, big_copy = states.copy(), big[:, ::1000].copy()
    assert not np.shares_memory(big, again)
    del batch, again
    gc.collect()
    np.testing.assert_array_equal(states, copy)
    np.testing.assert_array_equal(big[:, ::1000], big_copy)
    assert not isinstance(big.base, np.ndarray) and not isinstance(status.base, np.ndarray)


def test_bad_options_raise():
    batch = deorbit.Sgp4Batch(deorbit.read_tle(ACTIVE)[:2])
    with pytest.raises(deorbit.InputError, match="simd"):
        batch.propagate(minutes(2), simd="sse9")
    with pytest.raises(deorbit.InputError, match="gravity"):
        deorbit.Sgp4Batch([], gravity="wgs99")


def test_threads_and_out_give_the_same_numbers():
    batch = deorbit.Sgp4Batch(deorbit.read_tle(ACTIVE))
    times = minutes(30, 600)
    states, status = batch.propagate(times)
    out = (np.full_like(states, 7.0), np.full_like(status, 9))
    again = batch.propagate(times, threads=0, out=out)
    assert again[0] is out[0] and again[1] is out[1]
    np.testing.assert_array_equal(out[0], states)
    np.testing.assert_array_equal(out[1], status)
    with pytest.raises(deorbit.InputError, match="out"):
        batch.propagate(times, out=(states[:, :5], status))
    with pytest.raises(deorbit.InputError, match="out"):
        batch.propagate(times, out=(states.astype(np.float32), status))
