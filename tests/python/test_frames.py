"""Frame transforms on arrays: Vallado's worked TEME example (the numbers and bounds of
tests/frames/vallado_teme_example_test.cpp), shapes, and errors."""
import numpy as np
import pytest

import deorbit

# Vallado, Crawford, Hujsak, Kelso, AIAA 2006-6753 (km, km/s) at 2004-04-06 07:51:28.386009 UTC.
TEME = np.array([5094.18016210, 6127.64465950, 6380.34453270, -4.746131487, 0.785818041, 5.531931288]) * 1e3
ITRF = np.array([-1033.4793830, 7901.2952754, 6380.3565958, -3.225636520, -2.872451450, 5.531924446]) * 1e3
EPOCH = "2004-04-06T07:51:28.386009Z"


def example_eop():
    row = dict(ut1_minus_utc=-0.4399619, lod=0.0015563, xp_arcsec=-0.140682, yp_arcsec=0.333309,
               dpsi_arcsec=-0.052195, deps_arcsec=-0.003875)
    return deorbit.EarthOrientation.from_rows([dict(row, mjd=53101), dict(row, mjd=53102)], "Vallado example")


def test_teme_to_itrf_reproduces_the_example_within_a_centimetre_and_back():
    eop = example_eop()
    itrf = deorbit.transform(TEME, EPOCH, "TEME", "ITRF", eop=eop)
    assert itrf.shape == (6,) and itrf.dtype == np.float64
    assert np.linalg.norm(itrf[:3] - ITRF[:3]) < 0.01
    assert np.linalg.norm(itrf[3:] - ITRF[3:]) < 1e-5
    teme = deorbit.transform(itrf, EPOCH, "ITRF", "TEME", eop=eop)
    assert np.linalg.norm(teme[:3] - TEME[:3]) < 1e-6
    assert np.linalg.norm(teme[3:] - TEME[3:]) < 1e-9


def test_arrays_of_states_keep_their_shape_one_time_or_one_per_state():
    states = np.tile(TEME, (2, 3, 1))
    one = deorbit.transform(states, EPOCH, "TEME", "GCRF")
    assert one.shape == (2, 3, 6)
    times = np.datetime64("2004-04-06T07:51:28") + np.arange(6).reshape(2, 3) * np.timedelta64(60, "s")
    each = deorbit.transform(states, times.ravel(), "TEME", "GCRF")
    assert each.shape == (2, 3, 6)
    single = deorbit.transform(TEME, times[1, 2], "TEME", "GCRF")
    np.testing.assert_array_equal(each[1, 2], single)
    assert not np.array_equal(each[0, 0], each[1, 2])
    # The input is not touched, and the result is a new array.
    assert not np.shares_memory(one, states)
    np.testing.assert_array_equal(states[0, 0], TEME)


def test_errors_name_the_argument():
    with pytest.raises(deorbit.InputError, match="frame"):
        deorbit.transform(TEME, EPOCH, "TEME", "ECEF2")
    with pytest.raises(deorbit.InputError, match="shape"):
        deorbit.transform(np.zeros((4, 5)), EPOCH, "TEME", "GCRF")
    with pytest.raises(deorbit.InputError, match="times"):
        deorbit.transform(np.zeros((4, 6)), [EPOCH, EPOCH], "TEME", "GCRF")


def test_geodetic_of_itrf_positions():
    equator = deorbit.geodetic(np.array([[6378137.0 + 400e3, 0, 0], [0, 6378137.0, 0]]))
    np.testing.assert_allclose(equator, [[0, 0, 400e3], [0, 90, 0]], atol=1e-6)
    pole = deorbit.geodetic(np.array([0, 0, 6356752.314245 + 1000.0, 1, 2, 3]))  # a state: the position is used
    assert pole.shape == (3,) and pole[0] == pytest.approx(90.0) and pole[2] == pytest.approx(1000.0, abs=1e-6)
