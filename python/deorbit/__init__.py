"""deorbit: plan and verify controlled re-entries, from Python (C++ core; see docs/python.md).

Units are SI (m, m/s, kg, s) unless a name says otherwise (alt_km, lat_deg). Times are Epoch objects, ISO 8601
strings (UTC), datetimes (naive = UTC) or numpy datetime64 arrays (UTC). Every array returned is a new numpy array
owned by Python. Bad input raises InputError (a ValueError) whose message names file:line:column: field.
"""
from ._deorbit import (
    EarthOrientation,
    Epoch,
    InputError,
    InputWarning,
    MeanElements,
    Opm,
    Sgp4Batch,
    campaign,
    decay,
    demise,
    density,
    epochs,
    geodetic,
    parse_tle,
    plan,
    propagate_numerical,
    read_omm,
    read_opm,
    read_tle,
    sgp4_status_name,
    to_datetime64,
    transform,
)

__all__ = [
    "EarthOrientation", "Epoch", "InputError", "InputWarning", "MeanElements", "Opm", "Sgp4Batch", "campaign",
    "decay", "demise", "density", "epochs", "geodetic", "parse_tle", "plan", "propagate_numerical", "read_omm", "read_opm",
    "read_tle", "sgp4_status_name", "to_datetime64", "transform",
]
