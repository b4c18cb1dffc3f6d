#include "deorbit/campaign/run_store.h"

#include <cstring>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <sqlite3.h>

#include "deorbit/base/error.h"

namespace deorbit {
namespace {

// A prepared statement that finalises itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::filesystem::path& path) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail("prepare");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() { return stmt_; }
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("step");
    return false;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); }
  void bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind(int i, int v) { check(sqlite3_bind_int(stmt_, i, v)); }
  void bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void bind_blob(int i, const std::vector<double>& v) {
    check(sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size() * sizeof(double)), SQLITE_TRANSIENT));
  }
  double real(int i) { return sqlite3_column_double(stmt_, i); }
  std::int64_t integer(int i) { return sqlite3_column_int64(stmt_, i); }
  std::string text(int i) {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, i)) : std::string();
  }
  std::vector<double> blob(int i) {
    const void* b = sqlite3_column_blob(stmt_, i);
    std::vector<double> out(static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)) / sizeof(double));
    if (b && !out.empty()) std::memcpy(out.data(), b, out.size() * sizeof(double));
    return out;
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail("bind");
  }
  [[noreturn]] void fail(const char* what) {
    throw InputError(fmt::format("{}: SQLite {} failed: {}", path_.string(), what, sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  const std::filesystem::path& path_;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  run INTEGER PRIMARY KEY, status INTEGER NOT NULL, message TEXT NOT NULL, log_weight REAL NOT NULL,
  inputs TEXT NOT NULL, factors BLOB,
  breakup_time_s REAL, breakup_latitude_rad REAL, breakup_longitude_rad REAL, breakup_altitude_m REAL,
  breakup_speed_mps REAL, breakup_flight_path_angle_rad REAL,
  surviving_mass_kg REAL, expected_casualties REAL, inside INTEGER NOT NULL, min_margin_m REAL,
  land_impact INTEGER NOT NULL, min_distance_to_land_m REAL);
CREATE TABLE IF NOT EXISTS impacts(
  run INTEGER NOT NULL, k INTEGER NOT NULL, object INTEGER NOT NULL, latitude_rad REAL NOT NULL,
  longitude_rad REAL NOT NULL, mass_kg REAL NOT NULL, kinetic_energy_j REAL NOT NULL, casualty_area_m2 REAL NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY(run, k)) WITHOUT ROWID;
)";

// Where two texts part: the first differing line of each (scenario and dispersions texts share long headers).
std::string first_difference(const std::string& stored, const std::string& now) {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < stored.size() && i < now.size() && stored[i] == now[i]; ++i)
    if (stored[i] == '\n') {
      ++line;
      start = i + 1;
    }
  auto line_of = [start](const std::string& t) { return t.substr(start, t.find('\n', start) - start); };
  return fmt::format("line {}: stored '{:.80}', now '{:.80}'", line, line_of(stored), line_of(now));
}

}  // namespace

void RunStore::exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw InputError(fmt::format("{}: SQLite: {}", path_.string(), msg));
  }
}

RunStore::RunStore(const std::filesystem::path& path, const CampaignIdentity& id, bool resume) : path_(path) {
  const bool exists = std::filesystem::exists(path);
  if (resume && !exists)
    throw InputError(fmt::format("{}: no campaign store to resume (run without --resume to start one)", path.string()));
  if (!resume && exists)
    throw InputError(fmt::format("{}: a campaign store exists already: add --resume to continue it, or remove it "
                                 "(or pick another --db) to start anew",
                                 path.string()));
  if (sqlite3_open_v2(path.string().c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw InputError(fmt::format("{}: cannot open the campaign store: {}", path.string(), msg));
  }
  try {
    sqlite3_busy_timeout(db_, 10000);
    // WAL with synchronous=NORMAL: a committed transaction survives the process being killed (not a power cut).
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    exec(kSchema);
    // The seed first: the dispersions' text holds it too, and a resume with another --seed must say "seed".
    const std::vector<std::pair<std::string, std::string>> expected{{"seed", std::to_string(id.seed)},
                                                                    {"scenario_text", id.scenario_text},
                                                                    {"scenario_label", id.scenario_label},
                                                                    {"dispersions", id.dispersions_text},
                                                                    {"program_version", id.program_version}};
    if (resume) {
      auto stored = meta();
      for (const auto& [key, value] : expected) {
        if (key == "scenario_label") continue;  // the same scenario may be given by another path
        auto it = stored.find(key);
        if (it == stored.end())
          throw InputError(fmt::format("{}: not a deorbit campaign store (no '{}' in its meta table)", path.string(), key));
        if (it->second != value)
          throw InputError(fmt::format("{}: cannot resume: the campaign's {} differs from this one's ({})",
                                       path.string(), key, first_difference(it->second, value)));
      }
    } else {
      exec("BEGIN");
      for (const auto& [key, value] : expected) set_meta(key, value);
      exec("COMMIT");
    }
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

std::unique_ptr<RunStore> RunStore::open_read_only(const std::filesystem::path& path) {
  std::unique_ptr<RunStore> s(new RunStore());
  s->path_ = path;
  if (!std::filesystem::exists(path)) throw InputError(fmt::format("{}: no such campaign store", path.string()));
  if (sqlite3_open_v2(path.string().c_str(), &s->db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw InputError(fmt::format("{}: cannot open the campaign store: {}", path.string(), sqlite3_errmsg(s->db_)));
  return s;
}

RunStore::~RunStore() { sqlite3_close(db_); }

void RunStore::set_meta(const std::string& key, const std::string& value) {
  Statement st(db_, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
               path_);
  st.bind(1, key);
  st.bind(2, value);
  st.step();
}

std::map<std::string, std::string> RunStore::meta() const {
  std::map<std::string, std::string> out;
  Statement st(db_, "SELECT key, value FROM meta", path_);
  while (st.step()) out[st.text(0)] = st.text(1);
  return out;
}

std::vector<std::int64_t> RunStore::stored_runs() const {
  std::vector<std::int64_t> out;
  Statement st(db_, "SELECT run FROM runs ORDER BY run", path_);
  while (st.step()) out.push_back(st.integer(0));
  return out;
}

void RunStore::insert(std::span<const RunRecord> records) {
  if (records.empty()) return;
  exec("BEGIN IMMEDIATE");
  try {
    Statement run(db_,
                  "INSERT INTO runs VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                  path_);
    Statement impact(db_, "INSERT INTO impacts VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", path_);
    for (const RunRecord& r : records) {
      run.bind(1, r.run);
      run.bind(2, static_cast<int>(r.status));
      run.bind(3, r.message);
      run.bind(4, r.log_weight);
      run.bind(5, r.inputs_json);
      run.bind_blob(6, r.input_factors);
      run.bind(7, r.breakup_time);
      run.bind(8, r.breakup_latitude);
      run.bind(9, r.breakup_longitude);
      run.bind(10, r.breakup_altitude);
      run.bind(11, r.breakup_speed);
      run.bind(12, r.breakup_flight_path_angle);
      run.bind(13, r.surviving_mass);
      run.bind(14, r.expected_casualties);
      run.bind(15, r.inside ? 1 : 0);
      run.bind(16, r.min_margin);
      run.bind(17, r.land_impact ? 1 : 0);
      run.bind(18, r.min_distance_to_land);
      run.step();
      run.reset();
      for (std::size_t k = 0; k < r.impacts.size(); ++k) {
        const ImpactRecord& i = r.impacts[k];
        impact.bind(1, r.run);
        impact.bind(2, static_cast<std::int64_t>(k));
        impact.bind(3, i.object);
        impact.bind(4, i.latitude);
        impact.bind(5, i.longitude);
        impact.bind(6, i.mass);
        impact.bind(7, i.kinetic_energy);
        impact.bind(8, i.casualty_area);
        impact.bind(9, i.count);
        impact.step();
        impact.reset();
      }
    }
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  exec("COMMIT");
}

std::vector<RunRecord> RunStore::load() const {
  std::vector<RunRecord> out;
  {
    Statement st(db_, "SELECT * FROM runs ORDER BY run", path_);
    while (st.step()) {
      RunRecord r;
      r.run = st.integer(0);
      r.status = static_cast<RunStatus>(st.integer(1));
      r.message = st.text(2);
      r.log_weight = st.real(3);
      r.inputs_json = st.text(4);
      r.input_factors = st.blob(5);
      r.breakup_time = st.real(6);
      r.breakup_latitude = st.real(7);
      r.breakup_longitude = st.real(8);
      r.breakup_altitude = st.real(9);
      r.breakup_speed = st.real(10);
      r.breakup_flight_path_angle = st.real(11);
      r.surviving_mass = st.real(12);
      r.expected_casualties = st.real(13);
      r.inside = st.integer(14) != 0;
      r.min_margin = st.real(15);
      r.land_impact = st.integer(16) != 0;
      r.min_distance_to_land = st.real(17);
      out.push_back(std::move(r));
    }
  }
  Statement st(db_, "SELECT * FROM impacts ORDER BY run, k", path_);
  std::size_t at = 0;
  while (st.step()) {
    const std::int64_t run = st.integer(0);
    while (at < out.size() && out[at].run < run) ++at;
    if (at == out.size() || out[at].run != run)
      throw InputError(fmt::format("{}: impact of run {} that is not in the runs table", path_.string(), run));
    ImpactRecord i;
    i.object = static_cast<int>(st.integer(2));
    i.latitude = st.real(3);
    i.longitude = st.real(4);
    i.mass = st.real(5);
    i.kinetic_energy = st.real(6);
    i.casualty_area = st.real(7);
    i.count = static_cast<int>(st.integer(8));
    out[at].impacts.push_back(i);
  }
  return out;
}

}  // namespace deorbit
