// HTTP(S) downloads through libcurl: connect and total timeouts, retries with doubling delays on transient
// failures, the usual proxy variables (libcurl reads http_proxy, https_proxy, no_proxy and ALL_PROXY itself).
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
  DownloadError(const std::string& message, bool transient) : InputError(message), transient_(transient) {}
  //! A failure that another attempt may not meet (timeouts, refused or reset connections, HTTP 408, 429, 5xx).
  [[nodiscard]] bool transient() const { return transient_; }

 private:
  bool transient_;
};

//! The body of a successful (HTTP 2xx) GET of the URL, following redirects. Transient failures are retried (a
//! warning names each retry); throws DownloadError with the last failure otherwise.
[[nodiscard]] std::string download(const std::string& url, const DownloadSettings& settings = {});

}  // namespace deorbit::datasets
