// lib/util/progress: the progress line of long commands.

#include <doctest/doctest.h>

#include "util/progress.h"

using namespace revisit;

TEST_CASE("progress line: share, counts grouped by thousands, rate and time left") {
    CHECK(progress_line("checking rows", 0, 1000000, 0.0) == "checking rows: 0% (0 of 1,000,000)");
    CHECK(progress_line("checking rows", 450000, 1000000, 0.05) ==
          "checking rows: 45% (450,000 of 1,000,000)");  // too early for a rate
    CHECK(progress_line("checking rows", 450000, 1000000, 4.5) ==
          "checking rows: 45% (450,000 of 1,000,000), 100,000/s, about 6 s left");
    CHECK(progress_line("checking rows", 999, 1000, 1.0) ==
          "checking rows: 99% (999 of 1,000), 999/s, about 1 s left");
    CHECK(progress_line("checking rows", 1000, 1000, 2.0) ==
          "checking rows: 100% (1,000 of 1,000), 500/s");
    CHECK(progress_line("x", 0, 0, 1.0) == "x: 100% (0 of 0)");
}
