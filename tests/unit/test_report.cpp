// lib/report: a customer's timeline, findings routed to departments, the revisit rate.

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "calendar/working_calendar.h"
#include "journal_sample.h"
#include "model/contact.h"
#include "policy/policy_loader.h"
#include "report/findings.h"
#include "report/history.h"
#include "report/revisit_rate.h"
#include "util/text.h"

using namespace revisit;
using namespace revisit::test;

namespace {

// A call within a day of being added, and an SMS from 2 days before the open day (03-10).
const std::string kRateRules =
    "company: 测试公司\n"
    "channels: [{id: visit}, {id: phone}, {id: sms}]\n"
    "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n"
    "milestones: [{id: open-day, name: 开放日, kind: event, date: 2026-03-10}]\n"
    "rules:\n"
    "  - {id: call, clause: 一, anchor: created, within: 1d, channel: phone}\n"
    "  - {id: greet, clause: 二, on: milestones, days_before: 2, channel: sms}\n";

CustomerRecord added(const std::string& id, std::vector<std::string> owners) {
    return CustomerRecord{t("2026-03-02 09:00"), "add", id,       id,    "",
                          std::move(owners),     {},    "tester", "test"};
}

// Each item as "customer rule due_by status done-contact".
Lines rate_rows(const RevisitRateReport& r) {
    Lines out;
    for (const RateItem& i : r.items)
        out.push_back(i.customer_id + " " + i.rule_id + " " + i.due_by.str() + " " +
                      rate_status_name(i.status) + " " +
                      (i.done_contact.empty() ? "-" : i.done_contact));
    return out;
}

std::string counts(const RateCount& c) {
    return c.key + " " + std::to_string(c.on_time) + "/" + std::to_string(c.late) + "/" +
           std::to_string(c.missed) + "/" + std::to_string(c.open);
}
Lines counts(const std::vector<RateCount>& groups) {
    Lines out;
    for (const RateCount& c : groups) out.push_back(counts(c));
    return out;
}

}  // namespace

TEST_CASE("report: history shows amendments beside what they supersede") {
    ContactRecord k1 = contact("K000001", "A", "2026-03-03 10:00", "phone", "reached", "王");
    ContactRecord k2 = contact("K000002", "B", "2026-03-04 10:00", "phone", "reached", "李");
    ContactRecord k3 = contact("K000003", "A", "2026-03-02 12:00", "phone", "no-answer", "王");
    ContactRecord k4 = k1;
    k4.id = "K000004";
    k4.outcome = "no-answer";
    k4.amends = "K000001";
    k4.promise = "2026-03-06";
    k4.promise_note = "报价";
    const auto timeline = customer_timeline(kCustomers, {k1, k2, k3, k4}, "A");
    REQUIRE(timeline.size() == 4);
    CHECK(timeline[0].kind == TimelineEntry::Kind::Add);
    CHECK(timeline[0].changes == KeyValues{{"name", "甲"}, {"owners", "王;李"}, {"stage", "new"}});
    CHECK(timeline[1].contact->id == "K000003");
    CHECK(timeline[2].contact->id == "K000001");
    CHECK(timeline[2].superseded_by == "K000004");
    CHECK(timeline[3].contact->id == "K000004");
    CHECK(timeline[3].superseded_by == "");
    CHECK(contact_summary(k4) == "phone no-answer; promise: 2026-03-06 报价");
}

TEST_CASE("report: findings go to every department their kind names") {
    const Policy p = journal_policy();
    const CustomerBook book = book_of(kCustomers);
    ContactRecord q = contact("K000001", "A", "2026-03-03 10:00", "phone", "reached", "王");
    q.finding = "quality";
    q.finding_note = "墙面裂缝";
    ContactRecord s = contact("K000002", "B", "2026-03-04 10:00", "phone", "reached", "李");
    s.finding = "service";
    ContactRecord old = contact("K000003", "B", "2026-03-05 10:00", "phone", "reached", "李");
    old.finding = "price";  // no longer in the rules file
    ContactRecord outside = contact("K000004", "A", "2026-03-09 10:00", "phone", "reached", "王");
    outside.finding = "quality";
    const auto rows =
        route_findings(p, book, {outside, old, s, q}, d("2026-03-01"), d("2026-03-08"));
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].department == "技术质检部");
    CHECK(rows[0].contact_id == "K000001");
    CHECK(rows[0].customer_name == "甲");
    CHECK(rows[0].note == "墙面裂缝");
    CHECK(rows[0].clause == "第十条");
    CHECK(rows[1].department == "生产部");
    CHECK(rows[2].department == "销售部");
    CHECK(rows[1].contact_id == "K000002");
    CHECK(rows[2].contact_id == "K000002");
    CHECK(rows[3].department == kUnroutedDepartment);
    CHECK(count_by_department(rows) ==
          std::vector<std::pair<std::string, int>>{
              {"技术质检部", 1}, {"生产部", 1}, {"销售部", 1}, {"(unrouted)", 1}});
}

// The history of A and B worked by hand (rules above; no holidays):
//   A first  due 03-03  K2 03-03 10:00            on-time
//   B first  due 03-04  K3 03-04 18:00            on-time
//   A every  due 03-06  K4 03-07 (3d after K2)    late
//   B every  due 03-07  K5 03-09 (3d after K3)    late
//   A event  due 03-10  K6 03-11 sms: after the milestone, window closed   missed
//   A every  due 03-10  (3d after K4) K6 is sms, not phone                  missed
//   B event  due 03-10  K5 03-09 any channel counts                         on-time
//   B every  due 03-12  (3d after K5) nothing by 03-12                      missed
// 3 of 8 on time = 37.5%; 王 (A only): 1 of 4; 李 (A and B): 3 of 8.
TEST_CASE("report: revisit rate on a hand-built history") {
    const Policy p = journal_policy();
    const std::vector<ContactRecord> contacts{
        contact("K1", "A", "2026-03-02 10:00", "phone", "no-answer", "王"),
        contact("K2", "A", "2026-03-03 10:00", "phone", "reached", "王"),
        contact("K3", "B", "2026-03-04 18:00", "phone", "reached", "李"),
        contact("K4", "A", "2026-03-07 10:00", "phone", "reached", "王"),
        contact("K5", "B", "2026-03-09 10:00", "phone", "reached", "李"),
        contact("K6", "A", "2026-03-11 10:00", "sms", "reached", "王")};
    const RevisitRateReport r =
        revisit_rate(p, WorkingCalendar(), kCustomers, contacts, d("2026-03-02"), d("2026-03-12"));
    CHECK(r.target == 0.8);
    REQUIRE(r.items.size() == 8);
    auto row = [&](size_t i) {
        const RateItem& it = r.items[i];
        return it.customer_id + " " + it.rule_id + " " + it.due_by.str() + " " +
               it.first_listed.str() + " " + rate_status_name(it.status) + " " +
               (it.done_at ? it.done_at->str() : "-");
    };
    CHECK(row(0) == "A first 2026-03-03 2026-03-02 on-time 2026-03-03 10:00");
    CHECK(row(1) == "B first 2026-03-04 2026-03-03 on-time 2026-03-04 18:00");
    CHECK(row(2) == "A every 2026-03-06 2026-03-06 late 2026-03-07 10:00");
    CHECK(row(3) == "B every 2026-03-07 2026-03-07 late 2026-03-09 10:00");
    CHECK(row(4) == "A event 2026-03-10 2026-03-08 missed 2026-03-11 10:00");
    CHECK(row(5) == "A every 2026-03-10 2026-03-10 missed -");
    CHECK(row(6) == "B event 2026-03-10 2026-03-08 on-time 2026-03-09 10:00");
    CHECK(row(7) == "B every 2026-03-12 2026-03-12 missed -");
    CHECK(r.items[3].done_by == "李");
    CHECK(r.items[3].done_contact == "K5");
    CHECK(r.all.on_time == 3);
    CHECK(r.all.late == 2);
    CHECK(r.all.missed == 3);
    CHECK(r.all.open == 0);
    CHECK(*r.all.rate() == doctest::Approx(0.375));
    CHECK_FALSE(r.meets_target());
    REQUIRE(r.by_staff.size() == 2);
    CHECK(r.by_staff[0].key == "李");
    CHECK(r.by_staff[0].total() == 8);
    CHECK(r.by_staff[0].on_time == 3);
    CHECK(r.by_staff[1].key == "王");
    CHECK(r.by_staff[1].on_time == 1);
    CHECK(r.by_staff[1].late == 1);
    CHECK(r.by_staff[1].missed == 2);
    REQUIRE(r.by_rule.size() == 3);
    CHECK(r.by_rule[0].key == "first");
    CHECK(r.by_rule[0].on_time == 2);
    CHECK(r.by_rule[1].key == "every");
    CHECK(r.by_rule[1].late == 2);
    CHECK(r.by_rule[1].missed == 2);
    CHECK(r.by_rule[2].key == "event");
    CHECK(r.by_rule[2].on_time == 1);
    CHECK(r.by_rule[2].missed == 1);
}

TEST_CASE("report: an item not yet owed by the end of the period is open, not missed") {
    const Policy p = journal_policy();
    const std::vector<ContactRecord> contacts{
        contact("K2", "A", "2026-03-03 10:00", "phone", "reached", "王"),
        contact("K3", "B", "2026-03-04 18:00", "phone", "reached", "李")};
    const RevisitRateReport r =
        revisit_rate(p, WorkingCalendar(), kCustomers, contacts, d("2026-03-02"), d("2026-03-03"));
    REQUIRE(r.items.size() == 2);
    CHECK(r.items[1].status == RateStatus::Open);  // B first, due 03-04: done after the period
    CHECK(r.all.total() == 1);
    CHECK(r.all.open == 1);
    CHECK(*r.all.rate() == 1.0);
    CHECK(r.meets_target());
    // Nothing due at all: no rate, and the target is not failed.
    const RevisitRateReport none =
        revisit_rate(p, WorkingCalendar(), kCustomers, contacts, d("2026-02-01"), d("2026-02-02"));
    CHECK(none.items.empty());
    CHECK_FALSE(none.all.rate().has_value());
    CHECK(none.meets_target());
}

TEST_CASE("report: on time through the due day, late after it, missed when never done by the end") {
    const Policy p = parse_policy(kRateRules, "rules.yaml");
    const std::vector<CustomerRecord> customers{added("A", {"王"}), added("B", {"李"}),
                                                added("C", {"王", "李"}), added("D", {})};
    const std::vector<ContactRecord> contacts{
        contact("K1", "D", "2026-03-02 09:00", "phone", "reached", "赵"),  // the minute D was added
        contact("K2", "C", "2026-03-03 10:00", "phone", "no-answer", "王"),
        contact("K3", "A", "2026-03-03 23:59", "phone", "reached", "王"),  // the last minute
        contact("K4", "B", "2026-03-04 00:00", "phone", "reached", "李"),
        contact("K5", "C", "2026-03-08 00:00", "phone", "reached", "王"),  // greet opens 03-08
        contact("K6", "A", "2026-03-10 20:00", "sms", "reached", "王"),
        contact("K7", "B", "2026-03-11 09:00", "sms", "reached", "李")};  // after the day: missed
    const auto r =
        revisit_rate(p, WorkingCalendar(), customers, contacts, d("2026-03-02"), d("2026-03-12"));
    CHECK(rate_rows(r) == Lines{"A call 2026-03-03 on-time K3", "B call 2026-03-03 late K4",
                                "C call 2026-03-03 late K5", "D call 2026-03-03 on-time K1",
                                "A greet 2026-03-10 on-time K6", "B greet 2026-03-10 missed K7",
                                "C greet 2026-03-10 on-time K5", "D greet 2026-03-10 missed -"});
    CHECK(counts(r.all) == " 4/2/2/0");
    CHECK(*r.all.rate() == doctest::Approx(0.5));
    // An item counts for each owner of its customer; customers without one together.
    CHECK(counts(r.by_staff) == Lines{"(no owner) 1/0/1/0", "李 1/2/1/0", "王 3/1/0/0"});
    CHECK(counts(r.by_rule) == Lines{"call 2/2/0/0", "greet 2/0/2/0"});

    // Ending the period on the due day: what is not done yet is open, not missed.
    const auto first_day =
        revisit_rate(p, WorkingCalendar(), customers, contacts, d("2026-03-02"), d("2026-03-03"));
    CHECK(rate_rows(first_day) == Lines{"A call 2026-03-03 on-time K3",
                                        "B call 2026-03-03 missed -", "C call 2026-03-03 missed -",
                                        "D call 2026-03-03 on-time K1"});
    const auto day_before =
        revisit_rate(p, WorkingCalendar(), customers, contacts, d("2026-03-02"), d("2026-03-02"));
    CHECK(rate_rows(day_before) == Lines{"A call 2026-03-03 open -", "B call 2026-03-03 open -",
                                         "C call 2026-03-03 open -",
                                         "D call 2026-03-03 on-time K1"});
    CHECK(counts(day_before.by_rule) == Lines{"call 1/0/0/3"});
}

TEST_CASE("report: a promise is owed from its date until a later contact that counts") {
    const Policy p = parse_policy(
        "company: x\nchannels: [{id: phone}]\n"
        "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n",
        "rules.yaml");
    ContactRecord promised = contact("K1", "A", "2026-03-02 10:00", "phone", "reached", "王");
    promised.promise = "2026-03-05";
    promised.promise_note = "报价";
    auto rows = [&](std::vector<ContactRecord> later) {
        later.insert(later.begin(), promised);
        return rate_rows(revisit_rate(p, WorkingCalendar(), {added("A", {"王"})}, later,
                                      d("2026-03-01"), d("2026-03-07")));
    };
    CHECK(rows({}) == Lines{"A promise 2026-03-05 missed -"});
    // Answered before the date: never owed.
    CHECK(rows({contact("K2", "A", "2026-03-04 10:00", "phone", "reached", "王")}) == Lines{});
    CHECK(rows({contact("K2", "A", "2026-03-05 09:00", "phone", "reached", "王")}) ==
          Lines{"A promise 2026-03-05 on-time K2"});
    CHECK(rows({contact("K2", "A", "2026-03-05 09:00", "phone", "no-answer", "王"),
                contact("K3", "A", "2026-03-06 09:00", "phone", "reached", "王")}) ==
          Lines{"A promise 2026-03-05 late K3"});
    const auto r = revisit_rate(p, WorkingCalendar(), {added("A", {"王"})}, {promised},
                                d("2026-03-01"), d("2026-03-07"));
    CHECK(counts(r.by_rule) == Lines{"promise 0/0/1/0"});
}

TEST_CASE("report: findings of a period are those of its whole first and last days") {
    const Policy p = journal_policy();
    const CustomerBook book = book_of(kCustomers);
    auto found = [](const char* id, const char* at, const char* kind) {
        ContactRecord r = contact(id, "A", at, "phone", "reached", "王");
        r.finding = kind;
        return r;
    };
    const std::vector<ContactRecord> contacts{
        found("K1", "2026-02-28 23:59", "quality"), found("K2", "2026-03-01 00:00", "quality"),
        found("K3", "2026-03-08 23:59", "service"), found("K4", "2026-03-09 00:00", "quality"),
        found("K5", "2026-03-05 10:00", "")};
    Lines rows;
    for (const RoutedFinding& f :
         route_findings(p, book, contacts, d("2026-03-01"), d("2026-03-08")))
        rows.push_back(f.department + " " + f.contact_id + " " + f.label);
    CHECK(rows == Lines{"技术质检部 K2 产品质量", "生产部 K3 服务", "销售部 K3 服务"});
}

TEST_CASE("report: a timeline holds the customer's updates and contacts, no one else's") {
    CustomerRecord update;
    update.at = t("2026-03-04 09:00");
    update.op = "update";
    update.id = "A";
    update.phone = "13800138000";
    update.set = {{"stage", "old"}};
    update.by = "王";
    update.source = "update-customer";
    const std::vector<CustomerRecord> records{kCustomers[0], kCustomers[1], update};
    const auto timeline = customer_timeline(
        records, {contact("K1", "B", "2026-03-03 10:00", "phone", "reached", "李")}, "A");
    REQUIRE(timeline.size() == 2);
    CHECK(timeline_kind_name(timeline[1].kind) == std::string("update"));
    CHECK(timeline[1].by == "王");
    CHECK(timeline[1].source == "update-customer");
    CHECK(timeline[1].changes == KeyValues{{"phone", "13800138000"}, {"stage", "old"}});
    const auto b = customer_timeline(
        records, {contact("K1", "B", "2026-03-03 10:00", "phone", "reached", "李")}, "B");
    REQUIRE(b.size() == 2);
    CHECK(timeline_kind_name(b[0].kind) == std::string("add"));
    CHECK(timeline_kind_name(b[1].kind) == std::string("contact"));
    CHECK(b[1].by == "李");
}

namespace {

// Every kind of reason: once with a start, weekly, an interval by season, holidays and
// milestones with lead days, promises; and customers whose attributes change by contact.
const std::string kEveryKindRules =
    "company: 测试公司\n"
    "attributes:\n"
    "  grade: {type: enum, values: [A, B]}\n"
    "channels: [{id: visit}, {id: phone}, {id: sms}]\n"
    "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n"
    "milestones:\n"
    "  - {id: open-day, name: 开放日, kind: event, date: 2026-03-10}\n"
    "  - {id: cap, name: 封顶, kind: topping-out, date: 2027-05-20}\n"
    "seasons:\n"
    "  summer: {from: '06-01', to: '08-31'}\n"
    "  rest: {from: '09-01', to: '05-31'}\n"
    "rules:\n"
    "  - {id: call, clause: 一, anchor: created, start: 1d, within: 3d, channel: phone}\n"
    "  - {id: weekly, clause: 二, when: {grade: A}, anchor: created, every: weekly,\n"
    "     channel: phone}\n"
    "  - {id: season, clause: 三, anchor: created, every: {summer: 2w, rest: monthly},\n"
    "     channel: phone}\n"
    "  - {id: greet, clause: 四, on: holidays, days_before: 3, channel: sms}\n"
    "  - {id: event, clause: 五, on: milestones, days_before: 2, channel: sms}\n";

WorkingCalendar holidays_2026_2027() {
    auto days = [](const char* first, int n) {
        std::vector<Date> out;
        for (int i = 0; i < n; ++i) out.push_back(d(first).add_days(i));
        return out;
    };
    return WorkingCalendar({{"中秋节", days("2026-09-25", 3), {}},
                            {"国庆节", days("2026-10-01", 7), {}},
                            {"元旦", days("2027-01-01", 1), {}},
                            {"春节", days("2027-02-06", 8), {}}},
                           {2026, 2027});
}

struct EveryKind {
    Policy policy = parse_policy(kEveryKindRules, "rules.yaml");
    WorkingCalendar calendar = holidays_2026_2027();
    std::vector<CustomerRecord> customers;
    std::vector<ContactRecord> contacts;
    EveryKind() {
        CustomerRecord a = added("A", {"王"});
        a.set = {{"grade", "A"}};
        CustomerRecord b = added("B", {"李"});
        b.at = t("2026-05-20 09:00");
        customers = {a, b};
        ContactRecord promised = contact("K1", "B", "2026-05-21 10:00", "phone", "no-answer", "李");
        promised.promise = "2026-06-15";
        ContactRecord graded = contact("K3", "B", "2026-07-01 10:00", "visit", "reached", "李");
        graded.set = {{"grade", "A"}};
        contacts = {contact("K0", "A", "2026-03-04 10:00", "phone", "reached", "王"), promised,
                    contact("K2", "A", "2026-06-20 10:00", "phone", "reached", "王"), graded,
                    contact("K4", "A", "2026-09-23 10:00", "sms", "reached", "王")};
    }
    RevisitRateReport report(const char* from, const char* to) const {
        return revisit_rate(policy, calendar, customers, contacts, d(from), d(to));
    }
};

// Each item as "customer rule due_by first_listed owners".
Lines listed(const RevisitRateReport& r) {
    Lines out;
    for (const RateItem& i : r.items)
        out.push_back(i.customer_id + " " + i.rule_id + " " + i.due_by.str() + " " +
                      i.first_listed.str() + " " + join(i.owners, ";"));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("report: a long period lists what every one of its days lists, first on its first day") {
    const EveryKind k;
    // The list of each day alone, as a one-day report gives it: the reference.
    std::map<std::string, std::string> first;  // "customer rule due_by" -> its first day
    const Date from = d("2026-02-01"), to = d("2027-12-31");
    for (Date day = from; day <= to; day = day.add_days(1))
        for (const RateItem& i : k.report(day.str().c_str(), day.str().c_str()).items)
            first.emplace(i.customer_id + " " + i.rule_id + " " + i.due_by.str(),
                          day.str() + " " + join(i.owners, ";"));
    Lines expected;
    for (const auto& [key, day] : first) expected.push_back(key + " " + day);
    std::sort(expected.begin(), expected.end());
    const Lines got = listed(k.report("2026-02-01", "2027-12-31"));
    CHECK(got == expected);
    // Each kind is there: greetings in their windows, the season's intervals, the promise.
    for (const char* item :
         {"A event 2026-03-10 2026-03-08 王", "A greet 2026-09-25 2026-09-22 王",
          "B promise 2026-06-15 2026-06-15 李", "B weekly 2026-07-08 2026-07-08 李",
          "A season 2026-07-04 2026-07-04 王", "B event 2027-05-20 2027-05-18 李"}) {
        CAPTURE(item);
        CHECK(std::find(got.begin(), got.end(), item) != got.end());
    }
}

TEST_CASE("report: the cost of a period follows its records, not its length") {
    const EveryKind k;
    // Nothing happens before the first record or after the last greeting: 1970 to 9999 lists
    // the same items as the two years around the records (and returns at once).
    const auto all_time = k.report("1970-01-01", "9999-12-31");
    CHECK(listed(all_time) == listed(k.report("2026-02-01", "2027-12-31")));
    CHECK(all_time.all.open == 0);  // everything was owed by 9999
    CHECK(rate_rows(k.report("1970-01-01", "2026-03-03")) == Lines{"A call 2026-03-05 open -"});
}
