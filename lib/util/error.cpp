#include "util/error.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.h"

namespace revisit {

std::string Location::prefix() const {
    if (file.empty()) return {};
    if (line <= 0) return fmt::format("{}: ", file);
    if (column <= 0) return fmt::format("{}:{}: ", file, line);
    return fmt::format("{}:{}:{}: ", file, line, column);
}

namespace {
bool continues(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

int character_count(std::string_view text) {
    int n = 0;
    for (const char c : text) n += !continues(c);
    return n;
}

Location locate(const std::string& file, int line, std::string_view text, size_t pos) {
    pos = std::min(pos, text.size());
    const size_t newline = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
    const size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
    const size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view source = text.substr(begin, end - begin);
    if (!source.empty() && source.back() == '\r') source.remove_suffix(1);
    const int column = character_count(text.substr(begin, pos - begin)) + 1;
    return locate_in_line(file, line, column, source, pos - begin);
}

Location locate_in_line(const std::string& file, int line, int column, std::string_view text,
                        size_t pos) {
    constexpr size_t kKeep = 320;  // bytes each side: at least 80 characters, more than shown
    pos = std::min(pos, text.size());
    size_t from = pos > kKeep ? pos - kKeep : 0;
    size_t to = std::min(text.size(), pos + kKeep);
    while (from > 0 && continues(text[from])) --from;  // whole characters only
    while (to < text.size() && continues(text[to])) ++to;
    Location where{file, line, column, std::string(text.substr(from, to - from))};
    where.source_column = column - character_count(text.substr(from, pos - from));
    return where;
}

namespace {

constexpr int kExcerptWidth = 72;  // terminal columns of source text shown at most
constexpr int kRightContext = 8;   // columns kept after the caret before cutting the left
constexpr int kTabStop = 8;
constexpr std::string_view kIndent = "  ";
constexpr std::string_view kCut = "...";

// The characters of `line` as character_count counts them (stray continuation bytes at the
// start belong to the first).
std::vector<std::string_view> characters(std::string_view line) {
    std::vector<std::string_view> out;
    out.reserve(line.size());
    for (size_t i = 0; i < line.size();) {
        size_t j = i;
        while (j < line.size() && continues(line[j])) ++j;
        if (j < line.size()) ++j;
        while (j < line.size() && continues(line[j])) ++j;
        out.push_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

// Characters a terminal would act on rather than show: C0 and C1 controls, DEL, and the
// line separators and bidirectional overrides that would reorder what follows.
bool is_control(std::string_view c) {
    static const std::string_view kFormats[] = {"\u2028", "\u2029", "\u202A", "\u202B",
                                                "\u202C", "\u202D", "\u202E", "\u2066",
                                                "\u2067", "\u2068", "\u2069"};
    const auto b0 = static_cast<unsigned char>(c[0]);
    if (b0 < 0x20 || b0 == 0x7F) return true;
    if (b0 == 0xC2 && c.size() == 2 && static_cast<unsigned char>(c[1]) <= 0x9F) return true;
    return std::find(std::begin(kFormats), std::end(kFormats), c) != std::end(kFormats);
}

// One character as shown, at terminal column `at` of the shown text.
struct Cell {
    std::string text;
    int width;
};
Cell shown(std::string_view c, int at) {
    if (c == "\t") {
        const int width = kTabStop - at % kTabStop;
        return {std::string(static_cast<size_t>(width), ' '), width};
    }
    if (!is_valid_utf8(c) || is_control(c)) return {"?", 1};
    return {std::string(c), display_width(c)};
}

// Characters [lo, hi) of a line as shown, and the terminal column each starts at (then the
// end), counted from lo.
struct Cells {
    std::vector<Cell> cells;
    std::vector<int> offset;
};
Cells cells_of(const std::vector<std::string_view>& chars, size_t lo, size_t hi) {
    Cells out;
    out.cells.reserve(hi - lo);
    out.offset.reserve(hi - lo + 1);
    int width = 0;
    for (size_t i = lo; i < hi; ++i) {
        out.offset.push_back(width);
        out.cells.push_back(shown(chars[i], width));
        width += out.cells.back().width;
    }
    out.offset.push_back(width);
    return out;
}

bool is_blank(std::string_view c) { return c == " " || c == "\t"; }

}  // namespace

std::string source_excerpt(const Location& where) {
    if (where.source.empty()) return {};
    const std::vector<std::string_view> chars = characters(where.source);
    const bool caret = where.column > 0;
    // The column's character (or just past the end), counted in `source`.
    const int index = where.column - std::max(where.source_column, 1);
    const size_t at = caret ? std::min<size_t>(std::max(index, 0), chars.size()) : chars.size();
    // Blanks before the column at the start of the line are not shown, nor characters that
    // could not fit beside the column; "..." marks text left out.
    bool cut_left = where.source_column > 1;
    size_t lo = 0;
    while (!cut_left && lo < at && is_blank(chars[lo])) ++lo;
    if (caret && at > lo + kExcerptWidth) lo = at - kExcerptWidth, cut_left = true;
    const size_t hi = std::min(chars.size(), (caret ? at : lo) + kExcerptWidth + 1);
    const Cells c = cells_of(chars, lo, hi);
    if (c.cells.empty() && !caret) return {};
    const int width = c.offset.back(), column = caret ? c.offset[at - lo] : 0;
    // Columns [from, from + kExcerptWidth) are shown: from the start while the caret fits.
    int from = 0;
    if (width > kExcerptWidth && column + kRightContext > kExcerptWidth)
        from = std::min(column - kExcerptWidth / 2, width - kExcerptWidth);
    std::string line;
    int shown_from = from;
    bool cut_right = hi < chars.size();
    for (size_t i = 0; i < c.cells.size(); ++i) {
        if (c.offset[i] < from) continue;
        if (c.offset[i + 1] > from + kExcerptWidth) {
            cut_right = true;
            break;
        }
        if (line.empty()) shown_from = c.offset[i];
        line += c.cells[i].text;
    }
    cut_left = cut_left || shown_from > 0;
    line = fmt::format("{}{}{}{}", kIndent, cut_left ? kCut : "", line, cut_right ? kCut : "");
    if (!caret) return line;
    const int pad = column - shown_from + (cut_left ? static_cast<int>(kCut.size()) : 0);
    return fmt::format("{}\n{}{}^", line, kIndent, std::string(static_cast<size_t>(pad), ' '));
}

std::vector<std::string> diagnostic_texts(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) out.push_back(d.str());
    return out;
}

Error::Error(const std::string& message, int exit_code)
    : std::runtime_error(message), diagnostics_{{Location{}, message}}, exit_code_(exit_code) {}

Error::Error(const Location& where, const std::string& message, int exit_code)
    : std::runtime_error(where.prefix() + message),
      diagnostics_{{where, message}},
      exit_code_(exit_code) {}

Error::Error(std::vector<Diagnostic> diagnostics, int exit_code)
    : std::runtime_error(join(diagnostic_texts(diagnostics), "\n")),
      diagnostics_(std::move(diagnostics)),
      exit_code_(exit_code) {
    if (diagnostics_.empty()) diagnostics_.push_back({});
}

}  // namespace revisit
