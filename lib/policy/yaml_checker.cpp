#include "policy/yaml_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "util/text.h"

namespace revisit {

Location YamlChecker::location(const YAML::Mark& mark) const {
    if (mark.line < 0) return Location{file_};
    // yaml-cpp's `pos` counts from after a byte order mark.
    std::string_view text(text_);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) > text.size())
        return Location{file_, mark.line + 1, mark.column >= 0 ? mark.column + 1 : 0};
    Location where = locate(file_, mark.line + 1, text, static_cast<size_t>(mark.pos));
    if (mark.column < 0) where.column = 0;
    return where;
}

YAML::Node YamlChecker::load(const std::string& text) {
    text_ = text;
    if (!is_valid_utf8(text)) {
        diagnostics_.push_back({Location{file_}, "file is not valid UTF-8"});
        return YAML::Node(YAML::NodeType::Undefined);
    }
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        // yaml-cpp's words are terse; say what usually causes them.
        std::string hint;
        if (e.msg == "illegal map value")
            hint = " (a value containing \": \" must be quoted, e.g. reason: \"a: b\")";
        else if (e.msg.find("end of map not found") != std::string::npos ||
                 e.msg.find("end of sequence not found") != std::string::npos)
            hint = " (check the brackets and the indentation above)";
        error(e.mark, e.msg + hint);
        return YAML::Node(YAML::NodeType::Undefined);
    }
}

Location YamlChecker::location(const YAML::Node& node) const { return location(node.Mark()); }

void YamlChecker::error(const YAML::Mark& mark, const std::string& message) {
    diagnostics_.push_back({location(mark), message});
}

namespace {
std::string describe(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            return "a map";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Null:
            return "nothing";
        case YAML::NodeType::Scalar:
            return "\"" + node.Scalar() + "\"";
        default:
            return "nothing";
    }
}
}  // namespace

bool YamlChecker::expect_map(const YAML::Node& node, const std::string& what) {
    if (node.IsMap()) return true;
    error(node, fmt::format("expected {} (a map of key: value), got {}", what, describe(node)));
    return false;
}

bool YamlChecker::expect_sequence(const YAML::Node& node, const std::string& what) {
    if (node.IsSequence()) return true;
    error(node, fmt::format("expected {} (a list), got {}", what, describe(node)));
    return false;
}

void YamlChecker::check_keys(const YAML::Node& map, const std::vector<std::string>& allowed,
                             const std::string& where) {
    for (auto it = map.begin(); it != map.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
        bool known = false;
        for (const auto& a : allowed) known = known || a == key;
        if (!known) {
            const std::string hint = did_you_mean(key, allowed);
            error(it->first,
                  fmt::format("unknown key \"{}\" in {}{}", key, where,
                              hint.empty() ? "; allowed: " + join(allowed, ", ") : hint));
        }
    }
}

bool YamlChecker::require(const YAML::Node& map, const std::string& key, const std::string& where) {
    if (map[key]) return true;
    error(map, fmt::format("{} needs \"{}\"", where, key));
    return false;
}

std::optional<std::string> YamlChecker::scalar(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) return node.Scalar();
    error(node, fmt::format("expected {}, got {}", what, describe(node)));
    return std::nullopt;
}

std::optional<long> YamlChecker::integer(const YAML::Node& node, long min, long max) {
    auto text = scalar(node, "a whole number");
    if (!text) return std::nullopt;
    char* end = nullptr;
    const long value = std::strtol(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0') {
        error(node, fmt::format("expected a whole number, got \"{}\"", *text));
        return std::nullopt;
    }
    if (value < min || value > max) {
        error(node, fmt::format("{} is out of range: expected {} to {}", value, min, max));
        return std::nullopt;
    }
    return value;
}

std::optional<double> YamlChecker::number(const YAML::Node& node, double min, double max) {
    auto text = scalar(node, "a number");
    if (!text) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !std::isfinite(value)) {
        error(node, fmt::format("expected a number, got \"{}\"", *text));
        return std::nullopt;
    }
    if (value < min || value > max) {
        error(node, fmt::format("{} is out of range: expected {} to {}", *text, min, max));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> YamlChecker::boolean(const YAML::Node& node) {
    auto text = scalar(node, "true or false");
    if (!text) return std::nullopt;
    if (*text == "true" || *text == "yes") return true;
    if (*text == "false" || *text == "no") return false;
    error(node, fmt::format("expected true or false, got \"{}\"", *text));
    return std::nullopt;
}

std::vector<std::string> YamlChecker::scalars(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    if (node.IsSequence()) {
        for (const auto& item : node)
            if (auto s = scalar(item, what)) out.push_back(*s);
    } else if (auto s = scalar(node, what + " or a list of them")) {
        out.push_back(*s);
    }
    return out;
}

std::vector<Diagnostic> YamlChecker::diagnostics() const {
    std::vector<Diagnostic> sorted = diagnostics_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    return sorted;
}

void YamlChecker::throw_if_errors() const {
    if (!diagnostics_.empty()) throw Error(diagnostics());
}

}  // namespace revisit
