#pragma once
// A small rules file and two customers, shared by the unit tests of lib/model/contact_edit,
// lib/policy/finding_policy, lib/report and lib/schedule that work a journal by hand.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "model/contact.h"
#include "model/customer.h"
#include "policy/policy.h"
#include "policy/policy_loader.h"
#include "schedule/due.h"

namespace revisit::test {

using Lines = std::vector<std::string>;

inline DateTime t(const char* text) { return DateTime::parse(text).value(); }
inline Date d(const char* text) { return Date::parse(text).value(); }

// Findings, a revisit-rate target, and three rules on new customers: first call within a day,
// then every 3 days, and an SMS 2 days before the open day.
inline const std::string kJournalRules =
    "company: 测试公司\n"
    "attributes:\n"
    "  stage: {type: enum, values: [new, old], required: true}\n"
    "channels: [{id: visit, requires: [signature]}, {id: phone}, {id: sms}]\n"
    "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n"
    "milestones: [{id: open-day, name: 开放日, kind: event, date: 2026-03-10}]\n"
    "findings:\n"
    "  quality: {label: 产品质量, departments: [技术质检部], clause: 第十条}\n"
    "  service: {label: 服务, departments: [生产部, 销售部], clause: 第十条}\n"
    "revisit_rate: {target: 0.8, clause: '4.4'}\n"
    "rules:\n"
    "  - {id: first, clause: 一, when: {stage: new}, anchor: created, within: 1d, channel: phone,\n"
    "     satisfied_by: {channels: [phone]}}\n"
    "  - {id: every, clause: 二, when: {stage: new}, anchor: 'rule:first', every: 3d,\n"
    "     channel: phone, satisfied_by: {channels: [phone]}}\n"
    "  - {id: event, clause: 三, when: {stage: new}, on: milestones, days_before: 2,\n"
    "     channel: sms}\n";

inline Policy journal_policy() { return parse_policy(kJournalRules, "rules.yaml"); }

inline CustomerRecord add_record(const char* at, const std::string& id, const std::string& name,
                                 std::vector<std::string> owners) {
    return CustomerRecord{t(at),    "add", id, name, "", std::move(owners), {{"stage", "new"}},
                          "tester", "test"};
}

inline ContactRecord contact(const std::string& id, const std::string& customer, const char* at,
                             const std::string& channel, const std::string& outcome,
                             const std::string& staff) {
    ContactRecord r;
    r.id = id;
    r.customer = customer;
    r.at = t(at);
    r.logged_at = t(at);
    r.channel = channel;
    r.outcome = outcome;
    r.staff = staff;
    return r;
}

inline CustomerBook book_of(const std::vector<CustomerRecord>& records) {
    CustomerBook book;
    for (const auto& r : records) REQUIRE(book.apply(r) == "");
    return book;
}

// A (王, 李) from 03-02 09:00 and B (李) from 03-03 09:00.
inline const std::vector<CustomerRecord> kCustomers{
    add_record("2026-03-02 09:00", "A", "甲", {"王", "李"}),
    add_record("2026-03-03 09:00", "B", "乙", {"李"})};

// Customer C1 (张三, owners 王 and 李) as added at `created` with `attributes`.
inline Customer customer_at(const char* created, const KeyValues& attributes = {}) {
    Customer c;
    c.id = "C1";
    c.name = "张三";
    c.owners = {"王", "李"};
    c.created = t(created);
    for (const auto& [key, value] : attributes) c.record_change(c.created, key, value);
    return c;
}

// A contact as the scheduler sees it: channel and outcome as indexes into `p` (-1: unknown).
inline ContactFact fact(const Policy& p, const char* at, const std::string& channel,
                        const std::string& outcome, uint32_t record = 0) {
    auto index = [](const std::vector<std::string>& ids, const std::string& id) {
        for (size_t i = 0; i < ids.size(); ++i)
            if (ids[i] == id) return static_cast<int16_t>(i);
        return int16_t{-1};
    };
    return ContactFact{t(at), index(p.channel_ids(), channel), index(p.outcome_ids(), outcome),
                       record};
}

}  // namespace revisit::test
