// What a reader of many records gives back: the good records, and one ParseIssue per rejected record.
#pragma once

#include <string>
#include <vector>

#include "deorbit/base/error.h"

namespace deorbit {

struct ReadOptions {
  bool strict = false;          //!< refuse the whole input (throw InputError) at the first bad record
  bool verify_checksum = true;  //!< TLE: check the modulo-10 checksum in column 69
};

template <class Record>
struct ReadResult {
  std::vector<Record> records;      //!< every record that parsed, in input order
  std::vector<ParseIssue> issues;   //!< one entry per skipped record (empty in strict mode: it throws)
};

}  // namespace deorbit
