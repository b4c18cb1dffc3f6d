// End-to-end: `deorbit campaign` gives byte-identical run tables on 1 or 2 threads, on 1 or 2 MPI ranks, and after a
// kill -9 or a Ctrl-C and --resume; with the dispersions off every run is the nominal plan; one dispersion moves the
// footprint as the nominal sensitivity says; bad input is refused; the outputs are there.
//
// "Byte-identical run tables" is tested on a canonical dump of the store: every row of runs (by run) and of impacts
// (by run, k), every column, doubles printed with %a (exact).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/test_data.h"

extern char** environ;

namespace {

using deorbit::testing::CommandResult;
using deorbit::testing::run_deorbit;
using nlohmann::json;

std::string out_dir(const std::string& name) { return deorbit::testing::fresh_output_dir(name); }
json read_json(const std::string& path) { return deorbit::testing::read_json_file(path); }
std::string store_of(const std::string& dir) { return dir + "/campaign.sqlite"; }

// --- The store, read with the sqlite3 C API (read-only: a campaign may be writing it) ---

class ReadOnlyDb {
 public:
  explicit ReadOnlyDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db_);
      db_ = nullptr;
      return;
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~ReadOnlyDb() { sqlite3_close(db_); }
  ReadOnlyDb(const ReadOnlyDb&) = delete;
  ReadOnlyDb& operator=(const ReadOnlyDb&) = delete;
  [[nodiscard]] bool ok() const { return db_ != nullptr; }

  //! Every row of the query, each column as exact text (%a for doubles, hex for blobs); "error: ..." on failure.
  [[nodiscard]] std::vector<std::vector<std::string>> rows(const std::string& sql, std::string* error = nullptr) const {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* st = nullptr;
    if (!db_ || sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      if (error) *error = db_ ? sqlite3_errmsg(db_) : "cannot open the store";
      sqlite3_finalize(st);
      return out;
    }
    int rc = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) row.push_back(column_text(st, c));
      out.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE && error) *error = sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    return out;
  }

 private:
  static std::string column_text(sqlite3_stmt* st, int c) {
    char buf[64];
    switch (sqlite3_column_type(st, c)) {
      case SQLITE_INTEGER:
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(sqlite3_column_int64(st, c)));
        return buf;
      case SQLITE_FLOAT:
        std::snprintf(buf, sizeof buf, "%a", sqlite3_column_double(st, c));
        return buf;
      case SQLITE_TEXT:
      {
        // The text first, then its length (the order sqlite3_column_bytes asks).
        const auto* chars = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
        std::string text(1, '\'');
        text.append(chars, static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
        text.push_back('\'');
        return text;
      }
      case SQLITE_BLOB: {
        const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(st, c));
        std::string hex = "x";
        for (int i = 0; i < sqlite3_column_bytes(st, c); ++i) {
          std::snprintf(buf, sizeof buf, "%02x", p[i]);
          hex += buf;
        }
        return hex;
      }
      default:
        return "NULL";
    }
  }
  sqlite3* db_ = nullptr;
};

std::string join(const std::vector<std::string>& row) {
  std::string s;
  for (const auto& c : row) s += c + "|";
  return s;
}

// A JSON text column as the dump shows it ('quoted').
json parse_text_column(const std::string& quoted) {
  if (quoted.size() < 2 || quoted.front() != '\'' || quoted.back() != '\'') return json();
  return json::parse(std::string_view(quoted).substr(1, quoted.size() - 2));
}

// The canonical dump of a store's run tables.
std::string dump_store(const std::string& path) {
  ReadOnlyDb db(path);
  std::string error;
  std::string out = "runs\n";
  for (const auto& row : db.rows("SELECT * FROM runs ORDER BY run", &error)) out += join(row) + "\n";
  out += "impacts\n";
  for (const auto& row : db.rows("SELECT * FROM impacts ORDER BY run, k", &error)) out += join(row) + "\n";
  EXPECT_EQ(error, "") << path;
  return out;
}

// Run numbers stored, increasing (empty while the store or its tables do not exist yet).
std::vector<long long> stored_runs(const std::string& path) {
  std::vector<long long> out;
  if (!std::filesystem::exists(path)) return out;
  ReadOnlyDb db(path);
  for (const auto& row : db.rows("SELECT run FROM runs ORDER BY run")) out.push_back(std::stoll(row[0]));
  return out;
}

// --- A campaign as a child process, to be interrupted ---

struct Child {
  pid_t pid = -1;
  std::string out_file, err_file;
};

// Runs `program ARGS` (found on PATH) with its output in files named by `tag`.
Child spawn(const std::string& program, const std::vector<std::string>& args, const std::string& tag) {
  Child c;
  c.out_file = ::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + tag + ".out";
  c.err_file = ::testing::TempDir() + "/" + std::to_string(getpid()) + "_" + tag + ".err";
  std::vector<std::string> all = {program};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, c.out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, c.err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  // A test run from a non-interactive shell in the background inherits SIGINT ignored: the child gets the default.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  if (posix_spawnp(&c.pid, program.c_str(), &actions, &attr, argv.data(), environ) != 0) c.pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return c;
}

Child spawn_deorbit(const std::vector<std::string>& args, const std::string& tag) {
  return spawn(DEORBIT_APP, args, tag);
}

bool have_mpirun() { return std::system("command -v mpirun >/dev/null 2>&1") == 0; }

// The parent of a process (Linux /proc); -1 if it is gone.
long parent_of(long pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) return -1;
  std::istringstream rest(line.substr(line.rfind(')') + 1));
  char state = 0;
  long ppid = -1;
  rest >> state >> ppid;
  return ppid;
}

// The process of MPI rank `rank` among the descendants of `mpirun` (a child, or a grandchild under a PRRTE daemon),
// known by the rank in its environment (Open MPI and PMIx name it); -1 if none.
pid_t rank_process(pid_t mpirun, int rank) {
  const std::string r = std::to_string(rank);
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::stol(name);
    long up = parent_of(pid);
    for (int depth = 0; depth < 3 && up > 1 && up != mpirun; ++depth) up = parent_of(up);
    if (up != mpirun) continue;
    std::ifstream env(entry.path() / "environ");
    for (std::string var; std::getline(env, var, '\0');)
      if (var == "OMPI_COMM_WORLD_RANK=" + r || var == "PMIX_RANK=" + r) return static_cast<pid_t>(pid);
  }
  return -1;
}

std::string file_text(const std::string& path) {
  std::stringstream ss;
  ss << std::ifstream(path).rdbuf();
  return ss.str();
}

// Polls the store until `at_least` runs are stored; false if the child ended first or after `timeout_s`.
bool wait_for_runs(const Child& c, const std::string& db, std::size_t at_least, double timeout_s) {
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < timeout_s) {
    if (stored_runs(db).size() >= at_least) return true;
    int status = 0;
    if (waitpid(c.pid, &status, WNOHANG) == c.pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int wait_exit_code(const Child& c) {
  int status = 0;
  if (waitpid(c.pid, &status, 0) != c.pid) return -1;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// --- Scenarios ---

// The default ISS scenario as a file in the temporary folder, its objects file named absolutely, with `extra`
// appended (a dispersions block).
std::string iss_scenario(const std::string& name, const std::string& extra) {
  std::string text = file_text(deorbit::testing::source_path("examples/iss-usdv.yaml").string());
  const std::size_t at = text.find("\nobjects_file:");
  EXPECT_NE(at, std::string::npos);
  const std::size_t end = text.find('\n', at + 1);
  text.replace(at + 1, end - at - 1,
               "objects_file: " + deorbit::testing::source_path("examples/objects/iss.yaml").string());
  return deorbit::testing::write_temp_file(name, text + extra);
}

// --- Determinism ---

// The default ISS campaign with its standard dispersions: 1 and 2 worker threads store the same runs.
TEST(CampaignCliSlow, ThreadsDoNotChangeTheRuns) {
  const std::string one = out_dir("campaign-t1"), two = out_dir("campaign-t2");
  CommandResult a = run_deorbit("campaign --runs 40 --threads 1 -q -o " + one);
  ASSERT_EQ(a.exit_code, 0) << a.err << a.out;
  CommandResult b = run_deorbit("campaign --runs 40 --threads 2 -q -o " + two);
  ASSERT_EQ(b.exit_code, 0) << b.err << b.out;
  const std::string d1 = dump_store(store_of(one)), d2 = dump_store(store_of(two));
  EXPECT_EQ(stored_runs(store_of(one)).size(), 40u);
  EXPECT_GT(d1.size(), 40u * 200u);  // the dump holds the rows, not just the headers
  EXPECT_EQ(d1, d2);
  const json j1 = read_json(one + "/report.json"), j2 = read_json(two + "/report.json");
  EXPECT_EQ(j1["statistics"], j2["statistics"]);
  EXPECT_EQ(j1["statistics"]["runs"], 40);
  EXPECT_EQ(j2["campaign"]["threads_per_rank"], 2);
}

// Interrupted campaigns: 300 runs on 2 threads. Completed runs reach the store at least once a second (the runner's
// flush interval), about 125 runs a second on 2 threads, so 300 runs leave time to interrupt between two flushes.
// The interruption comes 0.3 s after a flush: runs are then in flight and others finished but not yet stored.
class CampaignCliInterruptSlow : public ::testing::Test {
 protected:
  static constexpr int kRuns = 300;
  static std::vector<std::string> args(const std::string& dir) {
    return {"campaign", "--runs", std::to_string(kRuns), "--threads", "2", "-q", "-o", dir};
  }
  static std::string args_text(const std::string& dir) {
    std::string s;
    for (const auto& a : args(dir)) s += a + " ";
    return s;
  }
  // The uninterrupted campaign: its dump and statistics (computed once per process).
  struct Reference {
    std::string dump;
    json statistics;
  };
  static const Reference& reference() {
    static const Reference r = [] {
      const std::string dir = out_dir("campaign-uninterrupted");
      CommandResult c = run_deorbit(args_text(dir));
      EXPECT_EQ(c.exit_code, 0) << c.err << c.out;
      return Reference{dump_store(store_of(dir)), read_json(dir + "/report.json")["statistics"]};
    }();
    return r;
  }
  // Every run 0..kRuns-1 exactly once.
  static void expect_every_run_once(const std::string& db) {
    const std::vector<long long> runs = stored_runs(db);
    ASSERT_EQ(runs.size(), static_cast<std::size_t>(kRuns));
    for (int i = 0; i < kRuns; ++i) EXPECT_EQ(runs[static_cast<std::size_t>(i)], i);
  }
};

TEST_F(CampaignCliInterruptSlow, KilledCampaignResumesToTheUninterruptedResult) {
  const Reference& ref = reference();
  const std::string dir = out_dir("campaign-killed");
  Child c = spawn_deorbit(args(dir), "killed");
  ASSERT_GT(c.pid, 0);
  const bool reached = wait_for_runs(c, store_of(dir), 30, 120);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(c.pid, SIGKILL);
  EXPECT_EQ(wait_exit_code(c), 128 + SIGKILL) << file_text(c.err_file);
  ASSERT_TRUE(reached) << "the campaign ended or stored no runs before the kill: " << file_text(c.err_file);
  const std::size_t left = stored_runs(store_of(dir)).size();
  EXPECT_GE(left, 30u);
  ASSERT_LT(left, static_cast<std::size_t>(kRuns)) << "killed too late to test the resume";
  EXPECT_FALSE(std::filesystem::exists(dir + "/report.json"));

  CommandResult r = run_deorbit(args_text(dir) + "--resume");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  expect_every_run_once(store_of(dir));
  EXPECT_EQ(dump_store(store_of(dir)), ref.dump);
  const json j = read_json(dir + "/report.json");
  EXPECT_EQ(j["statistics"], ref.statistics);
  EXPECT_EQ(j["campaign"]["runs_this_session"], kRuns - static_cast<int>(left));
}

TEST_F(CampaignCliInterruptSlow, CtrlCStopsCleanlyAndResumesToTheUninterruptedResult) {
  const Reference& ref = reference();
  const std::string dir = out_dir("campaign-interrupted");
  Child c = spawn_deorbit(args(dir), "interrupted");
  ASSERT_GT(c.pid, 0);
  const bool reached = wait_for_runs(c, store_of(dir), 30, 120);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(c.pid, SIGINT);
  const int code = wait_exit_code(c);
  ASSERT_TRUE(reached) << "the campaign ended or stored no runs before Ctrl-C: " << file_text(c.err_file);
  const std::string out = file_text(c.out_file), err = file_text(c.err_file);
  EXPECT_EQ(code, 3) << out << err;
  EXPECT_NE((out + err).find("--resume"), std::string::npos) << out << err;
  // Only whole runs: every stored run completed, with its impacts.
  ReadOnlyDb db(store_of(dir));
  const auto runs = db.rows("SELECT run, status FROM runs ORDER BY run");
  ASSERT_GE(runs.size(), 30u);
  ASSERT_LT(runs.size(), static_cast<std::size_t>(kRuns)) << "stopped too late to test the resume";
  const auto with_impacts = db.rows("SELECT DISTINCT run FROM impacts ORDER BY run");
  EXPECT_EQ(with_impacts.size(), runs.size());
  for (const auto& row : runs) EXPECT_EQ(row[1], "0") << "run " << row[0] << " did not complete";
  const json stopped = read_json(dir + "/report.json");
  EXPECT_FALSE(stopped["campaign"]["complete"].get<bool>());
  EXPECT_EQ(stopped["campaign"]["runs_stored"], runs.size());

  CommandResult r = run_deorbit(args_text(dir) + "--resume");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  expect_every_run_once(store_of(dir));
  EXPECT_EQ(dump_store(store_of(dir)), ref.dump);
  EXPECT_EQ(read_json(dir + "/report.json")["statistics"], ref.statistics);
}

// Under MPI, kill -9 of a worker rank (not of rank 0, which keeps the store): mpirun aborts the job; --resume on 2
// ranks completes it identical to the uninterrupted campaign.
TEST_F(CampaignCliInterruptSlow, KilledMpiRankResumesToTheUninterruptedResult) {
  if (!have_mpirun()) GTEST_SKIP() << "mpirun is not on PATH (openmpi-bin)";
  const Reference& ref = reference();
  const std::string dir = out_dir("campaign-mpi-killed");
  std::vector<std::string> mpi_args = {"--allow-run-as-root", "--oversubscribe", "-n", "2", DEORBIT_APP, "campaign",
                                       "--runs", std::to_string(kRuns), "--threads", "1", "-q", "-o", dir};
  Child c = spawn("mpirun", mpi_args, "mpi-killed");
  ASSERT_GT(c.pid, 0);
  const bool reached = wait_for_runs(c, store_of(dir), 30, 120);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const pid_t worker = rank_process(c.pid, 1);
  if (worker > 0) kill(worker, SIGKILL);
  const int code = wait_exit_code(c);
  ASSERT_TRUE(reached) << "the campaign ended or stored no runs before the kill: " << file_text(c.err_file);
  ASSERT_GT(worker, 0) << "no rank 1 among the children of mpirun";
  EXPECT_NE(code, 0) << file_text(c.err_file);
  const std::size_t left = stored_runs(store_of(dir)).size();
  EXPECT_GE(left, 30u);
  ASSERT_LT(left, static_cast<std::size_t>(kRuns)) << "killed too late to test the resume";

  mpi_args.push_back("--resume");
  std::string resume = "mpirun";
  for (const auto& a : mpi_args) resume += " " + a;
  const int status = std::system((resume + " >" + dir + ".log 2>&1").c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << resume << "\n" << file_text(dir + ".log");
  expect_every_run_once(store_of(dir));
  EXPECT_EQ(dump_store(store_of(dir)), ref.dump);
  EXPECT_EQ(read_json(dir + "/report.json")["statistics"], ref.statistics);
}

// Ctrl-C while the nominal re-entry is planned, before any run: a clean stop (exit 3, how to go on), an empty
// store that --resume fills. (It ended with "campaign statistics: no runs" and exit 1.)
TEST_F(CampaignCliInterruptSlow, CtrlCBeforeTheFirstRunStopsCleanly) {
  const std::string dir = out_dir("campaign-early");
  Child c = spawn_deorbit({"campaign", "--runs", "4", "--threads", "2", "-o", dir}, "early");
  ASSERT_GT(c.pid, 0);
  // The nominal plan of the ISS scenario takes seconds of CPU after this line (its 4 runs, 40 ms).
  const auto t0 = std::chrono::steady_clock::now();
  while (file_text(c.err_file).find("planning the nominal") == std::string::npos &&
         std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  kill(c.pid, SIGINT);
  const int code = wait_exit_code(c);
  const std::string out = file_text(c.out_file), err = file_text(c.err_file);
  EXPECT_EQ(code, 3) << out << err;
  EXPECT_NE(out.find("--resume"), std::string::npos) << out << err;
  EXPECT_TRUE(stored_runs(store_of(dir)).empty());
  CommandResult r = run_deorbit("campaign --runs 4 --threads 2 -q --resume -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(stored_runs(store_of(dir)), (std::vector<long long>{0, 1, 2, 3}));
}

// 2 MPI ranks (one thread each) store the runs of one process; so does 1 rank.
TEST(CampaignCliSlow, MpiRanksDoNotChangeTheRuns) {
  if (!have_mpirun()) GTEST_SKIP() << "mpirun is not on PATH (openmpi-bin)";
  const std::string alone = out_dir("campaign-mpi-alone"), one = out_dir("campaign-mpi-n1"),
                    two = out_dir("campaign-mpi-n2");
  const std::string common = " campaign --runs 30 --threads 1 -q -o ";
  CommandResult a = run_deorbit(common + alone);
  ASSERT_EQ(a.exit_code, 0) << a.err << a.out;
  const std::string mpirun = "mpirun --allow-run-as-root --oversubscribe -n ";
  for (const auto& [ranks, dir] : {std::pair{2, two}, std::pair{1, one}}) {
    const std::string cmd = mpirun + std::to_string(ranks) + " " + DEORBIT_APP + common + dir + " >" + dir +
                            ".log 2>&1";
    const int status = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd << "\n" << file_text(dir + ".log");
    EXPECT_EQ(read_json(dir + "/report.json")["campaign"]["ranks"], ranks);
    EXPECT_EQ(stored_runs(store_of(dir)).size(), 30u);
    EXPECT_EQ(dump_store(store_of(dir)), dump_store(store_of(alone))) << ranks << " rank(s)";
  }
}

// --- The physics with the dispersions off, and with one on ---

// With every dispersion off each run flies the nominal plan: the runs are identical to each other and to the report's
// nominal run, and agree with `deorbit plan` on the same scenario. The campaign restarts the propagation 600 s before
// the final burn from the plan's state, so it is not bit-identical to the plan: measured differences 2.9e-4 km in the
// margin, 1.0e-4 kg in the surviving mass (108,834 kg) and 8.6e-5 km in the distance to land.
TEST(CampaignCliSlow, DispersionsOffEveryRunIsTheNominalPlan) {
  const std::string scenario = iss_scenario("iss-no-dispersions.yaml", "dispersions: {defaults: none}\n");
  const std::string dir = out_dir("campaign-nominal"), plan_dir = out_dir("campaign-nominal-plan");
  CommandResult c = run_deorbit("campaign " + scenario + " --runs 3 --threads 1 -q -o " + dir);
  ASSERT_EQ(c.exit_code, 0) << c.err << c.out;
  CommandResult p = run_deorbit("plan " + scenario + " -o " + plan_dir);
  ASSERT_EQ(p.exit_code, 0) << p.err << p.out;

  ReadOnlyDb db(store_of(dir));
  const auto runs = db.rows("SELECT * FROM runs ORDER BY run");
  ASSERT_EQ(runs.size(), 3u);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    // Nothing sampled: the inputs hold the run number alone.
    const json inputs = parse_text_column(runs[i][4]);
    EXPECT_EQ(inputs, json({{"run", i}})) << runs[i][4];
    auto outcome = runs[i];
    outcome.erase(outcome.begin() + 4);  // inputs
    outcome.erase(outcome.begin());      // run
    auto first = runs[0];
    first.erase(first.begin() + 4);
    first.erase(first.begin());
    EXPECT_EQ(join(outcome), join(first)) << "run " << i;
    const auto impacts = db.rows("SELECT k, object, latitude_rad, longitude_rad, mass_kg, kinetic_energy_j, "
                                 "casualty_area_m2, count FROM impacts WHERE run = " + std::to_string(i) +
                                 " ORDER BY k");
    const auto first_impacts = db.rows("SELECT k, object, latitude_rad, longitude_rad, mass_kg, kinetic_energy_j, "
                                       "casualty_area_m2, count FROM impacts WHERE run = 0 ORDER BY k");
    ASSERT_FALSE(impacts.empty());
    EXPECT_EQ(impacts, first_impacts) << "run " << i;
  }
  // The stored outcome is the report's nominal run (the same computation, so exactly).
  const auto stored = db.rows("SELECT status, surviving_mass_kg, min_margin_m, expected_casualties, inside, "
                              "min_distance_to_land_m FROM runs WHERE run = 0");
  const json nominal = read_json(dir + "/report.json")["nominal"];
  EXPECT_EQ(stored[0][0], "0");
  EXPECT_EQ(nominal["status"], "ok");
  EXPECT_EQ(std::strtod(stored[0][1].c_str(), nullptr), nominal["surviving_mass_kg"].get<double>());
  EXPECT_EQ(std::strtod(stored[0][2].c_str(), nullptr) * 1e-3, nominal["min_margin_km"].get<double>());
  EXPECT_EQ(std::strtod(stored[0][3].c_str(), nullptr), nominal["expected_casualties"].get<double>());
  EXPECT_EQ(stored[0][4] == "1", nominal["inside"].get<bool>());
  EXPECT_EQ(std::strtod(stored[0][5].c_str(), nullptr) * 1e-3, nominal["min_distance_to_land_km"].get<double>());

  const json plan = read_json(plan_dir + "/report.json");
  EXPECT_TRUE(plan["inside_target_zone"].get<bool>());
  EXPECT_EQ(nominal["inside"], plan["inside_target_zone"]);
  EXPECT_NEAR(nominal["min_margin_km"].get<double>(), plan["min_margin_km"].get<double>(), 6e-4);
  EXPECT_NEAR(nominal["surviving_mass_kg"].get<double>(), plan["demise"]["surviving_mass_kg"].get<double>(), 3e-4);
  EXPECT_NEAR(nominal["min_distance_to_land_km"].get<double>(), plan["min_distance_to_land_km"].get<double>(), 2e-4);
}

// The median along-track position [km] of a campaign's hazardous impacts (the report's 50 % track percentile, in the
// nominal run's track frame: the same in every campaign of the scenario).
double median_along_track(const json& report) {
  for (const auto& p : report["statistics"]["track_percentiles"])
    if (std::abs(p["percent"].get<double>() - 50) < 1e-9) return p["along_track_km"].get<double>();
  ADD_FAILURE() << "no 50 % track percentile";
  return NAN;
}

// A burn-magnitude bias alone moves the footprint as the nominal sensitivity predicts. The sensitivity S is the
// central difference of +-0.1 %; the -1 % shift from the midpoint of those two is predicted as -1 % x S. This is a
// consistency check of the sensitivity (its linearity over 10x the step), not an independent validation.
// Measured: S = -59.71 km per %, shift for -1 %: 60.12 km, predicted 59.71 km (difference 0.41 km).
// The sign is the physics: a shorter burn (less delta-v) leaves a higher perigee, so the entry is shallower (the
// breakup flight-path angle is measured less steep) and the range longer: the impacts move downrange (+along-track).
TEST(CampaignCliSlow, BurnMagnitudeBiasMovesTheImpactsAsTheSensitivityPredicts) {
  struct Case {
    double bias_percent;
    double along_km = NAN;
    double flight_path_angle = NAN;  // [rad] at the breakup
    json track_frame;
  };
  std::vector<Case> cases(3);
  cases[0].bias_percent = 0.1;
  cases[1].bias_percent = -0.1;
  cases[2].bias_percent = -1.0;
  for (Case& k : cases) {
    const std::string tag = "bias" + std::to_string(static_cast<int>(std::lround(k.bias_percent * 10)));
    const std::string scenario =
        iss_scenario(tag + ".yaml", "dispersions: {defaults: none, burn: {magnitude_bias_percent: " +
                                        std::to_string(k.bias_percent) + "}}\n");
    const std::string dir = out_dir("campaign-" + tag);
    CommandResult c = run_deorbit("campaign " + scenario + " --runs 1 --threads 1 -q -o " + dir);
    ASSERT_EQ(c.exit_code, 0) << c.err << c.out;
    const json report = read_json(dir + "/report.json");
    k.along_km = median_along_track(report);
    k.track_frame = report["nominal"]["track_frame"];
    ReadOnlyDb db(store_of(dir));
    const auto row = db.rows("SELECT breakup_flight_path_angle_rad, inputs FROM runs");
    ASSERT_EQ(row.size(), 1u);
    k.flight_path_angle = std::strtod(row[0][0].c_str(), nullptr);
    // The bias reached the run: thrust and flow over the planned arc are (1 + bias) times the nominal.
    const json inputs = parse_text_column(row[0][1]);
    EXPECT_NEAR(inputs["delta_v_factor"].get<double>(), 1 + k.bias_percent / 100, 1e-12) << inputs;
  }
  EXPECT_EQ(cases[0].track_frame, cases[1].track_frame);
  EXPECT_EQ(cases[0].track_frame, cases[2].track_frame);
  const double sensitivity = (cases[0].along_km - cases[1].along_km) / 0.2;  // [km per %]
  const double centre = (cases[0].along_km + cases[1].along_km) / 2;
  const double shift = cases[2].along_km - centre;
  EXPECT_LT(sensitivity, -5.0);  // more delta-v, impacts uprange
  EXPECT_GT(shift, 5.0);         // 1 % less delta-v: downrange
  EXPECT_NEAR(shift, -1.0 * sensitivity, 0.8) << "S " << sensitivity << " km/%";
  EXPECT_GT(cases[2].flight_path_angle, cases[0].flight_path_angle);  // shallower (less negative) entry
}

// --- Bad input and outputs, on a small scenario (a campaign of a few runs takes under a second) ---

const std::string kSmall = R"(name: small campaign
orbit:
  keplerian: {epoch_utc: 2031-03-02T00:00:00, perigee_height_km: 226, apogee_height_km: 236, inclination_deg: 51.6,
              raan_deg: 40}
station: {name: small stack, mass_kg: 15000, drag_area_m2: 50, drag_coefficient: 2.2}
vehicles:
  - {name: pusher, dry_mass_kg: 1200, propellant_kg: 2500, engines: [{name: main, thrust_n: 4000, isp_s: 310}]}
strategy:
  target_perigees_km: [190]
  burn_spacing_h: 2
  final_perigee_km: 10
  final_window_h: 4
  final_scan_step_s: 300
fragments:
  - {name: panel, mass_kg: 8, ballistic_coefficient_kg_m2: 20, count: 4}
  - {name: tank, mass_kg: 80, ballistic_coefficient_kg_m2: 400}
target_zone: {default: south-pacific}
forces:
  gravity: {field: egm96, degree: 4}
  drag: {atmosphere: nrlmsise00}
dispersions:
  seed: 7
  burn: {magnitude_percent: 1}
)";

TEST(CampaignCli, RefusesAnUnknownDispersionKey) {
  std::string text = kSmall;
  text.replace(text.find("magnitude_percent"), 17, "magnitude_sigma_percent");
  const std::string scenario = deorbit::testing::write_temp_file("bad-dispersions.yaml", text);
  CommandResult r = run_deorbit("campaign " + scenario + " --runs 2 -q -o " + out_dir("campaign-bad"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(scenario + ":23:"), std::string::npos) << r.err;  // file and line
  EXPECT_NE(r.err.find("dispersions.burn.magnitude_sigma_percent"), std::string::npos) << r.err;
}

TEST(CampaignCli, RefusesZeroRuns) {
  const std::string scenario = deorbit::testing::write_temp_file("small.yaml", kSmall);
  CommandResult r = run_deorbit("campaign " + scenario + " --runs 0 -q -o " + out_dir("campaign-zero"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("--runs"), std::string::npos) << r.err;
}

// An existing store is continued only with --resume, and only by the same campaign.
TEST(CampaignCli, RefusesToMixCampaignsInAStore) {
  const std::string scenario = deorbit::testing::write_temp_file("small.yaml", kSmall);
  const std::string dir = out_dir("campaign-store");
  const std::string base = "campaign " + scenario + " -q -o " + dir;
  CommandResult first = run_deorbit(base + " --runs 2");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string dump = dump_store(store_of(dir));

  CommandResult again = run_deorbit(base + " --runs 2");
  EXPECT_EQ(again.exit_code, 1) << again.err;
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find(store_of(dir)), std::string::npos) << again.err;

  CommandResult other_seed = run_deorbit(base + " --runs 2 --resume --seed 8");
  EXPECT_EQ(other_seed.exit_code, 1) << other_seed.err;
  EXPECT_NE(other_seed.err.find("seed differs"), std::string::npos) << other_seed.err;
  EXPECT_NE(other_seed.err.find("stored '7', now '8'"), std::string::npos) << other_seed.err;

  CommandResult nothing = run_deorbit("campaign " + scenario + " --runs 2 -q --resume -o " + out_dir("campaign-none"));
  EXPECT_EQ(nothing.exit_code, 1) << nothing.err;
  EXPECT_NE(nothing.err.find("no campaign store"), std::string::npos) << nothing.err;

  EXPECT_EQ(dump_store(store_of(dir)), dump);  // the refused commands left the store alone
  // The same campaign grows with --resume: the stored runs stay, the new ones are added.
  CommandResult more = run_deorbit(base + " --resume --runs 3");
  ASSERT_EQ(more.exit_code, 0) << more.err;
  EXPECT_EQ(stored_runs(store_of(dir)), (std::vector<long long>{0, 1, 2}));
  EXPECT_EQ(dump_store(store_of(dir)).substr(0, dump.find("\nimpacts")), dump.substr(0, dump.find("\nimpacts")))
      << "runs 0 and 1 are rows 1 and 2 of the grown table";
  EXPECT_EQ(read_json(dir + "/report.json")["campaign"]["runs_this_session"], 1);
}

// The data are part of the campaign: once `deorbit data update` has put a space-weather file in the cache, a resume
// would fly its runs on another table than the stored ones, and is refused.
TEST(CampaignCli, RefusesToResumeOnOtherData) {
  const std::string scenario = deorbit::testing::write_temp_file("small.yaml", kSmall);
  const std::string dir = out_dir("campaign-data");
  const std::string base = "campaign " + scenario + " -q -o " + dir;
  CommandResult first = run_deorbit(base + " --runs 1");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::filesystem::path cache = out_dir("campaign-data-cache");
  std::filesystem::create_directories(cache);
  std::filesystem::copy_file(deorbit::testing::test_data("spaceweather/SW-All_2025-03-23.csv"), cache / "SW-All.csv");
  deorbit::testing::ScopedEnv updated("DEORBIT_CACHE_DIR", cache.c_str());
  CommandResult resumed = run_deorbit(base + " --resume --runs 2");
  EXPECT_EQ(resumed.exit_code, 1) << resumed.err;
  EXPECT_NE(resumed.err.find("cannot resume: the campaign's dispersions differs"), std::string::npos)
      << resumed.err;
  EXPECT_NE(resumed.err.find("# space weather: "), std::string::npos) << resumed.err;
}

// A campaign of N runs is runs 0..N-1: resumed with fewer runs than its store holds, its statistics are those of a
// fresh N-run campaign (they were those of every stored run, reported as "3 of 2 runs").
TEST(CampaignCli, FewerRunsThanStoredAreTheFirstOnes) {
  const std::string scenario = deorbit::testing::write_temp_file("small.yaml", kSmall);
  const std::string big = out_dir("campaign-three"), small = out_dir("campaign-two");
  CommandResult a = run_deorbit("campaign " + scenario + " --runs 3 -q -o " + big);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  CommandResult b = run_deorbit("campaign " + scenario + " --runs 2 -q -o " + small);
  ASSERT_EQ(b.exit_code, 0) << b.err;
  CommandResult c = run_deorbit("campaign " + scenario + " --runs 2 -q --resume -o " + big);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("(2 of 2 runs"), std::string::npos) << c.out;
  const json j = read_json(big + "/report.json");
  EXPECT_EQ(j["campaign"]["runs_stored"], 2);
  EXPECT_EQ(j["statistics"], read_json(small + "/report.json")["statistics"]);
  EXPECT_EQ(stored_runs(store_of(big)).size(), 3u);  // the store keeps the third run
}

TEST(CampaignCli, WritesTheReportFootprintsAndMap) {
  const std::string scenario = deorbit::testing::write_temp_file("small.yaml", kSmall);
  const std::string dir = out_dir("campaign-outputs");
  CommandResult r = run_deorbit("campaign " + scenario + " --runs 20 --threads 2 -q -o " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("every hazardous survivor inside the zone"), std::string::npos) << r.out;
  const json j = read_json(dir + "/report.json");
  EXPECT_GT(j["campaign"]["runs_per_cpu_second"].get<double>(), 0.0);
  EXPECT_EQ(j["campaign"]["runs_stored"], 20);
  EXPECT_TRUE(j["campaign"]["complete"].get<bool>());
  const json& c = j["statistics"]["containment"];
  for (const char* key : {"events", "runs", "probability", "lower", "upper", "upper_bound_one_sided"})
    EXPECT_TRUE(c.contains(key)) << key;
  EXPECT_EQ(c["runs"], 20);
  const double p = c["probability"].get<double>();
  EXPECT_LE(c["lower"].get<double>(), p);
  EXPECT_GE(c["upper"].get<double>(), p);
  // The small scenario's short final window leaves its footprint outside the zone (near Vanuatu): no run inside,
  // where the exact Clopper-Pearson 95 % upper bound has the closed form 1 - 0.025^(1/n).
  EXPECT_EQ(c["events"], 0);
  EXPECT_NEAR(c["upper"].get<double>(), 1 - std::pow(0.025, 1.0 / 20), 1e-12);
  EXPECT_EQ(c["lower"].get<double>(), 0.0);
  const json levels = read_json(dir + "/footprint_levels.geojson");
  EXPECT_EQ(levels["type"], "FeatureCollection");
  ASSERT_EQ(levels["features"].size(), 3u);
  std::set<double> held;
  for (const auto& f : levels["features"]) {
    EXPECT_EQ(f["geometry"]["type"], "Polygon") << f["properties"];
    held.insert(f["properties"]["level"].get<double>());
  }
  EXPECT_EQ(held, (std::set<double>{0.99, 0.9973, 0.9999}));
  EXPECT_EQ(read_json(dir + "/impact_density.geojson")["type"], "FeatureCollection");
  const std::string png = file_text(dir + "/impact_density.png");
  ASSERT_GE(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_TRUE(std::filesystem::exists(store_of(dir)));
}

}  // namespace
