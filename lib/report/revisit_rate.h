#pragma once
// The revisit rate (回访率, S0.2-4.4): of the revisits that were due in a period, how many
// were made on time. Pure: the journals come in as values, nothing is read or printed.
//
// How an item is found: `due` is replayed for the days D of [from, to] with the pure
// scheduler (schedule/due.h), as staff would have seen it that morning: customers and their
// attributes as of the end of D (a customer added or closed on D is due on D), contacts made
// before D. An item is (customer, rule id, due_by) the first day it is listed; items still
// on the list on `from` (overdue from before) count in this period too. Only the days on
// which the list can change are replayed (docs/journal.md), so the cost follows the records,
// not the length of the period: the answer is that of replaying every day.
//
// What became of it, from the contacts up to the end of `to`: the first contact since the
// item became due (DueReason::since) that satisfies its rule decides
//   on-time  made on or before due_by;
//   late     made after due_by (holiday and milestone greetings: missed instead, their
//            window closed with the event);
//   missed   none, and due_by is on or before `to`;
//   open     none, but due_by is after `to`: not yet owed, left out of the rate.
// rate = on_time / (on_time + late + missed).

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calendar/working_calendar.h"
#include "model/contact.h"
#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

enum class RateStatus { OnTime, Late, Missed, Open };
const char* rate_status_name(RateStatus s);  // "on-time", "late", "missed", "open"

struct RateItem {
    std::string customer_id, customer_name;
    std::vector<std::string> owners;  // when it was first listed
    std::string rule_id;              // "promise" for a promised reply, "callback"
    std::string clause;
    Date due_by, first_listed;
    RateStatus status = RateStatus::Open;
    std::optional<DateTime> done_at;    // the satisfying contact (on time or late)
    std::string done_by, done_contact;  // its staff and record id
};

struct RateCount {
    std::string key;  // staff member or rule id; "" for the whole period
    int on_time = 0, late = 0, missed = 0, open = 0;
    int total() const { return on_time + late + missed; }  // open items are not yet owed
    std::optional<double> rate() const;                    // nullopt when total() == 0
};

struct RevisitRateReport {
    Date from, to;
    double target = 0.9;
    std::string clause;
    std::vector<RateItem> items;  // by due_by, then customer id, then rule id
    RateCount all;
    std::vector<RateCount> by_staff;  // an item counts for each owner of its customer
    std::vector<RateCount> by_rule;   // the rules file's order, then promise, callback as met
    bool meets_target() const { return all.total() == 0 || *all.rate() >= target; }
};

// `customer_records`: customers.csv rows, any order; `contacts`: the effective contacts
// (journal/fold.h effective_contacts), whose --set changes are folded in by time.
// Precondition: from <= to. Throws Error when the records do not fold (update before add).
// `progress` hears how many days of the period have been replayed, of how many.
RevisitRateReport revisit_rate(const Policy& policy, const WorkingCalendar& calendar,
                               const std::vector<CustomerRecord>& customer_records,
                               const std::vector<ContactRecord>& contacts, Date from, Date to,
                               const std::function<void(size_t done, size_t days)>& progress = {});

}  // namespace revisit
