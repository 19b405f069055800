#pragma once
// Chinese phone numbers: mobiles (1[3-9]X, 11 digits) and landlines (area code + 7-8 digits),
// written in any of the usual ways, normalised so duplicates can be found.

#include <optional>
#include <string>

namespace revisit {

// "+86 138-0013-8000" -> "13800138000"; "(010) 6552 9988" -> "010-65529988";
// "0755 8888 8888-123" -> "0755-88888888-123". Full-width digits and signs, and the
// ideographic space, count as their ASCII forms ("１３９１１１１３３３３" -> "13911113333").
// nullopt when it is neither form.
std::optional<std::string> normalize_phone(const std::string& text);

}  // namespace revisit
