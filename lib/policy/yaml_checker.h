#pragma once
// Reads a user-edited YAML document while collecting every problem with its location,
// so that an admin sees all mistakes at once ("file:line:column: message").

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace revisit {

class YamlChecker {
  public:
    explicit YamlChecker(std::string file) : file_(std::move(file)) {}

    // Parses `text`; a syntax error is recorded and an undefined node returned.
    YAML::Node load(const std::string& text);

    void error(const YAML::Mark& mark, const std::string& message);
    void error(const YAML::Node& node, const std::string& message) { error(node.Mark(), message); }
    Location location(const YAML::Node& node) const;

    // True when `node` is a map; otherwise records "expected <what>" at it.
    bool expect_map(const YAML::Node& node, const std::string& what);
    bool expect_sequence(const YAML::Node& node, const std::string& what);
    // Records every key of `map` that is not in `allowed`, with a "did you mean".
    void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                    const std::string& where);
    // Reports `key` missing from `map` when required.
    bool require(const YAML::Node& map, const std::string& key, const std::string& where);

    std::optional<std::string> scalar(const YAML::Node& node, const std::string& what);
    // A scalar that `problem` accepts (returns "" for); else its message is recorded there.
    std::optional<std::string> scalar(
        const YAML::Node& node, const std::string& what,
        const std::function<std::string(const std::string&)>& problem);
    std::optional<long> integer(const YAML::Node& node, long min, long max);
    std::optional<double> number(const YAML::Node& node, double min, double max);
    std::optional<bool> boolean(const YAML::Node& node);
    // A scalar or a list of scalars.
    std::vector<std::string> scalars(const YAML::Node& node, const std::string& what);

    // Every problem, in file order; each location holds its line's text.
    std::vector<Diagnostic> diagnostics() const;
    const std::string& file() const { return file_; }
    // Throws one Error holding every diagnostic when there are any.
    void throw_if_errors() const;

  private:
    // The mark's line and its column in characters, as editors count them (yaml-cpp counts
    // bytes from 0), with the line's text.
    Location location(const YAML::Mark& mark) const;
    // The mark of byte `pos` of the text (after a byte order mark, as yaml-cpp counts).
    YAML::Mark mark_at(size_t pos) const;
    // Records yaml-cpp's syntax error where its cause is: a tab in the indentation, the
    // bracket that is never closed.
    void syntax_error(const YAML::Exception& e);
    bool flow_error(std::string_view text, const YAML::Exception& e, size_t pos);

    std::string file_;
    std::string text_;
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace revisit
