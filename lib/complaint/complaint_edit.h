#pragma once
// Validation of complaint steps as staff type them (`revisit complaint ...`) against the
// rules file and the complaints so far: turns input into the event to append, or lists
// every problem. Pure: the caller reads the journals and the clock.

#include <string>
#include <vector>

#include "calendar/working_calendar.h"
#include "complaint/complaint_book.h"
#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

struct ComplaintInput {
    std::string customer, category, summary, staff;
    std::string
        subject;  // optional: a housing unit ...; "" = the customer's subject_attribute, if any
    std::string source;                    // "" = the rules file's first source
    std::string severity;                  // "" = normal
    std::vector<std::string> departments;  // "" = the category's departments
    DateTime at;                           // when it was received
    DateTime now;  // when it is entered; `at` may not be later (+10 minutes)
};

// What a new complaint is about: `typed` (--subject) trimmed, else the customer's
// subject_attribute (a housing unit ...), else "".
std::string complaint_subject(const ComplaintPolicy& policy, const Customer* customer,
                              const std::string& typed);

// The "open" event for `input` — routing, deadline, escalation, repeats and on_open_set
// changes (only those that change the customer) filled in from the policy — without its
// ids. `problems` receives every reason it cannot be opened; the event is then unusable.
ComplaintEvent make_open_event(const Policy& policy, const WorkingCalendar& calendar,
                               const CustomerBook& customers, const ComplaintBook& book,
                               const ComplaintInput& input, std::vector<std::string>& problems);

struct ComplaintChange {
    ComplaintEventKind kind = ComplaintEventKind::Update;  // never Open
    std::string complaint;
    std::string staff;                     // "" = the first-contact owner
    std::string note;                      // resolve: the resolution (required)
    std::string satisfaction;              // close: required, one of satisfaction_levels()
    std::vector<std::string> departments;  // update: reroute
    DateTime at, now;
};

// The update/resolve/close/reopen event for `change`, with its event id (P000001-2 ...),
// or `problems`. A reopen gets a new deadline counted from its time.
ComplaintEvent make_change_event(const Policy& policy, const WorkingCalendar& calendar,
                                 const ComplaintBook& book, const ComplaintChange& change,
                                 std::vector<std::string>& problems);

// What staff should know about a new complaint, one line each: routing and deadline,
// escalation, repeats, attribute changes. `event` comes from make_open_event().
std::vector<std::string> describe_open(const Policy& policy, const ComplaintEvent& event);

// The message for a complaint id that does not exist, with a suggestion when one is close.
std::string unknown_complaint_message(const ComplaintBook& book, const std::string& id);

}  // namespace revisit
