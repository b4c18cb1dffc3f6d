// The campaign store (run_store.h) and the byte encoding of run records between MPI ranks (mpi_runner.h): exact
// round trips (doubles bit for bit, infinities, empty and failed runs), whole-transaction inserts, and the identity
// checks of a new or resumed campaign.
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"
#include "deorbit/campaign/mpi_runner.h"
#include "deorbit/campaign/run_store.h"
#include "support/expect_error.h"

namespace deorbit {
namespace {

namespace fs = std::filesystem;
using testing::expect_error;

constexpr double inf = std::numeric_limits<double>::infinity();

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// A fresh folder of this test in the test temporary folder.
fs::path temp_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("deorbit_store_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

CampaignIdentity identity() {
  return {"name: test\nplan: {}\n", "test.yaml", 12345, "dispersions:\n  defaults: none\n", "deorbit 0.12.0-test"};
}

// Awkward values: thirds, denormals, huge and tiny magnitudes, negative zero, infinities.
RunRecord record(std::int64_t run, int impacts) {
  RunRecord r;
  r.run = run;
  r.log_weight = -std::log(3.0) * static_cast<double>(run + 1);
  r.inputs_json = "{\"run\":" + std::to_string(run) + ",\"delta_v_factor\":1.0123456789012345}";
  r.input_factors = {1.0 / 3.0, 0.9 + 1e-17 * static_cast<double>(run), std::nextafter(1.0, 2.0), 4.9e-324};
  r.breakup_time = 1234.5678901234567 + static_cast<double>(run);
  r.breakup_latitude = -0.7123456789012345;
  r.breakup_longitude = 3.0 * std::atan(1.0) + 1e-13 * static_cast<double>(run);
  r.breakup_altitude = 78123.456789;
  r.breakup_speed = 7345.6789012345678;
  r.breakup_flight_path_angle = -0.0217;
  for (int k = 0; k < impacts; ++k) {
    ImpactRecord i;
    i.object = k * 3 + 1;
    i.latitude = -0.8 + 1e-3 * k + 1.0 / 7.0 * 1e-9;
    i.longitude = -2.5 - 1e-3 * k;
    i.mass = 12.345678901234 * (k + 1);
    i.kinetic_energy = 1.23456789e7 / (k + 1);
    i.casualty_area = k % 2 ? 0.0 : 1.3333333333333333;
    i.count = k + 1;
    r.impacts.push_back(i);
  }
  r.surviving_mass = 1e-300 * static_cast<double>(run + 1);
  r.expected_casualties = 3.7e-5 / 3;
  r.inside = run % 2 == 0;
  r.min_margin = run % 3 == 0 ? inf : -12345.678;
  r.land_impact = run % 5 == 1;
  r.min_distance_to_land = impacts == 0 ? inf : 987654.3210123;
  return r;
}

RunRecord failed(std::int64_t run) {
  RunRecord r;
  r.run = run;
  r.status = RunStatus::failed;
  r.message = "run " + std::to_string(run) + ": the propagation stopped: 'max_time' reached (7200 s) — ünïcode";
  r.inputs_json = "{\"run\":" + std::to_string(run) + "}";
  r.min_margin = -inf;
  r.min_distance_to_land = inf;
  return r;
}

void expect_same(const RunRecord& a, const RunRecord& b) {
  EXPECT_EQ(a.run, b.run);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.inputs_json, b.inputs_json);
  const double da[] = {a.log_weight, a.breakup_time, a.breakup_latitude, a.breakup_longitude, a.breakup_altitude,
                       a.breakup_speed, a.breakup_flight_path_angle, a.surviving_mass, a.expected_casualties,
                       a.min_margin, a.min_distance_to_land};
  const double db[] = {b.log_weight, b.breakup_time, b.breakup_latitude, b.breakup_longitude, b.breakup_altitude,
                       b.breakup_speed, b.breakup_flight_path_angle, b.surviving_mass, b.expected_casualties,
                       b.min_margin, b.min_distance_to_land};
  for (std::size_t i = 0; i < std::size(da); ++i)
    EXPECT_TRUE(same_bits(da[i], db[i])) << "run " << a.run << " field " << i << ": " << da[i] << " vs " << db[i];
  EXPECT_EQ(a.inside, b.inside);
  EXPECT_EQ(a.land_impact, b.land_impact);
  ASSERT_EQ(a.input_factors.size(), b.input_factors.size());
  for (std::size_t i = 0; i < a.input_factors.size(); ++i)
    EXPECT_TRUE(same_bits(a.input_factors[i], b.input_factors[i])) << "factor " << i;
  ASSERT_EQ(a.impacts.size(), b.impacts.size()) << "run " << a.run;
  for (std::size_t k = 0; k < a.impacts.size(); ++k) {
    const ImpactRecord &x = a.impacts[k], &y = b.impacts[k];
    EXPECT_EQ(x.object, y.object);
    EXPECT_EQ(x.count, y.count);
    for (auto [u, v] : {std::pair{x.latitude, y.latitude}, {x.longitude, y.longitude}, {x.mass, y.mass},
                        {x.kinetic_energy, y.kinetic_energy}, {x.casualty_area, y.casualty_area}})
      EXPECT_TRUE(same_bits(u, v)) << "run " << a.run << " impact " << k;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// RunStore

TEST(RunStore, InsertAndLoadRoundTripExactly) {
  const fs::path db = temp_dir() / "c.sqlite";
  // Out of order, in two transactions: the store gives them back by run number.
  std::vector<RunRecord> first{record(7, 3), failed(2), record(0, 0)}, second{record(4, 40), record(1, 1)};
  {
    RunStore s(db, identity(), false);
    EXPECT_TRUE(s.stored_runs().empty());
    EXPECT_TRUE(s.load().empty());
    s.insert(first);
    s.insert(second);
    s.insert({});  // nothing: no transaction, no error
    EXPECT_EQ(s.stored_runs(), (std::vector<std::int64_t>{0, 1, 2, 4, 7}));
  }
  // Read back from a reopened (resumed) store and read-only.
  RunStore s(db, identity(), true);
  const std::vector<RunRecord> expected{record(0, 0), record(1, 1), failed(2), record(4, 40), record(7, 3)};
  for (const auto& loaded : {s.load(), RunStore::open_read_only(db)->load()}) {
    ASSERT_EQ(loaded.size(), expected.size());
    for (std::size_t i = 0; i < loaded.size(); ++i) expect_same(loaded[i], expected[i]);
  }
  const auto loaded = s.load();
  EXPECT_EQ(loaded[2].status, RunStatus::failed);
  EXPECT_TRUE(std::isinf(loaded[0].min_margin) && loaded[0].min_margin > 0);
  EXPECT_TRUE(std::isinf(loaded[2].min_margin) && loaded[2].min_margin < 0);
  EXPECT_TRUE(loaded[0].impacts.empty());
  EXPECT_TRUE(loaded[2].input_factors.empty());
}

TEST(RunStore, ADuplicateRunRollsTheWholeInsertBack) {
  const fs::path db = temp_dir() / "c.sqlite";
  RunStore s(db, identity(), false);
  s.insert(std::vector<RunRecord>{record(3, 2), record(5, 1)});
  // New runs 8 and 9 (with impacts) before the duplicate 5: none of them may stay.
  const std::vector<RunRecord> batch{record(8, 4), record(9, 2), record(5, 0)};
  expect_error([&] { s.insert(batch); }, db.string());
  EXPECT_EQ(s.stored_runs(), (std::vector<std::int64_t>{3, 5}));
  auto loaded = s.load();
  ASSERT_EQ(loaded.size(), 2u);
  expect_same(loaded[0], record(3, 2));
  expect_same(loaded[1], record(5, 1));  // its impacts neither doubled nor replaced
  // A duplicate inside one batch likewise.
  expect_error([&] { s.insert(std::vector<RunRecord>{record(10, 1), record(10, 1)}); }, db.string());
  EXPECT_EQ(s.stored_runs(), (std::vector<std::int64_t>{3, 5}));
  // The store still takes inserts after a rollback.
  s.insert(std::span(batch).first(2));
  EXPECT_EQ(s.stored_runs(), (std::vector<std::int64_t>{3, 5, 8, 9}));
  loaded = s.load();
  expect_same(loaded[2], record(8, 4));
  expect_same(loaded[3], record(9, 2));
}

TEST(RunStore, MetaHoldsTheCampaignIdentity) {
  const fs::path db = temp_dir() / "c.sqlite";
  const CampaignIdentity id = identity();
  RunStore s(db, id, false);
  auto m = s.meta();
  EXPECT_EQ(m.at("scenario_text"), id.scenario_text);
  EXPECT_EQ(m.at("scenario_label"), id.scenario_label);
  EXPECT_EQ(m.at("seed"), "12345");
  EXPECT_EQ(m.at("dispersions"), id.dispersions_text);
  EXPECT_EQ(m.at("program_version"), id.program_version);
  s.set_meta("runs_requested", "100");
  s.set_meta("runs_requested", "200");  // replaced, not added
  m = s.meta();
  EXPECT_EQ(m.at("runs_requested"), "200");
  EXPECT_EQ(m.size(), 6u);
}

TEST(RunStore, NewAndResumeCheckTheFileAndTheIdentity) {
  const fs::path dir = temp_dir(), db = dir / "c.sqlite";
  expect_error([&] { RunStore s(db, identity(), true); }, "--resume");
  EXPECT_FALSE(fs::exists(db));  // a failed resume creates nothing
  { RunStore s(db, identity(), false); s.insert(std::vector<RunRecord>{record(0, 1)}); }
  expect_error([&] { RunStore s(db, identity(), false); }, "add --resume");
  // Each identity field that differs is named.
  auto differs = [&](auto change, const std::string& field) {
    CampaignIdentity id = identity();
    change(id);
    expect_error([&] { RunStore s(db, id, true); }, "the campaign's " + field + " differs");
  };
  differs([](CampaignIdentity& id) { id.seed = 12346; }, "seed");
  differs([](CampaignIdentity& id) { id.scenario_text += "# one more line\n"; }, "scenario_text");
  differs([](CampaignIdentity& id) { id.dispersions_text = "dispersions:\n  defaults: standard\n"; }, "dispersions");
  differs([](CampaignIdentity& id) { id.program_version = "deorbit 0.13.0"; }, "program_version");
  // The label (the scenario file's path) may differ.
  CampaignIdentity moved = identity();
  moved.scenario_label = "elsewhere/test.yaml";
  RunStore s(db, moved, true);
  EXPECT_EQ(s.stored_runs(), (std::vector<std::int64_t>{0}));
  // A file that is not a store.
  const fs::path other = dir / "notes.txt";
  { std::FILE* f = std::fopen(other.c_str(), "w"); std::fputs("not a database, just text\n", f); std::fclose(f); }
  expect_error([&] { RunStore t(other, identity(), true); }, other.string());
  expect_error([&] { (void)RunStore::open_read_only(dir / "absent.sqlite"); }, "absent.sqlite");
  // Read-only: reads, refuses to write (and the refused insert leaves the runs as they were).
  auto ro = RunStore::open_read_only(db);
  EXPECT_EQ(ro->meta().at("seed"), "12345");
  expect_error([&] { ro->insert(std::vector<RunRecord>{record(1, 1)}); }, db.string());
  EXPECT_EQ(ro->stored_runs(), (std::vector<std::int64_t>{0}));
}

// ---------------------------------------------------------------------------------------------------------------
// encode_records / decode_records

TEST(RunRecordBytes, RoundTripExactly) {
  std::vector<RunRecord> records{record(0, 0), failed(1), record(2, 500), RunRecord{}};
  records[3].run = std::numeric_limits<std::int64_t>::max();  // empty strings, no factors, no impacts
  records[2].breakup_flight_path_angle = -0.0;
  records[2].input_factors.push_back(std::numeric_limits<double>::quiet_NaN());
  const std::string bytes = encode_records(records);
  const std::vector<RunRecord> back = decode_records(bytes);
  ASSERT_EQ(back.size(), records.size());
  for (std::size_t i = 0; i < back.size(); ++i) expect_same(back[i], records[i]);
  EXPECT_TRUE(std::signbit(back[2].breakup_flight_path_angle));
  EXPECT_TRUE(decode_records(encode_records({})).empty());
}

TEST(RunRecordBytes, TruncatedOrTrailingBytesThrow) {
  const std::vector<RunRecord> records{record(3, 2), failed(4)};
  const std::string bytes = encode_records(records);
  // Every proper prefix is refused (none decodes to a shorter list by accident).
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_THROW((void)decode_records(bytes.substr(0, n)), InputError) << n << " of " << bytes.size() << " bytes";
  expect_error([&] { (void)decode_records(bytes.substr(0, bytes.size() / 2)); }, "truncated");
  expect_error([&] { (void)decode_records(bytes + "x"); }, "trailing bytes");
  // A corrupt length (a string claiming more bytes than there are) is refused, not read past the end.
  std::string corrupt = encode_records(std::vector<RunRecord>{failed(1)});
  const std::size_t message_length_at = 8 + 8 + 4;  // count, run, status
  corrupt[message_length_at + 7] = '\x7f';
  expect_error([&] { (void)decode_records(corrupt); }, "truncated");
  // A corrupt count of records (the first 8 bytes) is refused before anything is allocated for it.
  corrupt = bytes;
  corrupt[7] = '\x7f';
  expect_error([&] { (void)decode_records(corrupt); }, "truncated");
}

}  // namespace
}  // namespace deorbit
