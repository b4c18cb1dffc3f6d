#include "deorbit/datasets/download.h"

#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include <curl/curl.h>
#include <fmt/format.h>

#include "deorbit/base/log.h"

namespace deorbit::datasets {
namespace {

std::size_t append(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

bool transient_code(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

// One attempt; throws DownloadError.
std::string attempt(const std::string& url, const DownloadSettings& s) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (!curl) throw DownloadError(fmt::format("{}: libcurl could not start a transfer", url), false);
  std::string body;
  char error[CURL_ERROR_SIZE] = "";
  const auto ms = [](double seconds) { return static_cast<long>(std::ceil(seconds * 1000)); };
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, ms(std::min(s.connect_timeout, s.timeout)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, ms(s.timeout));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);         // timeouts without SIGALRM (threads, tests)
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate if the server offers them
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "deorbit data update (libcurl)");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) {
    const std::string detail = error[0] ? std::string(error) : std::string(curl_easy_strerror(code));
    const std::string what =
        code == CURLE_OPERATION_TIMEDOUT ? fmt::format("timed out ({} s allowed): {}", s.timeout, detail) : detail;
    throw DownloadError(fmt::format("{}: {}", url, what), transient_code(code));
  }
  if (status < 200 || status > 299) {
    std::string first = body.substr(0, body.find('\n')).substr(0, 120);
    throw DownloadError(fmt::format("{}: HTTP {}{}", url, status, first.empty() ? "" : " (" + first + ")"), false,
                        status);
  }
  return body;
}

}  // namespace

std::string download(const std::string& url, const DownloadSettings& s) {
  double delay = s.retry_delay;
  for (int attempt_number = 0;; ++attempt_number) {
    try {
      return attempt(url, s);
    } catch (const DownloadError& e) {
      if (!e.transient() || attempt_number >= s.retries) throw;
      warn(fmt::format("{}; retry {} of {} in {:g} s", e.what(), attempt_number + 1, s.retries, delay));
      std::this_thread::sleep_for(std::chrono::duration<double>(delay));
      delay *= 2;
    }
  }
}

}  // namespace deorbit::datasets
