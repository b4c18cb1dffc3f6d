// Test helper: a call must throw InputError whose message contains the given words.
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

}  // namespace deorbit::testing
