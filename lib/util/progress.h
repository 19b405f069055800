#pragma once
// The one line a long command keeps rewriting on a terminal: how far it is, how fast it
// goes, how long is left. Pure: the caller measures the time and decides where it goes.

#include <cstddef>
#include <string>

namespace revisit {

// "checking rows: 45% (450,000 of 1,000,000), 95,000/s, about 6 s left"; without the rate
// and the time left before a tenth of a second has passed.
std::string progress_line(const std::string& what, size_t done, size_t total, double seconds);

}  // namespace revisit
