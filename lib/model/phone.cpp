#include "model/phone.h"

namespace revisit {

std::optional<std::string> normalize_phone(const std::string& text) {
    std::string digits, extension;
    bool in_extension = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            (in_extension ? extension : digits) += c;
        } else if (c == ' ' || c == '(' || c == ')' || (c == '+' && i == 0) ||
                   (c == '-' && !in_extension)) {
            // An extension is a dash after a complete landline number: decided below.
            if (c == '-' && digits.size() >= 10 && digits[0] == '0' && !in_extension) in_extension = true;
        } else if (text.compare(i, 3, "转") == 0 || c == 'x' || c == 'X' || c == '#') {
            if (in_extension) return std::nullopt;
            in_extension = true;
            if (c != 'x' && c != 'X' && c != '#') i += 2;
        } else {
            return std::nullopt;
        }
    }
    if (digits.rfind("0086", 0) == 0) digits = digits.substr(4);
    else if (digits.rfind("86", 0) == 0 && digits.size() >= 12) digits = digits.substr(2);
    if (!extension.empty() && (extension.size() > 6)) return std::nullopt;
    const bool mobile = digits.size() == 11 && digits[0] == '1' && digits[1] >= '3';
    if (mobile) return extension.empty() ? std::optional<std::string>(digits) : std::nullopt;
    // Landline: international form drops the trunk 0.
    if (!digits.empty() && digits[0] != '0') digits = "0" + digits;
    const size_t area = (digits.size() > 2 && (digits[1] == '1' || digits[1] == '2')) ? 3 : 4;
    if (digits.size() < area + 7 || digits.size() > area + 8) return std::nullopt;
    if (digits[area] == '0' || digits[area] == '1') return std::nullopt;  // local numbers start 2-9
    std::string out = digits.substr(0, area) + "-" + digits.substr(area);
    if (!extension.empty()) out += "-" + extension;
    return out;
}

}  // namespace revisit
