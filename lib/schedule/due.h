#pragma once
// The main job: policy + customer state + contact history + date -> what is due.
// Pure: no files, no clock. `today` is always passed in. The call list of many customers is
// built in call_list.h; its text forms (csv, json, table rows) are in due_format.h.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "calendar/working_calendar.h"
#include "journal/fold.h"
#include "journal/history.h"
#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

// One rule (or promise) that makes a customer due.
struct DueReason {
    std::string rule_id;  // "promise" for a promised reply, "callback" for a callback
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
    int callback = -1;  // a callback: the minute of the day the customer asked for; else -1
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
    std::string call_window;         // e.g. "10:00-11:30 15:30-17:00" for phone/visit; a
                                     // callback's time ("15:00") instead when one is due
    std::string message;             // rendered SMS text when the channel is sms
    std::vector<Attempt> attempts;   // up to `today`, oldest first: the list shows them
};

// What evaluating every customer against one policy shares, computed once: the call-window
// text and the milestones' dates.
struct DuePlan {
    DuePlan(const Policy& policy, const WorkingCalendar& calendar);
    const Policy& policy;
    const WorkingCalendar& calendar;
    std::string call_window;
    std::vector<Date> milestone_dates;  // indexed like policy.milestones
};

// Whether contact `c` satisfies reason `r`: its rule's satisfied_by (channels, outcomes),
// or for promises and reasons computed elsewhere an outcome that counts.
bool satisfies(const Policy& policy, const DueReason& r, const ContactFact& c);

// Every reason customer `c` is due on `today`, with explain chains.
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
std::optional<DueItem> due_item(const DuePlan& plan, const Customer& c,
                                const CustomerHistory& history, Date today,
                                const DueOptions& options, const std::vector<DueReason>* extra);

// The order of the call list, the same in every format: most urgent first (more days
// overdue, then higher priority, then earlier due-by), then by customer id.
struct DueOrder {
    int days_overdue = 0;
    int priority = 0;
    Date due_by;
    std::string_view customer_id;
};
bool comes_before(const DueOrder& a, const DueOrder& b);
DueOrder order_of(const DueItem& item);
void sort_due_items(std::vector<DueItem>& items);

// The call list for `today` of customers held in memory: one item per customer, in DueOrder.
// `staff` (if not empty) keeps that owner's customers. `extra` adds reasons computed
// elsewhere (complaint follow-ups...) by customer id; they merge into the same list.
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
