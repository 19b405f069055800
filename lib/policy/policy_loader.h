#pragma once
// Turns a rules file's text into a Policy, checking it as an admin would want:
// every error, each as "file:line:column: message".

#include <string>
#include <vector>

#include "policy/policy.h"

namespace revisit {

// Every problem found in the rules text, in file order; empty when clean.
std::vector<std::string> check_policy(const std::string& text, const std::string& file);

// The policy, or an Error whose message lists every problem, one per line.
Policy parse_policy(const std::string& text, const std::string& file);

// "3d", "2w", "1m", "24h", "5wd", or weekly / half-monthly / monthly / same-day.
std::optional<Span> parse_span(const std::string& text);

}  // namespace revisit
