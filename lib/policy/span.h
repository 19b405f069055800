#pragma once
// A length of time as a rules file writes it. Its own header so that parts of the policy
// declared in other files (policy/complaint_policy.h) can use it; policy/policy.h includes it.

#include <string>

namespace revisit {

// "3d", "2w", "1m", "24h", "5wd" (working days). parse_span() in policy/policy_loader.h reads it.
struct Span {
    enum class Unit { Days, Weeks, Months, Hours, WorkingDays };
    int amount = 0;
    Unit unit = Unit::Days;
    std::string str() const;  // defined in policy/policy.cpp
};

}  // namespace revisit
