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

namespace {

// The first tab in the indentation of the line that starts at `start`, or npos. YAML
// indents with spaces only; yaml-cpp says "illegal map value" or "illegal block entry".
size_t tab_in_indentation(std::string_view text, size_t start) {
    for (size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i)
        if (text[i] == '\t') return i;
    return std::string_view::npos;
}

// Flow collections ("[a, b]", "{k: v}") as far as byte `end` of `text`: where the innermost
// one still open there starts, and a closer that does not match it (or closes nothing). A
// bracket inside a quoted text, a comment, a block scalar or a plain text in block context
// ("reason: see [1]") is not one.
struct FlowScan {
    std::vector<size_t> open;                      // openers, innermost last
    size_t wrong_closer = std::string_view::npos;  // the first closer that does not match
};

size_t skip_quoted(std::string_view text, size_t i) {
    const char quote = text[i];
    for (++i; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\')
            ++i;
        else if (text[i] == quote && !(quote == '\'' && i + 1 < text.size() && text[i + 1] == '\''))
            return i;
        else if (quote == '\'' && text[i] == '\'')
            ++i;
    }
    return i;
}

FlowScan scan_flow(std::string_view text, size_t end) {
    FlowScan scan;
    bool token_start = true;                 // where a value may begin
    int line_indent = 0, block_indent = -1;  // block_indent >= 0: inside a block scalar
    const auto blank = [&](size_t i) {
        return i >= text.size() || text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
               text[i] == '\r';
    };
    for (size_t i = 0; i < end && i < text.size(); ++i) {
        if (i == 0 || text[i - 1] == '\n') {
            line_indent = static_cast<int>(text.find_first_not_of(' ', i) - i);
            const size_t eol = std::min(text.find('\n', i), text.size());
            const bool empty = text.find_first_not_of(" \t\r", i) >= eol;
            if (block_indent >= 0 && (empty || line_indent > block_indent)) {
                i = eol;  // a line of the block scalar
                continue;
            }
            block_indent = -1;
        }
        const char c = text[i];
        const bool flow = !scan.open.empty();
        if (c == '\n') {
            token_start = true;
        } else if (c == '#' && (i == 0 || blank(i - 1))) {
            i = std::min(text.find('\n', i), text.size()) - 1;
        } else if ((c == '[' || c == '{') && (flow || token_start)) {
            scan.open.push_back(i);
            token_start = true;
        } else if ((c == ']' || c == '}') && flow) {
            if (text[scan.open.back()] != (c == ']' ? '[' : '{')) {
                scan.wrong_closer = i;
                return scan;
            }
            scan.open.pop_back();
            token_start = false;
        } else if ((c == ']' || c == '}') && token_start) {
            scan.wrong_closer = i;
            return scan;
        } else if ((c == '"' || c == '\'') && token_start) {
            i = skip_quoted(text, i);
            token_start = false;
        } else if (!flow && token_start && (c == '|' || c == '>')) {
            block_indent = line_indent;
            i = std::min(text.find('\n', i), text.size()) - 1;
        } else if ((c == ':' && blank(i + 1)) || (flow && c == ',') ||
                   (!flow && token_start && (c == '-' || c == '?') && blank(i + 1))) {
            token_start = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            token_start = false;
        }
    }
    return scan;
}

const char* kind_of(char bracket) { return bracket == '[' ? "a list" : "a map"; }
char closer_of(char bracket) { return bracket == '[' ? ']' : '}'; }

}  // namespace

YAML::Mark YamlChecker::mark_at(size_t pos) const {
    std::string_view text(text_);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    YAML::Mark mark;
    const size_t start = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    const size_t line_start = start == std::string_view::npos || pos == 0 ? 0 : start + 1;
    mark.pos = static_cast<int>(pos);
    mark.line = static_cast<int>(std::count(text.begin(), text.begin() + line_start, '\n'));
    mark.column = static_cast<int>(pos - line_start);
    return mark;
}

// A bracket that is never closed (or closed by the other kind, or a closer of nothing), when
// that is what yaml-cpp stopped at byte `pos` for: an error about a flow collection, or any
// error inside a collection opened on an earlier line that the rest of the text never closes.
bool YamlChecker::flow_error(std::string_view text, const YAML::Exception& e, size_t pos) {
    constexpr size_t npos = std::string_view::npos;
    const bool flow_end = e.msg == "illegal flow end";
    const bool about_flow = flow_end || e.msg == "end of sequence flow not found" ||
                            e.msg == "end of map flow not found";
    const FlowScan scan = scan_flow(text, flow_end ? pos + 1 : pos);
    if (about_flow && scan.open.empty()) {
        size_t stray = scan.wrong_closer;
        if (stray == npos && flow_end && pos < text.size()) stray = pos;  // yaml-cpp stopped at it
        if (stray == npos) return false;
        error(mark_at(stray), fmt::format("\"{}\" closes nothing", text[stray]));
        return true;
    }
    if (scan.open.empty()) return false;
    const size_t at = scan.open.back();
    const char opener = text[at];
    if (!about_flow) {
        const FlowScan whole = scan_flow(text, text.size());
        if (mark_at(at).line >= e.mark.line ||
            std::find(whole.open.begin(), whole.open.end(), at) == whole.open.end())
            return false;
    }
    if (scan.wrong_closer != npos)
        error(mark_at(at),
              fmt::format("\"{}\" is closed by \"{}\" on line {}: {} ends with \"{}\"", opener,
                          text[scan.wrong_closer], mark_at(scan.wrong_closer).line + 1,
                          kind_of(opener), closer_of(opener)));
    else
        error(mark_at(at), fmt::format("\"{}\" is never closed: {} ends with \"{}\"", opener,
                                       kind_of(opener), closer_of(opener)));
    return true;
}

// yaml-cpp's words are terse and its place is where it gave up: say what usually causes
// them, where it is.
void YamlChecker::syntax_error(const YAML::Exception& e) {
    std::string_view text(text_);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const size_t pos = std::min(static_cast<size_t>(std::max(e.mark.pos, 0)), text.size());
    const size_t line_start = pos - static_cast<size_t>(mark_at(pos).column);
    if (const size_t tab = tab_in_indentation(text, line_start); tab != std::string_view::npos) {
        error(mark_at(tab), "tab character in indentation; indent with spaces");
        return;
    }
    if (flow_error(text, e, pos)) return;
    std::string hint;
    if (e.msg == "illegal map value")
        hint = " (a value containing \": \" must be quoted, e.g. reason: \"a: b\")";
    else if (e.msg.find("end of map not found") != std::string::npos ||
             e.msg.find("end of sequence not found") != std::string::npos)
        hint = " (check the brackets and the indentation above)";
    error(e.mark, e.msg + hint);
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
        syntax_error(e);
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
    if (node.IsScalar()) {
        // What a file says ends up in reports, JSON and journals: text only (line ends and
        // tabs allowed, for templates).
        if (std::string p = text_field_problem(what, node.Scalar(), true); !p.empty()) {
            error(node, p);
            return std::nullopt;
        }
        return node.Scalar();
    }
    error(node, fmt::format("expected {}, got {}", what, describe(node)));
    return std::nullopt;
}

std::optional<std::string> YamlChecker::scalar(
    const YAML::Node& node, const std::string& what,
    const std::function<std::string(const std::string&)>& problem) {
    std::optional<std::string> v = scalar(node, what);
    if (!v) return v;
    if (const std::string p = problem(*v); !p.empty()) {
        error(node, p);
        return std::nullopt;
    }
    return v;
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
