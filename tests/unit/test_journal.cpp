// The revisit journal (lib/model/contact_edit, lib/policy/finding_policy, lib/report):
// amendments, findings and their routing, the revisit rate on a history worked by hand.

#include <doctest/doctest.h>

#include "calendar/working_calendar.h"
#include "csv/csv.h"
#include "model/contact.h"
#include "model/contact_edit.h"
#include "policy/policy_loader.h"
#include "report/findings.h"
#include "report/history.h"
#include "report/revisit_rate.h"
#include "schedule/due.h"
#include "util/error.h"

using namespace revisit;

namespace {

using Lines = std::vector<std::string>;

DateTime t(const char* text) { return DateTime::parse(text).value(); }
Date d(const char* text) { return Date::parse(text).value(); }

// Lines 1-14; rules start on line 15.
const std::string kRules =
    "company: 测试公司\n"                                                    // 1
    "attributes:\n"                                                          // 2
    "  stage: {type: enum, values: [new, old], required: true}\n"            // 3
    "channels: [{id: visit, requires: [signature]}, {id: phone}, {id: sms}]\n"  // 4
    "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n"             // 5
    "milestones: [{id: open-day, name: 开放日, kind: event, date: 2026-03-10}]\n"  // 6
    "findings:\n"                                                            // 7
    "  quality: {label: 产品质量, departments: [技术质检部], clause: 第十条}\n"  // 8
    "  service: {label: 服务, departments: [生产部, 销售部], clause: 第十条}\n"  // 9
    "revisit_rate: {target: 0.8, clause: '4.4'}\n"                           // 10
    "rules:\n"                                                               // 11
    "  - {id: first, clause: 一, when: {stage: new}, anchor: created, within: 1d, channel: phone,\n"  // 12
    "     satisfied_by: {channels: [phone]}}\n"                              // 13
    "  - {id: every, clause: 二, when: {stage: new}, anchor: 'rule:first', every: 3d,\n"  // 14
    "     channel: phone, satisfied_by: {channels: [phone]}}\n"              // 15
    "  - {id: event, clause: 三, when: {stage: new}, on: milestones, days_before: 2, channel: sms}\n";  // 16

Policy policy() { return parse_policy(kRules, "rules.yaml"); }

CustomerRecord add(const char* at, const std::string& id, const std::string& name,
                   std::vector<std::string> owners) {
    return CustomerRecord{t(at), "add", id, name, "", std::move(owners), {{"stage", "new"}}, "tester", "test"};
}

ContactRecord contact(const std::string& id, const std::string& customer, const char* at,
                      const std::string& channel, const std::string& outcome, const std::string& staff) {
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

CustomerBook book_of(const std::vector<CustomerRecord>& records) {
    CustomerBook book;
    for (const auto& r : records) REQUIRE(book.apply(r) == "");
    return book;
}

// A (王, 李) from 03-02 09:00 and B (李) from 03-03 09:00.
const std::vector<CustomerRecord> kCustomers{add("2026-03-02 09:00", "A", "甲", {"王", "李"}),
                                              add("2026-03-03 09:00", "B", "乙", {"李"})};

ContactInput typed(const std::string& customer, const std::string& channel, const std::string& outcome) {
    ContactInput in;
    in.customer = customer;
    in.channel = channel;
    in.outcome = outcome;
    in.staff = "王";
    in.at = t("2026-03-05 10:00");
    in.now = t("2026-03-05 10:05");
    return in;
}

}  // namespace

TEST_CASE("journal: findings and revisit_rate load, with every mistake located") {
    const Policy p = policy();
    REQUIRE(p.findings.ids() == Lines{"quality", "service"});
    CHECK(p.findings.kind("service")->departments == Lines{"生产部", "销售部"});
    CHECK(p.findings.kind("quality")->label == "产品质量");
    CHECK(p.revisit_rate.target == 0.8);
    CHECK(p.revisit_rate.clause == "4.4");
    CHECK(parse_policy("company: x\n", "r.yaml").revisit_rate.target == 0.9);

    const std::string head = "company: x\n";
    CHECK(check_policy(head + "findings:\n  quality: {departments: [], lable: x}\n", "r.yaml") ==
          Lines{"r.yaml:3:26: finding \"quality\" is routed to no department",
                "r.yaml:3:30: unknown key \"lable\" in finding \"quality\"; allowed: departments, label, clause"});
    CHECK(check_policy(head + "findings:\n  quality: {label: x}\n", "r.yaml") ==
          Lines{"r.yaml:3:12: finding \"quality\" needs \"departments\""});
    CHECK(check_policy(head + "findings: [quality]\n", "r.yaml") ==
          Lines{"r.yaml:2:11: expected findings: kind -> {departments, label, clause} (a map of key: value), got a list"});
    CHECK(check_policy(head + "revisit_rate: {target: 90}\n", "r.yaml") ==
          Lines{"r.yaml:2:24: 90 is out of range: expected 0 to 1"});
}

TEST_CASE("journal: a finding is checked against the rules file") {
    const Policy p = policy();
    const CustomerBook book = book_of(kCustomers);
    std::vector<std::string> problems;
    ContactInput in = typed("A", "phone", "reached");
    in.finding = "quality";
    in.finding_note = "墙面裂缝";
    const ContactRecord r = make_contact_record(p, book, in, problems);
    CHECK(problems.empty());
    CHECK(r.finding == "quality");
    CHECK(r.finding_note == "墙面裂缝");

    in.finding = "qualty";
    make_contact_record(p, book, in, problems);
    CHECK(problems == Lines{"unknown finding \"qualty\" (did you mean \"quality\"?); allowed: quality, service"});

    problems.clear();
    in.finding = "";
    make_contact_record(p, book, in, problems);
    CHECK(problems == Lines{"--finding-note goes with --finding KIND"});

    problems.clear();
    in.finding = "quality";
    make_contact_record(parse_policy("company: x\nchannels: [{id: phone}]\noutcomes: [{id: reached}]\n", "r.yaml"),
                        book, in, problems);
    CHECK(problems == Lines{"unknown finding \"quality\": the rules file declares no findings (add a \"findings:\" section)"});
}

TEST_CASE("journal: missing and unknown fields are all reported") {
    const Policy p = policy();
    std::vector<std::string> problems;
    ContactInput in;
    in.at = in.now = t("2026-03-05 10:00");
    make_contact_record(p, book_of(kCustomers), in, problems);
    CHECK(problems == Lines{"missing CUSTOMER: the id of the customer contacted (or --amend RECORD_ID)",
                            "missing --channel; allowed: visit, phone, sms",
                            "missing --outcome; allowed: reached, no-answer",
                            "a contact names the staff member who made it (--staff)"});
    problems.clear();
    in = typed("A", "visit", "reached");
    in.at = t("2026-03-05 10:20");  // 15 minutes after "now": more than the 10 allowed
    make_contact_record(p, book_of(kCustomers), in, problems);
    CHECK(problems == Lines{"a visit record needs --signature",
                            "--at 2026-03-05 10:20 is in the future (now 2026-03-05 10:05)"});
}

TEST_CASE("journal: an amendment copies the record, changes what is given, and supersedes it") {
    const Policy p = policy();
    const CustomerBook book = book_of(kCustomers);
    ContactRecord original = contact("K000001", "A", "2026-03-03 10:00", "phone", "reached", "王");
    original.note = "有意向";
    original.set = {{"stage", "old"}};
    std::vector<ContactRecord> journal{original};

    std::vector<std::string> problems;
    ContactInput in;
    in.outcome = "no-answer";
    in.now = t("2026-03-05 09:00");
    const ContactRecord amendment =
        make_amendment(p, book, find_amend_target(journal, "K000001"), in, {"outcome"}, problems);
    REQUIRE(problems.empty());
    CHECK(amendment.amends == "K000001");
    CHECK(amendment.customer == "A");  // taken from the amended record
    CHECK(amendment.at == original.at);
    CHECK(amendment.outcome == "no-answer");
    CHECK(amendment.channel == "phone");
    CHECK(amendment.staff == "王");
    CHECK(amendment.note == "有意向");
    CHECK(amendment.set == KeyValues{{"stage", "old"}});
    CHECK(amendment.logged_at == t("2026-03-05 09:00"));

    ContactRecord k2 = amendment;
    k2.id = "K000002";
    journal.push_back(k2);
    CHECK(effective_contacts(journal).size() == 1);
    CHECK(effective_contacts(journal)[0].id == "K000002");

    // Already amended: says by which record; unknown ids; another customer; no change.
    problems.clear();
    make_amendment(p, book, find_amend_target(journal, "K000001"), in, {"outcome"}, problems);
    CHECK(problems == Lines{"--amend K000001: record K000001 was already amended by K000002; amend K000002 instead"});
    problems.clear();
    make_amendment(p, book, find_amend_target(journal, "K000009"), in, {"outcome"}, problems);
    CHECK(problems == Lines{"--amend K000009: the journal has no contact record \"K000009\""});
    problems.clear();
    in.customer = "B";
    make_amendment(p, book, find_amend_target(journal, "K000002"), in, {"customer", "outcome"}, problems);
    CHECK(problems == Lines{"--amend K000002: record K000002 is for customer A, not B"});
    problems.clear();
    in.customer = "A";
    make_amendment(p, book, find_amend_target(journal, "K000002"), in, {"customer", "outcome"}, problems);
    CHECK(problems == Lines{"--amend K000002: nothing to change: every given value is already that of record K000002"});

    // A chain: the amendment of an amendment leaves only the last one effective.
    problems.clear();
    in.note = "";
    const ContactRecord k3 = make_amendment(p, book, find_amend_target(journal, "K000002"), in,
                                            {"note"}, problems);
    REQUIRE(problems.empty());
    CHECK(k3.note.empty());
    CHECK(k3.amends == "K000002");
    journal.push_back(k3);
    journal.back().id = "K000003";
    CHECK(effective_contacts(journal).size() == 1);
    CHECK(effective_contacts(journal)[0].id == "K000003");
}

TEST_CASE("journal: history shows amendments beside what they supersede") {
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

TEST_CASE("journal: findings go to every department their kind names") {
    const Policy p = policy();
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
    const auto rows = route_findings(p, book, {outside, old, s, q}, d("2026-03-01"), d("2026-03-08"));
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
          std::vector<std::pair<std::string, int>>{{"技术质检部", 1}, {"生产部", 1}, {"销售部", 1}, {"(unrouted)", 1}});
}

TEST_CASE("journal: the list shows attempts since the item became due") {
    const Policy p = policy();
    const CustomerBook book = book_of(kCustomers);
    const std::vector<ContactRecord> contacts{
        contact("K1", "A", "2026-03-02 08:00", "phone", "no-answer", "王"),  // before A was added
        contact("K2", "A", "2026-03-02 10:00", "phone", "no-answer", "王"),
        contact("K3", "A", "2026-03-02 15:00", "sms", "reached", "王"),       // not by phone
        contact("K4", "A", "2026-03-04 15:00", "phone", "no-answer", "王")};  // after "today"
    const auto histories = build_histories(p, book, contacts);
    const auto items = due_items(p, WorkingCalendar(), book, histories, d("2026-03-03"));
    REQUIRE(items.size() == 2);
    REQUIRE(items[0].customer->id == "A");
    REQUIRE(items[0].attempts.size() == 2);
    CHECK(items[0].attempts[0].at == t("2026-03-02 10:00"));
    CHECK(items[0].attempts[1].channel == "sms");
    CHECK(items[0].attempts[1].outcome == "reached");
    CHECK(items[1].attempts.empty());
}

// Two attributes besides stage, a bool that counts as "no" when unset, a restraint and a
// rule: anchor: the scheduler's name lookups (Policy::resolve_names) all have work to do.
const std::string kIndexedRules =
    "company: 测试公司\n"
    "attributes:\n"
    "  stage: {type: enum, values: [new, old], required: true}\n"
    "  grade: {type: enum, values: [A, B]}\n"
    "  key: {type: bool}\n"
    "channels: [{id: visit, requires: [signature]}, {id: phone}, {id: sms}]\n"
    "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n"
    "call_windows: ['10:00-11:30', '15:30-17:00']\n"
    "restraints: [{when: {key: 'yes'}, factor: 2}]\n"
    "rules:\n"
    "  - {id: first, clause: 一, when: {stage: new}, unless: {grade: B}, anchor: created,\n"
    "     within: 1d, channel: phone}\n"
    "  - {id: every, clause: 二, when: {stage: new, key: 'no'}, anchor: 'rule:first',\n"
    "     every: 3d, channel: phone}\n"
    "  - {id: keyed, clause: 三, when: {key: 'yes'}, anchor: created, every: 2d, channel: visit}\n";

// Each item of the list on `day`, as one line.
Lines due_lines(const Policy& p, const CustomerBook& book,
                const std::vector<ContactRecord>& contacts, const char* day) {
    Lines out;
    const auto histories = build_histories(p, book, contacts);
    for (const DueItem& i : due_items(p, WorkingCalendar(), book, histories, d(day))) {
        std::string line =
            i.customer->id + " " + i.channel + " " + i.due_by.str() + " [" + i.call_window + "]";
        for (const DueReason& r : i.reasons) line += " " + r.rule_id + ":" + r.due_by.str();
        line += " attempts " + std::to_string(i.attempts.size());
        out.push_back(line);
    }
    return out;
}

TEST_CASE("journal: due gives the same list with names resolved, unresolved or stale") {
    auto customer = [](const char* at, const std::string& id, KeyValues set) {
        return CustomerRecord{t(at), "add", id, id, "", {"王"}, std::move(set), "tester", "test"};
    };
    const CustomerBook book =
        book_of({customer("2026-03-02 09:00", "A", {{"stage", "new"}, {"grade", "A"}}),
                 customer("2026-03-02 09:00", "B", {{"stage", "new"}, {"grade", "B"}}),
                 customer("2026-03-02 09:00", "C", {{"stage", "new"}, {"key", "yes"}}),
                 customer("2026-03-02 09:00", "D", {{"stage", "old"}, {"grade", "A"}})});
    const std::vector<ContactRecord> contacts{
        contact("K1", "A", "2026-03-02 10:00", "phone", "reached", "王"),
        contact("K2", "B", "2026-03-03 10:00", "phone", "no-answer", "王"),
        contact("K3", "C", "2026-03-04 10:00", "visit", "reached", "王"),
        contact("K4", "A", "2026-03-06 10:00", "phone", "no-answer", "王")};
    const Policy resolved = parse_policy(kIndexedRules, "rules.yaml");
    Policy unresolved = resolved;
    for (Rule& r : unresolved.rules) {
        r.when.attribute_index.clear();
        r.unless.attribute_index.clear();
        r.anchor.rule_index = -1;
    }
    for (Restraint& r : unresolved.restraints) r.when.attribute_index.clear();
    // Changed by hand after loading: every attribute and rule index now names another one.
    Policy stale = resolved;
    AttributeSpec source;
    source.key = "source";
    stale.attributes.insert(stale.attributes.begin(), source);
    Rule never;
    never.id = "never";
    never.when.conditions = {{"source", {"x"}}};
    never.channel = "phone";
    stale.rules.insert(stale.rules.begin(), never);

    // A: first done by K1, every 3d after it; C: keyed every 2d, doubled by the restraint.
    CHECK(due_lines(resolved, book, contacts, "2026-03-09") ==
          Lines{"A phone 2026-03-05 [10:00-11:30 15:30-17:00] every:2026-03-05 attempts 1",
                "C visit 2026-03-08 [10:00-11:30 15:30-17:00] keyed:2026-03-08 attempts 0"});
    for (const char* day : {"2026-03-06", "2026-03-09", "2026-03-20"}) {
        const std::string shown = day;
        CAPTURE(shown);
        const Lines expected = due_lines(resolved, book, contacts, day);
        CHECK_FALSE(expected.empty());
        CHECK(due_lines(unresolved, book, contacts, day) == expected);
        CHECK(due_lines(stale, book, contacts, day) == expected);
        // A rules file without call windows in between: its lines have none.
        for (const std::string& line : due_lines(policy(), book, contacts, day))
            CHECK(line.find("[]") != std::string::npos);
        CHECK(due_lines(resolved, book, contacts, day) == expected);
    }
}

TEST_CASE("journal: a history is sorted by time, contacts at the same time kept in order") {
    const Policy p = policy();
    for (size_t n : {5, 32, 33, 100}) {
        CustomerHistory h;
        for (size_t i = 0; i < n; ++i) {
            ContactRecord r = contact("K" + std::to_string(i + 1), "A", "2026-03-02 10:00", "phone",
                                      "reached", "王");
            // Descending, two contacts at each time.
            r.at = t("2026-03-02 10:00").add_minutes(static_cast<long>((n - i) / 2));
            add_contact(p, h, r);
        }
        finish_history(p, h);
        REQUIRE(h.contacts.size() == n);
        for (size_t i = 1; i < n; ++i) {
            CAPTURE(n);
            CAPTURE(i);
            CHECK(h.contacts[i - 1].at <= h.contacts[i].at);
            if (h.contacts[i - 1].at == h.contacts[i].at)
                CHECK(h.contacts[i - 1].record < h.contacts[i].record);
        }
    }
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
TEST_CASE("journal: revisit rate on a hand-built history") {
    const Policy p = policy();
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
        return it.customer_id + " " + it.rule_id + " " + it.due_by.str() + " " + it.first_listed.str() +
               " " + rate_status_name(it.status) + " " + (it.done_at ? it.done_at->str() : "-");
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

TEST_CASE("journal: an item not yet owed by the end of the period is open, not missed") {
    const Policy p = policy();
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

TEST_CASE("journal: the amended record is found streaming, decoding only its rows") {
    ContactRecord k1 = contact("K000001", "A", "2026-03-03 10:00", "phone", "reached", "王");
    k1.note = "多行\n备注, \"引号\"";
    ContactRecord k2 = contact("K000002", "B", "2026-03-04 10:00", "phone", "reached", "李");
    ContactRecord k3 = k1;
    k3.id = "K000003";
    k3.amends = "K000001";
    std::string text = csv_line(contact_columns());
    for (const auto& r : {k1, k2, k3}) text += csv_line(contact_record_fields(r));
    auto scan = [&](const std::string& journal, const std::string& id) {
        AmendTargetScan s(id, "contacts.csv");
        for (const auto& r : parse_csv(journal, "contacts.csv")) s.feed(r);
        return s.target();
    };
    const AmendTarget t1 = scan(text, "K000001");
    REQUIRE(t1.original.has_value());
    CHECK(t1.original->note == k1.note);
    CHECK(t1.amended_by == "K000003");
    const AmendTarget t2 = scan(text, "K000002");
    CHECK(t2.original->customer == "B");
    CHECK(t2.amended_by == "");
    CHECK_FALSE(scan(text, "K000009").original.has_value());
    // A damaged row is reported even when it is not the one looked for.
    CHECK_THROWS_WITH(scan(text + "K000004,2026-03-05 10:00\n", "K000001"),
                      "contacts.csv:7: expected 15 fields as in the header, found 2");
}
