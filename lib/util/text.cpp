#include "util/text.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace revisit {
namespace {

// Decodes one code point at text[i]; returns its length, 0 on malformed input.
size_t decode(std::string_view text, size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    size_t len;
    char32_t min;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > text.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool is_wide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
           (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool is_zero_width(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B || cp == 0x200D ||
           (cp >= 0xFE00 && cp <= 0xFE0F);
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        char32_t cp;
        const size_t len = decode(text, i, cp);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string text_field_problem(std::string_view what, std::string_view value, bool multi_line) {
    if (!is_valid_utf8(value)) return std::string(what) + " is not valid UTF-8";
    if (!multi_line && value.find_first_of("\r\n") != std::string_view::npos)
        return std::string(what) + " must be a single line";
    for (size_t i = 0; i < value.size(); ++i) {
        const auto b = static_cast<unsigned char>(value[i]);
        char32_t cp = b;
        if (b == 0xC2 && i + 1 < value.size())
            cp = static_cast<unsigned char>(value[i + 1]);  // U+0080-U+00BF
        const bool control = b < 0x20 || b == 0x7F || (b == 0xC2 && cp >= 0x80 && cp <= 0x9F);
        if (!control || (multi_line && (b == '\n' || b == '\r' || b == '\t'))) continue;
        char code[8];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
        return std::string(what) + " contains a control character (" + code + "); " +
               (multi_line ? "only text, line ends and tabs are allowed"
                           : "only printable text is allowed");
    }
    return {};
}

std::string fold_fullwidth(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        char32_t cp;
        const size_t len = decode(text, i, cp);
        if (len == 0) {
            out += text[i++];
            continue;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            out += static_cast<char>(cp - 0xFF01 + 0x21);
        else if (cp == 0x3000)
            out += ' ';
        else
            out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

int display_width(std::string_view text) {
    int width = 0;
    for (size_t i = 0; i < text.size();) {
        char32_t cp;
        size_t len = decode(text, i, cp);
        if (len == 0) {  // count a stray byte as one column rather than fail
            ++width;
            ++i;
            continue;
        }
        i += len;
        if (is_zero_width(cp)) continue;
        width += is_wide(cp) ? 2 : 1;
    }
    return width;
}

std::string pad_right(std::string_view text, int width) {
    std::string out(text);
    const int have = display_width(text);
    if (have < width) out.append(static_cast<size_t>(width - have), ' ');
    return out;
}

std::string_view trim(std::string_view text) {
    const char* ws = " \t\r\n";
    const size_t b = text.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    const size_t e = text.find_last_not_of(ws);
    return text.substr(b, e - b + 1);
}

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        const size_t pos = text.find(sep, start);
        out.emplace_back(text.substr(start, pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = SIZE_MAX;
    for (const auto& c : candidates) {
        const size_t d = edit_distance(to_lower_ascii(word), to_lower_ascii(c));
        if (d < best_distance) best_distance = d, best = c;
    }
    // Accept up to a third of the word's length in edits, at least one.
    const size_t limit = std::max<size_t>(1, word.size() / 3);
    return best_distance <= limit ? best : std::string();
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string best = closest_match(word, candidates);
    return best.empty() ? std::string() : " (did you mean \"" + best + "\"?)";
}

std::string quoted_list(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        out += "\"" + items[i] + "\"";
    }
    return out;
}

}  // namespace revisit
