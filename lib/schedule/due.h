#pragma once
// The main job: policy + customer state + contact history + date -> what is due.
// Pure: no files, no clock. `today` is always passed in.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "calendar/working_calendar.h"
#include "model/contact.h"
#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

// A contact reduced to what scheduling needs; a customer's list is sorted by time.
struct ContactFact {
    DateTime at;
    int16_t channel = -1;  // index into Policy::channels, -1 when unknown
    int16_t outcome = -1;  // index into Policy::outcomes
    uint32_t record = 0;   // N of the contact's id KN, 0 when it has another form
};

// A reply promised on a contact (S0.1-5, S0.2-4.2), open until a later counting contact.
struct OpenPromise {
    DateTime made_at;
    Date due;
    std::string note;
    std::string contact_id;
};

struct CustomerHistory {
    std::vector<ContactFact> contacts;  // oldest first
    std::vector<OpenPromise> promises;  // not yet answered
};

// Builds each customer's history, indexed like `book.all()`, from effective contacts.
std::vector<CustomerHistory> build_histories(const Policy& policy, const CustomerBook& book,
                                             const std::vector<ContactRecord>& contacts);
// The same one contact at a time: add_contact in any order, then finish_history once.
void add_contact(const Policy& policy, CustomerHistory& history, const ContactRecord& contact);
void finish_history(const Policy& policy, CustomerHistory& history);
// N of a journal id such as K000042 (42); 0 when the id has another form.
uint32_t record_number(const std::string& id);

// One rule (or promise) that makes a customer due.
struct DueReason {
    std::string rule_id;  // "promise" for a promised reply
    std::string clause;
    std::string reason;
    std::string channel;
    Date due_by;
    int days_overdue = 0;
    int priority = 0;
    std::string message_template;  // template id for SMS, may be empty
    std::string event_name;        // holiday or milestone name for templates
    Date event_date;
    std::vector<std::string> explain;  // the chain that produced it, one step per entry
    // When it became due (window opened, interval ran out, promise fell due): contacts
    // from then on that do not satisfy it are attempts. Unset (reasons computed elsewhere):
    // the start of due_by.
    DateTime since;
};

// A contact made since a reason became due that did not satisfy it (a no-answer ...).
struct Attempt {
    DateTime at;
    std::string channel, outcome;  // ids; "" when the rules file no longer knows them
};

// One line of the call list: a customer, on the strongest channel of all its reasons.
struct DueItem {
    const Customer* customer = nullptr;
    std::string channel;
    Date due_by;
    int days_overdue = 0;
    int priority = 0;
    std::vector<DueReason> reasons;  // most important first
    std::string call_window;         // e.g. "10:00-11:30 15:30-17:00" for phone/visit
    std::string message;             // rendered SMS text when the channel is sms
    std::vector<Attempt> attempts;   // up to `today`, oldest first: the list shows them
};

// Whether contact `c` satisfies reason `r`: its rule's satisfied_by (channels, outcomes),
// or for promises and reasons computed elsewhere an outcome that counts.
bool satisfies(const Policy& policy, const DueReason& r, const ContactFact& c);

// Every reason customer `c` is due on `today`.
std::vector<DueReason> due_reasons(const Policy& policy, const WorkingCalendar& calendar,
                                   const Customer& c, const CustomerHistory& history, Date today);

// How a call list is made: `staff` (if not empty) keeps that owner's customers; `explain`
// builds each reason's explain chain (skipped, it is most of the work for a large list).
struct DueOptions {
    std::string staff;
    bool explain = true;
};

// Customer `c`'s line of the call list on `today`, or nullopt when nothing is due. `extra`
// holds reasons computed elsewhere (complaint follow-ups...) for `c`; they merge into it.
std::optional<DueItem> due_item(const Policy& policy, const WorkingCalendar& calendar,
                               const Customer& c, const CustomerHistory& history, Date today,
                               const DueOptions& options, const std::vector<DueReason>* extra);
// Most urgent first: overdue days, then priority, then due-by, then id.
void sort_due_items(std::vector<DueItem>& items);

// The call list for `today`: one item per customer, most urgent first (overdue days,
// then priority, then due-by, then id). `staff` (if not empty) keeps that owner's customers.
// `extra` adds reasons computed elsewhere (complaint follow-ups...) by customer id; they
// merge into the same one-line-per-customer list.
using ExtraReasons = std::unordered_map<std::string, std::vector<DueReason>>;
std::vector<DueItem> due_items(const Policy& policy, const WorkingCalendar& calendar,
                               const CustomerBook& book,
                               const std::vector<CustomerHistory>& histories, Date today,
                               const std::string& staff = "", const ExtraReasons* extra = nullptr);

// Fills a template's {placeholders} for customer `c` and reason `r`.
std::string render_message(const Policy& policy, const std::string& template_text,
                           const Customer& c, const DueReason& r);

// Whether attributes of `c` satisfy `m` (unset bool attributes count as "no").
bool matches(const Policy& policy, const Match& m, const Customer& c);

// The season in force on `day`, or nullptr.
const Season* season_on(const Policy& policy, Date day);

}  // namespace revisit
