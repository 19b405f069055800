#pragma once
// Validation of new customers and of changes to them against the rules file: turns what
// a user typed into a CustomerRecord to append, or lists every problem.

#include <string>
#include <string_view>
#include <vector>

#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

struct CustomerInput {
    std::string id;  // empty: generate
    std::string name;
    std::string phone;
    std::vector<std::string> owners;
    KeyValues set;
    bool allow_duplicate_phone = false;
};

// The "add" record for `input`, with defaults from the policy filled in. `problems`
// receives every reason it cannot be added (empty = fine); the record is then unusable.
CustomerRecord make_add_record(const Policy& policy, const CustomerBook& book,
                               const CustomerInput& input, DateTime at,
                               std::vector<std::string>& problems);

// The "update" record for customer `id`; only the given fields change.
CustomerRecord make_update_record(const Policy& policy, const CustomerBook& book,
                                  const std::string& id, const CustomerInput& change, DateTime at,
                                  std::vector<std::string>& problems);

// Splits "key=value" as typed on the command line; problems on malformed input.
KeyValues parse_assignments(const std::vector<std::string>& items,
                            std::vector<std::string>& problems);

// A time typed for something that happened (log-call's and add-customer's --at, an
// import's `created`) may run ahead of the clock by this much, as clocks differ, and no more:
// a customer added in the future would refuse every contact until then.
inline constexpr long kAheadOfClockMinutes = 10;
// "" when `at` is at most kAheadOfClockMinutes after `now`, else
// "<what> <at> is in the future (now <now>)".
std::string future_time_problem(std::string_view what, DateTime at, DateTime now);

// "unknown customer "X" (did you mean "C000012" 王小明?)" style hint for a missing id.
std::string unknown_customer_message(const CustomerBook& book, const std::string& id);

}  // namespace revisit
