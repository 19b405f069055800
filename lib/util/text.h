#pragma once
// Small string helpers shared by the whole library: UTF-8 checks, display width
// for aligning Chinese text in tables, trimming, splitting, "did you mean".

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace revisit {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view text);

// Why `value` cannot be stored as the text field `what`, or "" when it can: it must be valid
// UTF-8 without control characters (U+0000-U+001F, U+007F-U+009F), which readers, terminals
// and spreadsheets mishandle. A `multi_line` field (a note) may also hold line ends and tabs.
// Messages: "<what> is not valid UTF-8", "<what> must be a single line",
// "<what> contains a control character (U+0000); ...".
std::string text_field_problem(std::string_view what, std::string_view value, bool multi_line);

// `text` with the full-width forms a Chinese input method types (U+FF01-U+FF5E: digits,
// letters, "＋－（）＃" ...) and the ideographic space U+3000 replaced by their ASCII forms;
// everything else, and bytes that are not UTF-8, left as they are.
std::string fold_fullwidth(std::string_view text);

// Terminal columns `text` takes: East Asian wide and fullwidth characters count 2.
int display_width(std::string_view text);

// Pads with spaces on the right to `width` display columns.
std::string pad_right(std::string_view text, int width);

// a == b, for the short keys and ids compared in hot loops: inline word compares (the
// overlapping head and tail of the text) rather than a call of memcmp.
inline bool same_text(std::string_view a, std::string_view b) {
    const size_t n = a.size();
    if (n != b.size()) return false;
    const char *x = a.data(), *y = b.data();
    auto load8 = [](const char* p) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        return v;
    };
    auto load4 = [](const char* p) {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    };
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8)
            if (load8(x + i) != load8(y + i)) return false;
        return load8(x + n - 8) == load8(y + n - 8);
    }
    if (n >= 4) return load4(x) == load4(y) && load4(x + n - 4) == load4(y + n - 4);
    return n == 0 || (x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1]);
}

std::string_view trim(std::string_view text);
std::vector<std::string> split(std::string_view text, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string to_lower_ascii(std::string_view text);

// Levenshtein distance over bytes; good enough for key names.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is plausibly a misspelling, else "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// ` (did you mean "x"?)` or "" — appended to error messages.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// `"a", "b", "c"` for "allowed: ..." lists.
std::string quoted_list(const std::vector<std::string>& items);

}  // namespace revisit
