#include "util/error.h"

#include <fmt/format.h>

namespace revisit {

std::string Location::prefix() const {
    if (file.empty()) return {};
    if (line <= 0) return fmt::format("{}: ", file);
    if (column <= 0) return fmt::format("{}:{}: ", file, line);
    return fmt::format("{}:{}:{}: ", file, line, column);
}

Error::Error(const std::string& message, int exit_code)
    : std::runtime_error(message), message_(message), exit_code_(exit_code) {}

Error::Error(const Location& where, const std::string& message, int exit_code)
    : std::runtime_error(where.prefix() + message),
      where_(where),
      message_(message),
      exit_code_(exit_code) {}

}  // namespace revisit
