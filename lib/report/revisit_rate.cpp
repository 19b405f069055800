#include "report/revisit_rate.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>

#include "journal/fold.h"
#include "schedule/due.h"
#include "util/error.h"

namespace revisit {

const char* rate_status_name(RateStatus s) {
    switch (s) {
        case RateStatus::OnTime:
            return "on-time";
        case RateStatus::Late:
            return "late";
        case RateStatus::Missed:
            return "missed";
        case RateStatus::Open:
            return "open";
    }
    return "?";
}

std::optional<double> RateCount::rate() const {
    if (total() == 0) return std::nullopt;
    return static_cast<double>(on_time) / total();
}

namespace {

// A customers.csv row or a contact that changes attributes (log-call --set), replayed in
// time order; adds come first for a customer because they carry the earliest time.
struct Change {
    DateTime at;
    const CustomerRecord* record = nullptr;
    const ContactRecord* contact = nullptr;
};

std::vector<Change> changes_by_time(const std::vector<CustomerRecord>& records,
                                    const std::vector<ContactRecord>& contacts) {
    std::vector<Change> out;
    for (const auto& r : records) out.push_back({r.at, &r, nullptr});
    for (const auto& c : contacts)
        if (!c.set.empty()) out.push_back({c.at, nullptr, &c});
    std::stable_sort(out.begin(), out.end(),
                     [](const Change& a, const Change& b) { return a.at < b.at; });
    return out;
}

// Folds one change into the book (journal/fold.h).
void fold_change(CustomerBook& book, const Change& change) {
    if (change.record) {
        const std::string problem = book.apply(*change.record);
        if (!problem.empty()) throw Error(problem);
        return;
    }
    const long i = book.index_of(change.contact->customer);
    if (i < 0)
        throw Error(fmt::format("update of unknown customer \"{}\"", change.contact->customer));
    apply_contact_changes(book.at(static_cast<size_t>(i)), *change.contact);
}

int index_of(const std::vector<std::string>& ids, const std::string& id) {
    auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

// A customer's contacts as the scheduler sees them, with the records they came from.
struct CustomerContacts {
    std::vector<ContactFact> facts;
    std::vector<const ContactRecord*> records;
};

std::unordered_map<std::string, CustomerContacts> by_customer(
    const Policy& policy, const std::vector<ContactRecord>& sorted) {
    const auto channels = policy.channel_ids(), outcomes = policy.outcome_ids();
    std::unordered_map<std::string, CustomerContacts> out;
    for (const auto& r : sorted) {
        auto& cc = out[r.customer];
        cc.facts.push_back({r.at, static_cast<int16_t>(index_of(channels, r.channel)),
                            static_cast<int16_t>(index_of(outcomes, r.outcome)),
                            record_number(r.id)});
        cc.records.push_back(&r);
    }
    return out;
}

struct Listed {
    RateItem item;
    DueReason reason;
};

// Between two days that records change the state on, the list of a day changes only in a
// few ways, and these days show each of them (docs/journal.md, "How long it takes"):
//  - a holiday or milestone greeting is listed only in its window: every window day;
//  - any other reason, once listed, stays listed: the last day `b`;
//  - an interval that depends on the season stays listed within its season: the last day of
//    each season in [a, b].
std::vector<Date> days_to_replay(const Policy& policy, const WorkingCalendar& calendar,
                                 const DuePlan& plan, Date a, Date b) {
    std::vector<Date> days{b};
    auto window = [&](Date event, int before) {
        for (Date d = std::max(a, event.add_days(-before)); d <= std::min(b, event);
             d = d.add_days(1))
            days.push_back(d);
    };
    bool seasonal = false;
    for (const Rule& rule : policy.rules) {
        seasonal |= !rule.every_in_season.empty();
        if (rule.kind == Rule::Kind::Holidays)
            for (const HolidayPeriod* h :
                 calendar.holidays_between(a, b.add_days(rule.days_before)))
                window(first_day(*h), rule.days_before);
        if (rule.kind == Rule::Kind::Milestones)
            for (Date when : plan.milestone_dates)
                if (when >= a && when <= b.add_days(rule.days_before))
                    window(when, rule.days_before);
    }
    if (seasonal) {  // the last day of each season, looking back a year at most
        std::vector<const Season*> found;
        for (Date d = b; d >= a && b - d <= 366; d = d.add_days(-1)) {
            const Season* s = season_on(policy, d);
            if (s && std::find(found.begin(), found.end(), s) == found.end()) {
                found.push_back(s);
                days.push_back(d);
            }
        }
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

// The first day in [a, found] that reason `r`, found listed on `found`, is listed on.
Date first_listed(const Policy& policy, const DueReason& r, Date found, Date a) {
    const Rule* rule = policy.rule(r.rule_id);
    if (rule && (rule->kind == Rule::Kind::Holidays || rule->kind == Rule::Kind::Milestones))
        return found;  // every day of its window was replayed in order
    Date d = std::max(a, r.since == DateTime{} ? r.due_by : r.since.date());
    if (rule && !rule->every_in_season.empty())  // listed again from the start of its season
        while (d < found && season_on(policy, d) != season_on(policy, found)) d = d.add_days(1);
    return d;
}

// Replays `due` over the period; one entry per (customer, rule, due_by). The state changes
// only on the days records change it, so each stretch between them replays only the days
// days_to_replay() names: the cost follows the records, not the length of the period.
std::vector<Listed> listed_items(const Policy& policy, const WorkingCalendar& calendar,
                                 const std::vector<Change>& changes,
                                 const std::vector<ContactRecord>& sorted, Date from, Date to,
                                 const std::function<void(size_t, size_t)>& progress) {
    std::vector<Listed> out;
    std::set<std::tuple<std::string, std::string, long>> seen;
    const DuePlan plan(policy, calendar);
    CustomerBook book;
    std::vector<ContactRecord> before;  // contacts made before the day replayed
    size_t next_record = 0, next_contact = 0;
    // Customers as of the end of the day, contacts before it (a contact counts the day after).
    Date day = from;
    if (!changes.empty()) day = std::max(from, changes.front().at.date());
    while (!changes.empty() && day <= to) {
        for (; next_record < changes.size() && changes[next_record].at.date() <= day; ++next_record)
            fold_change(book, changes[next_record]);
        for (; next_contact < sorted.size() && sorted[next_contact].at < DateTime::at(day);
             ++next_contact)
            before.push_back(sorted[next_contact]);
        Date last = to;  // the day before the next change
        if (next_record < changes.size())
            last = std::min(last, changes[next_record].at.date().add_days(-1));
        if (next_contact < sorted.size()) last = std::min(last, sorted[next_contact].at.date());
        const auto histories = build_histories(policy, book, before);
        for (Date d : days_to_replay(policy, calendar, plan, day, last)) {
            for (size_t i = 0; i < book.all().size(); ++i) {
                const Customer& c = book.all()[i];
                for (auto& r : due_reasons(policy, calendar, c, histories[i], d)) {
                    const auto key = std::make_tuple(c.id, r.rule_id, r.due_by.days());
                    if (!seen.insert(key).second) continue;
                    RateItem item;
                    item.customer_id = c.id;
                    item.customer_name = c.name;
                    item.owners = c.owners;
                    item.rule_id = r.rule_id;
                    item.clause = r.clause;
                    item.due_by = r.due_by;
                    item.first_listed = first_listed(policy, r, d, day);
                    out.push_back({std::move(item), std::move(r)});
                }
            }
        }
        day = last.add_days(1);
        if (progress)
            progress(static_cast<size_t>(std::min(day, to.add_days(1)) - from),
                     static_cast<size_t>(to - from + 1));
    }
    return out;
}

// Whether a late contact still does the job: a greeting after the holiday does not.
bool late_counts(const Policy& policy, const std::string& rule_id) {
    const Rule* rule = policy.rule(rule_id);
    return !rule || (rule->kind != Rule::Kind::Holidays && rule->kind != Rule::Kind::Milestones);
}

void settle(const Policy& policy, const CustomerContacts* contacts, const DueReason& reason,
            Date to, RateItem& item) {
    const DateTime since = reason.since == DateTime{} ? DateTime::at(reason.due_by) : reason.since;
    const DateTime end = DateTime::at(to.add_days(1));
    if (contacts) {
        for (size_t i = 0; i < contacts->facts.size(); ++i) {
            const ContactFact& f = contacts->facts[i];
            if (f.at >= end) break;
            if (f.at < since || !satisfies(policy, reason, f)) continue;
            item.done_at = f.at;
            item.done_by = contacts->records[i]->staff;
            item.done_contact = contacts->records[i]->id;
            if (f.at.date() <= item.due_by)
                item.status = RateStatus::OnTime;
            else
                item.status =
                    late_counts(policy, item.rule_id) ? RateStatus::Late : RateStatus::Missed;
            return;
        }
    }
    item.status = item.due_by <= to ? RateStatus::Missed : RateStatus::Open;
}

void add(RateCount& count, RateStatus s) {
    switch (s) {
        case RateStatus::OnTime:
            ++count.on_time;
            break;
        case RateStatus::Late:
            ++count.late;
            break;
        case RateStatus::Missed:
            ++count.missed;
            break;
        case RateStatus::Open:
            ++count.open;
            break;
    }
}

RateCount& group(std::vector<RateCount>& groups, const std::string& key) {
    for (auto& g : groups)
        if (g.key == key) return g;
    groups.push_back(RateCount{key});
    return groups.back();
}

}  // namespace

RevisitRateReport revisit_rate(const Policy& policy, const WorkingCalendar& calendar,
                               const std::vector<CustomerRecord>& customer_records,
                               const std::vector<ContactRecord>& contacts, Date from, Date to,
                               const std::function<void(size_t, size_t)>& progress) {
    RevisitRateReport report;
    report.from = from;
    report.to = to;
    report.target = policy.revisit_rate.target;
    report.clause = policy.revisit_rate.clause;
    std::vector<ContactRecord> sorted = contacts;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ContactRecord& a, const ContactRecord& b) { return a.at < b.at; });
    const auto changes = changes_by_time(customer_records, contacts);
    const auto contacts_of = by_customer(policy, sorted);
    for (auto& [item, reason] :
         listed_items(policy, calendar, changes, sorted, from, to, progress)) {
        auto it = contacts_of.find(item.customer_id);
        settle(policy, it == contacts_of.end() ? nullptr : &it->second, reason, to, item);
        report.items.push_back(std::move(item));
    }
    std::stable_sort(report.items.begin(), report.items.end(),
                     [](const RateItem& a, const RateItem& b) {
                         return std::tie(a.due_by, a.customer_id, a.rule_id) <
                                std::tie(b.due_by, b.customer_id, b.rule_id);
                     });
    for (const auto& rule : policy.rules) report.by_rule.push_back(RateCount{rule.id});
    for (const auto& item : report.items) {
        add(report.all, item.status);
        add(group(report.by_rule, item.rule_id), item.status);
        if (item.owners.empty()) add(group(report.by_staff, "(no owner)"), item.status);
        for (const auto& owner : item.owners) add(group(report.by_staff, owner), item.status);
    }
    std::erase_if(report.by_rule, [](const RateCount& g) { return g.total() + g.open == 0; });
    std::sort(report.by_staff.begin(), report.by_staff.end(),
              [](const RateCount& a, const RateCount& b) { return a.key < b.key; });
    return report;
}

}  // namespace revisit
