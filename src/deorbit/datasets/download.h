// HTTP(S) downloads through libcurl: connect and total timeouts, retries with doubling delays on transient network
// failures, the usual proxy variables (libcurl reads http_proxy, https_proxy, no_proxy and ALL_PROXY itself).
//
// An HTTP error answer is never retried: CelesTrak's usage policy (celestrak.org/usage-policy.php, 2026-05-22) asks
// machine clients to stop querying at any answer other than HTTP 200 and report it to a human, and puts the
// addresses of clients that go on behind its firewall.
#pragma once

#include <string>

#include "deorbit/base/error.h"

namespace deorbit::datasets {

struct DownloadSettings {
  double connect_timeout = 20;  //!< [s] to establish the connection (capped at `timeout`)
  double timeout = 120;         //!< [s] for one whole attempt (connect and transfer)
  int retries = 3;              //!< further attempts after a transient failure
  double retry_delay = 2;       //!< [s] before the first retry; doubled before each next one
};

//! Why a download failed, in words that name the URL and the cause (HTTP status, timeout, refused connection).
class DownloadError : public InputError {
 public:
  DownloadError(const std::string& message, bool transient, long http_status = 0)
      : InputError(message), transient_(transient), http_status_(http_status) {}
  //! A network failure that another attempt may not meet (timeouts, refused, reset or cut connections, names not
  //! resolved); never an HTTP answer.
  [[nodiscard]] bool transient() const { return transient_; }
  //! The server's HTTP status if it answered with an error, else 0.
  [[nodiscard]] long http_status() const { return http_status_; }

 private:
  bool transient_;
  long http_status_;
};

//! The body of a successful (HTTP 2xx) GET of the URL, following redirects. Transient network failures are retried
//! (a warning names each retry); throws DownloadError with the last failure otherwise, at once for an HTTP error.
[[nodiscard]] std::string download(const std::string& url, const DownloadSettings& settings = {});

}  // namespace deorbit::datasets
