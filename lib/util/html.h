#pragma once
// Text for HTML pages (the survey report, the call list): what every page escapes the same way.

#include <string>
#include <string_view>

namespace revisit {

// & < > " ' replaced by character references: safe in element text and in quoted attributes.
std::string html_escape(std::string_view text);

}  // namespace revisit
