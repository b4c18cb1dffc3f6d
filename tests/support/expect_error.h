// Test helpers for errors: a call must throw InputError whose message contains the given words; the issue it names.
#pragma once

#include <functional>
#include <string>

#include <gtest/gtest.h>

#include "deorbit/base/error.h"

namespace deorbit::testing {

inline void expect_error(const std::function<void()>& f, const std::string& words) {
  try {
    f();
    ADD_FAILURE() << "no error: " << words;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

//! The ParseIssue of the InputError a call throws (empty, with a test failure, if it throws none).
inline ParseIssue issue_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.issue();
  }
  ADD_FAILURE() << "no error";
  return {};
}

}  // namespace deorbit::testing
