#include "util/progress.h"

#include <fmt/format.h>

#include <cmath>

namespace revisit {

namespace {
// 1234567 -> "1,234,567": a count read at a glance.
std::string grouped(size_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}
}  // namespace

std::string progress_line(const std::string& what, size_t done, size_t total, double seconds) {
    const int percent =
        total ? static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total))
              : 100;
    std::string line =
        fmt::format("{}: {}% ({} of {})", what, percent, grouped(done), grouped(total));
    if (seconds < 0.1 || done == 0) return line;
    const double rate = static_cast<double>(done) / seconds;
    const double left = static_cast<double>(total - done) / rate;
    line += fmt::format(", {}/s", grouped(static_cast<size_t>(std::llround(rate))));
    if (done < total) line += fmt::format(", about {} s left", static_cast<long>(std::ceil(left)));
    return line;
}

}  // namespace revisit
