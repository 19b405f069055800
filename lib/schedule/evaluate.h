#pragma once
// The rules applied to one customer: each rule kind (once, every, holidays, milestones) and
// promises give the reasons a customer is due on a day. Internal to lib/schedule (due.h is
// the interface).

#include <vector>

#include "schedule/due.h"

namespace revisit {

// Every reason `c` is due on `today`; explain chains only when `explain`.
std::vector<DueReason> evaluate(const DuePlan& plan, const Customer& c, const CustomerHistory& h,
                                Date today, bool explain);

// Whether contact `c` counts for `rule` (its channel and outcome, S0.3 "a call with no
// answer does not satisfy 'call the same day'").
bool satisfies_rule(const Policy& p, const Rule& rule, const ContactFact& c);
// Whether the contact's outcome counts as a contact made.
bool counts(const Policy& p, const ContactFact& c);
// Whether attribute `key` of `c` holds one of `values` (unset bool attributes count as "no").
bool condition_holds(const Policy& p, const std::string& key,
                     const std::vector<std::string>& values, const Customer& c);
int index_of_channel(const Policy& p, const std::string& id);

// Contacts up to `today` made since a reason became due that did not satisfy it.
std::vector<Attempt> attempts_on(const Policy& p, const CustomerHistory& h,
                                 const std::vector<DueReason>& reasons, Date today);

}  // namespace revisit
