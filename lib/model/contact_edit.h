#pragma once
// Validation of a contact as staff type it (`log-call`) against the rules file.

#include <string>
#include <vector>

#include "model/contact.h"
#include "policy/policy.h"

namespace revisit {

struct ContactInput {
    std::string customer, channel, outcome, staff, note, signature;
    std::string promise;  // YYYY-MM-DD or +Nd (days after the contact)
    std::string promise_note;
    std::vector<std::string> set;  // key=value
    DateTime at;                   // when it happened
    DateTime now;                  // when it is entered; `at` may not be later (+10 minutes)
};

// The record to append (without its id), or `problems` saying everything that is wrong.
ContactRecord make_contact_record(const Policy& policy, const CustomerBook& book,
                                  const ContactInput& input, std::vector<std::string>& problems);

}  // namespace revisit
