// A local HTTP server for the download tests: cpp-httplib on 127.0.0.1, an ephemeral port, one handler for every
// path that a test sets, and a count of the requests. No test reaches the internet.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include <httplib.h>

namespace deorbit::testing {

class LocalServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit LocalServer(Handler handler) : handler_(std::move(handler)) {
    server_.Get(".*", [this](const httplib::Request& rq, httplib::Response& res) {
      ++requests_;
      {
        std::lock_guard lock(mutex_);
        last_target_ = rq.target;
      }
      // No compressed answers: cpp-httplib would brotli-compress megabytes at its slowest quality (seconds) for a
      // client that accepts it; the tests are about the transfer, not the encoding.
      const_cast<httplib::Request&>(rq).headers.erase("Accept-Encoding");
      handler_(rq, res);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("local test server: cannot bind 127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] int requests() const { return requests_; }
  [[nodiscard]] std::string last_target() const {
    std::lock_guard lock(mutex_);
    return last_target_;
  }

 private:
  Handler handler_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::string last_target_;
};

//! CelesTrak's two SpaceData files at their paths; 404 elsewhere.
inline LocalServer::Handler space_data(const std::string& sw, const std::string& eop) {
  return [sw, eop](const httplib::Request& rq, httplib::Response& res) {
    if (rq.path == "/SpaceData/SW-All.csv")
      res.set_content(sw, "text/csv");
    else if (rq.path == "/SpaceData/EOP-All.csv")
      res.set_content(eop, "text/csv");
    else
      res.status = 404;
  };
}

//! A URL on 127.0.0.1 where nothing listens: a port bound and released again (connection refused).
inline std::string closed_port_url() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    throw std::runtime_error("closed_port_url: cannot bind a socket");
  ::close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
}

inline std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace deorbit::testing
