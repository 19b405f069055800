#include "schedule/due.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "schedule/evaluate.h"
#include "util/text.h"

namespace revisit {

DuePlan::DuePlan(const Policy& p, const WorkingCalendar& cal) : policy(p), calendar(cal) {
    std::vector<std::string> parts;
    for (const auto& w : p.call_windows)
        parts.push_back(format_clock(w.from) + "-" + format_clock(w.to));
    call_window = join(parts, " ");
    // The loader checked every milestone's date.
    for (const auto& m : p.milestones)
        milestone_dates.push_back(Date::parse(m.date).value_or(Date{}));
}

bool satisfies(const Policy& policy, const DueReason& r, const ContactFact& c) {
    if (const Rule* rule = policy.rule(r.rule_id)) return satisfies_rule(policy, *rule, c);
    return counts(policy, c);
}

bool matches(const Policy& policy, const Match& m, const Customer& c) {
    for (const auto& [key, values] : m.conditions)
        if (!condition_holds(policy, key, values, c)) return false;
    return true;
}

const Season* season_on(const Policy& policy, Date day) {
    for (const auto& s : policy.seasons)
        if (s.contains(day.month(), day.day())) return &s;
    return nullptr;
}

std::vector<DueReason> due_reasons(const Policy& policy, const WorkingCalendar& calendar,
                                   const Customer& c, const CustomerHistory& history, Date today) {
    return evaluate(DuePlan(policy, calendar), c, history, today, true);
}

std::string render_message(const Policy& policy, const std::string& text, const Customer& c,
                           const DueReason& r) {
    std::map<std::string, std::string> values = policy.variables;
    const std::string* salutation = c.attribute("salutation");
    values["salutation"] = salutation ? *salutation + "您好" : "尊敬的贵宾";  // S0.3-5.5
    values["name"] = c.name;
    values["owner"] = c.owners.empty() ? "" : c.owners.front();
    values["holiday"] = r.event_name;
    values["milestone"] = r.event_name;
    values["date"] = r.event_name.empty() ? r.due_by.str() : r.event_date.str();
    values["reason"] = r.reason;
    values["company"] = policy.company;
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
        if (close != std::string::npos) {
            auto it = values.find(text.substr(i + 1, close - i - 1));
            if (it != values.end()) {
                out += it->second;
                i = close;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::optional<DueItem> due_item(const DuePlan& plan, const Customer& c,
                                const CustomerHistory& history, Date today,
                                const DueOptions& options, const std::vector<DueReason>* extra) {
    const Policy& policy = plan.policy;
    if (!options.staff.empty() &&
        std::find(c.owners.begin(), c.owners.end(), options.staff) == c.owners.end())
        return std::nullopt;
    std::vector<DueReason> reasons = evaluate(plan, c, history, today, options.explain);
    if (extra) reasons.insert(reasons.end(), extra->begin(), extra->end());
    if (reasons.empty()) return std::nullopt;
    auto more_urgent = [](const DueReason& a, const DueReason& b) {
        return std::tie(b.days_overdue, b.priority) < std::tie(a.days_overdue, a.priority);
    };
    // stable_sort allocates a buffer even for a single reason, the usual case
    if (reasons.size() > 1) std::stable_sort(reasons.begin(), reasons.end(), more_urgent);
    DueItem item;
    item.customer = &c;
    item.channel = reasons.front().channel;
    item.due_by = reasons.front().due_by;
    for (const auto& r : reasons) {
        if (policy.channel_strength(r.channel) < policy.channel_strength(item.channel))
            item.channel = r.channel;
        item.due_by = std::min(item.due_by, r.due_by);
        item.days_overdue = std::max(item.days_overdue, r.days_overdue);
        item.priority = std::max(item.priority, r.priority);
    }
    if (item.channel == "sms") {
        for (const auto& r : reasons) {
            auto t = policy.templates.find(r.message_template);
            if (t != policy.templates.end()) {
                item.message = render_message(policy, t->second, c, r);
                break;
            }
        }
    } else {
        item.call_window = plan.call_window;
        for (const auto& r : reasons)  // the time the customer asked for, the most urgent first
            if (r.callback >= 0) {
                item.call_window = format_clock(r.callback);
                break;
            }
    }
    item.attempts = attempts_on(policy, history, reasons, today);
    item.reasons = std::move(reasons);
    return item;
}

bool comes_before(const DueOrder& a, const DueOrder& b) {
    if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.due_by != b.due_by) return a.due_by < b.due_by;
    return a.customer_id < b.customer_id;
}

DueOrder order_of(const DueItem& item) {
    return {item.days_overdue, item.priority, item.due_by, item.customer->id};
}

void sort_due_items(std::vector<DueItem>& items) {
    std::sort(items.begin(), items.end(), [](const DueItem& a, const DueItem& b) {
        return comes_before(order_of(a), order_of(b));
    });
}

std::vector<DueItem> due_items(const Policy& policy, const WorkingCalendar& calendar,
                               const CustomerBook& book,
                               const std::vector<CustomerHistory>& histories, Date today,
                               const std::string& staff, const ExtraReasons* extra) {
    const DuePlan plan(policy, calendar);
    const DueOptions options{staff, true};
    std::vector<DueItem> items;
    for (size_t i = 0; i < book.all().size(); ++i) {
        const Customer& c = book.all()[i];
        const std::vector<DueReason>* more = nullptr;
        if (extra)
            if (auto it = extra->find(c.id); it != extra->end()) more = &it->second;
        if (auto item = due_item(plan, c, histories[i], today, options, more))
            items.push_back(std::move(*item));
    }
    sort_due_items(items);
    return items;
}

}  // namespace revisit
