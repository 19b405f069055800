#pragma once
// A small call list for the tests of its page and calendar forms (test_due_html.cpp,
// test_due_ics.cpp): built by hand, so each test says exactly what an item holds.

#include <deque>
#include <string>
#include <vector>

#include "policy/policy_loader.h"
#include "schedule/due.h"

namespace revisit::test {

inline Policy due_sample_policy() {
    return parse_policy(
        "company: 测试公司\n"
        "channels: [{id: visit, label: 上门}, {id: phone, label: 电话}, {id: sms, label: 短信}]\n"
        "outcomes: [{id: reached, counts: true}]\n"
        "call_windows: ['10:00-11:30', '15:30-17:00']\n"
        "rules: []\n",
        "rules.yaml");
}

// Customers live as long as the items that point at them.
struct DueSample {
    std::deque<Customer> customers;
    std::vector<DueItem> items;

    DueItem& add(const std::string& id, const std::string& name, std::vector<std::string> owners,
                 const std::string& channel, int days_overdue) {
        Customer& c = customers.emplace_back();
        c.id = id;
        c.name = name;
        c.phone = "1380013800" + std::to_string(customers.size());
        c.owners = std::move(owners);
        DueItem& item = items.emplace_back();
        item.customer = &c;
        item.channel = channel;
        item.due_by = Date::from_ymd(2026, 11, 25).add_days(-days_overdue);
        item.days_overdue = days_overdue;
        item.call_window = channel == "sms" ? "" : "10:00-11:30 15:30-17:00";
        return item;
    }
};

inline DueReason due_reason(const std::string& rule_id, const std::string& clause,
                            const std::string& reason) {
    DueReason r;
    r.rule_id = rule_id;
    r.clause = clause;
    r.reason = reason;
    return r;
}

}  // namespace revisit::test
