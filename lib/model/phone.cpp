#include "model/phone.h"

#include "util/text.h"

namespace revisit {

namespace {
// The digits as dialled inside China: a country code (0086, +86, or 86 in front of at
// least 10 more digits) dropped, and a landline's trunk 0, which the international form
// leaves out, put back. A mobile is left as it is.
std::string national(std::string digits, bool plus) {
    if (digits.rfind("0086", 0) == 0)
        digits = digits.substr(4);
    else if (digits.rfind("86", 0) == 0 && (plus || digits.size() >= 12))
        digits = digits.substr(2);
    const bool mobile = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
    if (!mobile && !digits.empty() && digits[0] != '0') digits = "0" + digits;
    return digits;
}
}  // namespace

std::optional<std::string> normalize_phone(const std::string& typed) {
    // What a Chinese input method types in full-width mode reads as the ASCII it stands for.
    const std::string text = fold_fullwidth(typed);
    std::string digits, extension;
    bool in_extension = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            (in_extension ? extension : digits) += c;
        } else if (c == ' ' || c == '(' || c == ')' || (c == '+' && i == 0) ||
                   (c == '-' && !in_extension)) {
            // An extension is a dash after a complete landline number (area code + 7 digits).
            if (c == '-' && !in_extension) {
                const std::string so_far = national(digits, text[0] == '+');
                in_extension = so_far.size() >= 10 && so_far[0] == '0';
            }
        } else if (text.compare(i, 3, "转") == 0 || c == 'x' || c == 'X' || c == '#') {
            if (in_extension) return std::nullopt;
            in_extension = true;
            if (c != 'x' && c != 'X' && c != '#') i += 2;
        } else {
            return std::nullopt;
        }
    }
    digits = national(digits, !text.empty() && text[0] == '+');
    if (!extension.empty() && (extension.size() > 6)) return std::nullopt;
    const bool mobile = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
    if (mobile) return extension.empty() ? std::optional<std::string>(digits) : std::nullopt;
    // Landline area codes: 010, 020-029, or 0 and three digits starting 3-9.
    if (digits.size() < 3 || digits[0] != '0' || digits[1] == '0') return std::nullopt;
    if (digits[1] == '1' && digits[2] != '0') return std::nullopt;
    const size_t area = (digits[1] == '1' || digits[1] == '2') ? 3 : 4;
    if (digits.size() < area + 7 || digits.size() > area + 8) return std::nullopt;
    if (digits[area] == '0' || digits[area] == '1') return std::nullopt;  // local numbers start 2-9
    std::string out = digits.substr(0, area) + "-" + digits.substr(area);
    if (!extension.empty()) out += "-" + extension;
    return out;
}

}  // namespace revisit
