#pragma once
// What revisit prints for an Error, without the "revisit: error: " in front of each message:
// every problem and under it, when its reader had the text, the line and a caret
// (cli/main.cpp prints the same). Shared by the tests of the readers of user-edited files.

#include <string>

#include "util/error.h"

namespace revisit::test {

inline std::string report(const Error& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) {
        out += d.str() + "\n";
        if (const std::string excerpt = source_excerpt(d.where); !excerpt.empty())
            out += excerpt + "\n";
    }
    return out;
}

// The report of the Error that `run()` throws, or "no error".
template <class Run>
std::string report_of(Run run) {
    try {
        run();
    } catch (const Error& e) {
        return report(e);
    }
    return "no error";
}

}  // namespace revisit::test
