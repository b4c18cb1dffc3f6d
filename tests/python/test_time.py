"""Epoch, its scales and its datetime / numpy datetime64 interop."""
import datetime as dt

import numpy as np
import pytest

import deorbit


def test_scales_differ_by_their_definitions():
    tai = deorbit.Epoch("2025-01-01T00:00:00", scale="TAI")
    assert deorbit.Epoch("2025-01-01T00:00:00", scale="TT") - tai == pytest.approx(-32.184, abs=1e-9)
    assert deorbit.Epoch("2025-01-01T00:00:00", scale="GPS") - tai == pytest.approx(19.0, abs=1e-9)
    # TAI - UTC = 37 s since 2017 (ERFA's table).
    assert deorbit.Epoch("2025-01-01T00:00:00", scale="UTC") - tai == pytest.approx(37.0, abs=1e-9)


def test_j2000_and_julian_dates():
    j2000 = deorbit.Epoch.from_jd(2451545.0, 0.0, scale="TT")
    assert j2000.iso("TT") == "2000-01-01T12:00:00.000000"
    assert j2000.jd("TT") == (2451544.5, 0.5)
    assert deorbit.Epoch.from_mjd(60676.5, scale="UTC") == deorbit.Epoch("2025-01-01T12:00:00Z")
    assert deorbit.Epoch("2025-01-01T12:00:00Z").mjd("UTC") == 60676.5


def test_leap_second_counts():
    before = deorbit.Epoch("2016-12-31T23:59:59Z")
    assert deorbit.Epoch("2017-01-01T00:00:00Z") - before == pytest.approx(2.0, abs=1e-9)
    assert (before + 1.0).iso("UTC", 3) == "2016-12-31T23:59:60.000"


def test_datetime_round_trip_naive_is_utc_aware_is_converted():
    e = deorbit.Epoch(dt.datetime(2025, 10, 3, 12, 30, 15, 250000))
    assert e == deorbit.Epoch("2025-10-03T12:30:15.25Z")
    plus2 = dt.timezone(dt.timedelta(hours=2))
    assert deorbit.Epoch(dt.datetime(2025, 10, 3, 14, 30, 15, 250000, tzinfo=plus2)) == e
    back = e.to_datetime()
    assert back == dt.datetime(2025, 10, 3, 12, 30, 15, 250000, tzinfo=dt.timezone.utc)
    assert back.tzinfo is not None


def test_datetime64_arrays_any_unit_round_trip_to_the_nanosecond():
    t = np.datetime64("2025-10-03T00:00:00") + np.arange(5) * np.timedelta64(90, "s")
    epochs = deorbit.epochs(t)
    assert [str(e) for e in epochs][1] == "2025-10-03T00:01:30.000000Z"
    ns = np.datetime64("2025-10-03T01:02:03.123456789", "ns") + np.arange(3) * np.timedelta64(1, "ns")
    back = deorbit.to_datetime64(deorbit.epochs(ns))
    assert back.dtype == np.dtype("datetime64[ns]")
    np.testing.assert_array_equal(back, ns)
    assert deorbit.Epoch(np.datetime64("2025-10-03T00:00:00")).to_datetime64() == np.datetime64("2025-10-03T00:00:00")
    # Before 1970 too (negative nanoseconds).
    old = np.array(["1969-07-20T20:17:40"], dtype="datetime64[s]")
    assert str(deorbit.epochs(old)[0]) == "1969-07-20T20:17:40.000000Z"


def test_arithmetic_comparison_hash():
    a = deorbit.Epoch("2025-10-03T00:00:00Z")
    b = a + 60.5
    assert b - a == 60.5 and (b - 60.5) == a and a < b and a != b
    assert len({a, a + 0.0, b}) == 2
    assert repr(a) == "Epoch('2025-10-03T00:00:00.000000000Z')"


def test_bad_input_raises_with_the_field():
    with pytest.raises(deorbit.InputError) as e:
        deorbit.Epoch("2025-13-01T00:00:00")
    assert isinstance(e.value, ValueError) and "2025-13-01" in str(e.value)
    with pytest.raises(deorbit.InputError, match="scale"):
        deorbit.Epoch("2025-01-01", scale="XYZ")
    with pytest.raises(TypeError):
        deorbit.Epoch(3.5)
    with pytest.raises(deorbit.InputError, match="NaT"):
        deorbit.epochs(np.array(["NaT"], dtype="datetime64[ns]"))


def test_ut1_comes_from_the_earth_orientation_table():
    eop = deorbit.EarthOrientation.from_rows([{"mjd": 60676, "ut1_minus_utc": 0.0421}, {"mjd": 60677, "ut1_minus_utc": 0.0421}])
    ut1 = deorbit.Epoch("2025-01-01T12:00:00", scale="UT1", eop=eop)
    assert deorbit.Epoch("2025-01-01T12:00:00Z") - ut1 == pytest.approx(0.0421, abs=1e-9)
    assert ut1.iso("UT1", 3, eop=eop) == "2025-01-01T12:00:00.000"
