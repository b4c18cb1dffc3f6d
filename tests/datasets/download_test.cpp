// libcurl downloads against a local server: success, HTTP errors, retries with backoff, timeouts, refused
// connections, a transfer cut short.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "datasets/local_server.h"
#include "deorbit/base/log.h"
#include "deorbit/datasets/download.h"

namespace deorbit::datasets {
namespace {

using testing::LocalServer;

DownloadSettings quick(int retries = 0) {
  DownloadSettings s;
  s.timeout = 5;
  s.retries = retries;
  s.retry_delay = 0.01;
  return s;
}

// Collects the warnings (the retry messages) while alive.
struct Warnings {
  std::vector<std::string> seen;
  WarningSink previous;
  Warnings() : previous(set_warning_sink([this](const std::string& m) { seen.push_back(m); })) {}
  ~Warnings() { set_warning_sink(previous); }
};

std::string error_of(const std::string& url, const DownloadSettings& s, bool* transient = nullptr) {
  try {
    (void)download(url, s);
  } catch (const DownloadError& e) {
    if (transient) *transient = e.transient();
    return e.what();
  }
  return "";
}

TEST(Download, ReturnsTheBody) {
  LocalServer server(
      [](const httplib::Request&, httplib::Response& res) { res.set_content("a,b\n1,2\n", "text/csv"); });
  EXPECT_EQ(download(server.url() + "/SpaceData/SW-All.csv", quick()), "a,b\n1,2\n");
  EXPECT_EQ(server.last_target(), "/SpaceData/SW-All.csv");
}

TEST(Download, NotFoundIsNotRetried) {
  LocalServer server([](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content("Not Found\n", "text/plain");
  });
  bool transient = true;
  const std::string e = error_of(server.url() + "/x.csv", quick(3), &transient);
  EXPECT_NE(e.find("HTTP 404"), std::string::npos) << e;
  EXPECT_NE(e.find(server.url() + "/x.csv"), std::string::npos) << e;
  EXPECT_FALSE(transient);
  EXPECT_EQ(server.requests(), 1);
}

// Announces the body's length, sends its first 10 bytes and closes the connection: a network failure.
void cut_short(httplib::Response& res, const std::string& body) {
  res.set_content_provider(body.size(), "text/plain", [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
    if (offset > 0) return false;
    sink.write(body.data(), 10);
    return true;
  });
}

TEST(Download, ServerErrorsAreNotRetried) {
  // CelesTrak asks clients to stop at any answer but HTTP 200: a 503 is reported, not asked again.
  LocalServer server([](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  bool transient = true;
  const std::string e = error_of(server.url() + "/f", quick(3), &transient);
  EXPECT_NE(e.find("HTTP 503"), std::string::npos) << e;
  EXPECT_FALSE(transient);
  EXPECT_EQ(server.requests(), 1);
}

TEST(Download, NetworkFailuresAreRetriedThenSucceed) {
  std::atomic<int> calls{0};
  LocalServer server([&](const httplib::Request&, httplib::Response& res) {
    if (++calls <= 2)
      cut_short(res, std::string(1000, 'x'));
    else
      res.set_content("ok", "text/plain");
  });
  Warnings w;
  EXPECT_EQ(download(server.url() + "/f", quick(3)), "ok");
  EXPECT_EQ(server.requests(), 3);
  ASSERT_EQ(w.seen.size(), 2u);
  EXPECT_NE(w.seen[0].find("; retry 1 of 3 in 0.01 s"), std::string::npos) << w.seen[0];
}

TEST(Download, GivesUpAfterTheRetries) {
  LocalServer server([](const httplib::Request&, httplib::Response& res) { cut_short(res, std::string(1000, 'x')); });
  Warnings w;
  bool transient = false;
  const std::string e = error_of(server.url() + "/f", quick(2), &transient);
  EXPECT_NE(e.find(server.url() + "/f: "), std::string::npos) << e;
  EXPECT_TRUE(transient);
  EXPECT_EQ(server.requests(), 3);
  EXPECT_EQ(w.seen.size(), 2u);
}

TEST(Download, BackoffDoublesTheDelay) {
  Warnings w;
  DownloadSettings s = quick(2);
  s.retry_delay = 0.2;
  const auto t0 = std::chrono::steady_clock::now();
  (void)error_of(testing::closed_port_url() + "/f", s);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GE(elapsed, 0.6);  // 0.2 s then 0.4 s
  ASSERT_EQ(w.seen.size(), 2u);
  EXPECT_NE(w.seen[1].find("retry 2 of 2 in 0.4 s"), std::string::npos) << w.seen[1];
}

TEST(Download, SlowServerTimesOut) {
  LocalServer server([](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  DownloadSettings s = quick(0);
  s.timeout = 0.3;
  const auto t0 = std::chrono::steady_clock::now();
  bool transient = false;
  const std::string e = error_of(server.url() + "/slow", s, &transient);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_NE(e.find("timed out (0.3 s allowed)"), std::string::npos) << e;
  EXPECT_TRUE(transient);
  EXPECT_LT(elapsed, 1.2);
}

TEST(Download, ConnectionRefused) {
  bool transient = false;
  const std::string url = testing::closed_port_url() + "/SpaceData/SW-All.csv";
  const std::string e = error_of(url, quick(0), &transient);
  EXPECT_NE(e.find(url), std::string::npos) << e;
  EXPECT_NE(e.find("onnect"), std::string::npos) << e;  // libcurl: "Failed to connect ... Couldn't connect to server"
  EXPECT_TRUE(transient);
}

TEST(Download, TransferCutShortIsAnError) {
  LocalServer server([](const httplib::Request&, httplib::Response& res) { cut_short(res, std::string(1000, 'x')); });
  bool transient = false;
  const std::string e = error_of(server.url() + "/cut.csv", quick(0), &transient);
  EXPECT_NE(e.find(server.url() + "/cut.csv: "), std::string::npos) << e;
  EXPECT_TRUE(transient);
}

}  // namespace
}  // namespace deorbit::datasets
