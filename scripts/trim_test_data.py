#!/usr/bin/env python3
"""Makes tests/data from a copy of the project's public reference data (the folder layout of shared/data).

    python3 scripts/trim_test_data.py SOURCE_DATA_DIR tests/data

Run once by a maintainer when an oracle is refreshed; the tests read only tests/data. Files are copied verbatim,
or trimmed to what the tests read (whole lines kept, never a value changed); each folder's PROVENANCE.md records the
rule used for each file. Rules:
  - the fixed-width space-weather and EOP tables: observed rows from 2000-01-01 on, every predicted row, the
    NUM_OBSERVED_POINTS line rewritten to the rows kept (the CSV space-weather table is whole: a test reads its
    whole observed record);
  - TLE catalogues: every Nth element set (N = 16 for the 2025 active catalogue, plus the objects the tests name;
    N = 32 for the 2013 catalogue and the 1998-2004 ISS history);
  - GOCE's element-set history: the sets from 2013-10-01 on (the validation looks at most 15 days back from
    10 days before re-entry).
"""
import os
import shutil
import sys

WHOLE = [
    "sgp4/SGP4-VER.TLE", "sgp4/SGP4-VER_vallado-2025.TLE", "sgp4/tcppver.out",
    "sgp4/sample_omm.csv", "sgp4/sample_omm.json", "sgp4/sample_omm.xml",
    "spaceweather/SW-All_2025-03-23.csv",
    "tle/iss/iss_omm_2024-09_to_2025-03.json",
    "gravity/egm96_n360.txt", "gravity/egm2008_n100.txt",
    "geo/ne_land_110m.geojson", "geo/ne_land_50m.geojson",
    "spoua/cmseo_tiangong2_debris_area.geojson",
    "reentries/33506_omid.tle", "reentries/37820_tiangong-1.tle", "reentries/45601_cz-5b-y1_rb.tle", "reentries/48275_cz-5b-y2_rb.tle",
    "reentries/reentries_index.csv",
    "decay-single/cases.csv", "decay-single/tles.tle",
    "nrlmsise00/nrlmsise00_c_test_cases.csv", "nrlmsise00/nrlmsise00_ccmc_profiles.csv",
    "nrlmsise00/nrlmsise00_coefficients.csv",
    "orekit-reference/README.md", "orekit-reference/iss_caseA.csv", "orekit-reference/iss_caseB.csv",
    "orekit-reference/iss_caseC.csv",
    "orekit-reference/iss_caseA_dP1e-6.csv", "orekit-reference/iss_caseB_dP1e-6.csv",
    "orekit-reference/iss_caseC_dP1e-6.csv", "orekit-reference/iss_caseD_dP1e-6.csv",
    "orekit-reference/iss_caseC_nrlmsise00_density_samples.csv",
]

# (source, destination, keep every Nth three-line set, catalogue numbers always kept)
TLE_SAMPLES = [
    ("tle/active_2025-10-03.tle", "tle/active_2025-10-03_sample.tle", 16, {25544, 24876, 41866}),
]


def read_lines(path):
    with open(path, newline="") as f:
        return f.read().splitlines(keepends=True)


def write_lines(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        f.writelines(lines)


def three_line_sets(lines):
    sets, i = [], 0
    while i + 2 < len(lines):
        if lines[i + 1].startswith("1 ") and lines[i + 2].startswith("2 "):
            sets.append(lines[i:i + 3])
            i += 3
        else:
            i += 1
    return sets


def sample_catalogue(src, dst, every, keep):
    sets = three_line_sets(read_lines(src))
    out = []
    for k, s in enumerate(sets):
        number = int(s[1][2:7]) if s[1][2:7].strip().isdigit() else -1
        if k % every == 0 or number in keep:
            out.extend(s)
    write_lines(dst, out)
    return len(sets), len(out) // 3


def sample_two_line_history(src, dst, every, since=None):
    lines = read_lines(src)
    pairs = [lines[i:i + 2] for i in range(len(lines) - 1) if lines[i].startswith("1 ") and lines[i + 1].startswith("2 ")]
    if pairs and not pairs[-1][1].endswith("\n"):
        pairs[-1][1] += "\n"
    out = []
    for k, p in enumerate(pairs):
        if since is not None:
            yy, doy = int(p[0][18:20]), float(p[0][20:32])
            year = 2000 + yy if yy < 57 else 1900 + yy
            if (year, doy) < since:
                continue
        elif k % every:
            continue
        out.extend(p)
    write_lines(dst, out)
    return len(pairs), len(out) // 2


def trim_fixed_width(src, dst, first_year):
    """CelesTrak fixed-width SpaceWeather-All / EOP-All: keeps observed rows from first_year on."""
    lines = read_lines(src)
    out, in_observed, kept, count_at = [], False, 0, None
    for l in lines:
        if l.startswith("NUM_OBSERVED_POINTS"):
            count_at = len(out)
        if l.startswith("BEGIN OBSERVED"):
            in_observed = True
        elif l.startswith("END OBSERVED"):
            in_observed = False
        elif in_observed:
            if int(l[:4]) < first_year:
                continue
            kept += 1
        out.append(l)
    if count_at is not None:
        out[count_at] = "NUM_OBSERVED_POINTS %d\n" % kept
    write_lines(dst, out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    for rel in WHOLE:
        os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
        shutil.copyfile(os.path.join(src, rel), os.path.join(dst, rel))
    for s, d, every, keep in TLE_SAMPLES:
        print(d, "%d of %d sets" % sample_catalogue(os.path.join(src, s), os.path.join(dst, d), every, keep)[::-1])
    print("tle/catalog_2013-10-23_sample.tle", "%d of %d sets" % sample_two_line_history(
        os.path.join(src, "tle/catalog_2013-10-23_full.tle"),
        os.path.join(dst, "tle/catalog_2013-10-23_sample.tle"), 32)[::-1])
    print("tle/iss/iss_1998-11_to_2004-12_sample.tle", "%d of %d sets" % sample_two_line_history(
        os.path.join(src, "tle/iss/iss_1998-11_to_2004-12.tle"),
        os.path.join(dst, "tle/iss/iss_1998-11_to_2004-12_sample.tle"), 32)[::-1])
    print("reentries/34602_goce_2013-10.tle", "%d of %d sets" % sample_two_line_history(
        os.path.join(src, "reentries/34602_goce.tle"),
        os.path.join(dst, "reentries/34602_goce_2013-10.tle"), 1, since=(2013, 274.0))[::-1])
    trim_fixed_width(os.path.join(src, "spaceweather/SpaceWeather-All-v1.2_2025-01-10.txt"),
                     os.path.join(dst, "spaceweather/SpaceWeather-All-v1.2_2025-01-10_from-2000.txt"), 2000)
    trim_fixed_width(os.path.join(src, "spaceweather/EOP-All-v1.1_2025-01-10.txt"),
                     os.path.join(dst, "spaceweather/EOP-All-v1.1_2025-01-10_from-2000.txt"), 2000)


if __name__ == "__main__":
    main()
