// lib/schedule/due.h, the call list: one line per customer merging its reasons on the
// strongest channel, the attempts shown with it, its SMS text, and the order of the lines.
// tests/unit/test_schedule.cpp tests the reasons rule kind by rule kind.

#include <doctest/doctest.h>

#include "calendar/working_calendar.h"
#include "journal_sample.h"
#include "policy/policy_loader.h"
#include "schedule/call_list.h"
#include "schedule/due.h"

using namespace revisit;
using namespace revisit::test;

namespace {

const std::string kHead =
    "company: 测试公司\n"
    "attributes:\n"
    "  grade: {type: enum, values: [A, B]}\n"
    "  key: {type: bool}\n"
    "  salutation: {type: text}\n"
    "channels: [{id: visit}, {id: phone}, {id: sms}]\n"
    "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n"
    "call_windows: ['10:00-11:30', '15:30-17:00']\n"
    "variables: {hotline: 400-000-0000}\n"
    "templates:\n"
    "  note: \"{salutation}，{reason}。热线{hotline}\"\n";

Policy with(const std::string& rules) {
    return parse_policy(kHead + "rules:\n" + rules, "rules.yaml");
}

CustomerRecord add(const char* at, const std::string& id, KeyValues set,
                   std::vector<std::string> owners = {"王"}) {
    return CustomerRecord{t(at),          "add",    id,    id, "", std::move(owners),
                          std::move(set), "tester", "test"};
}

// Each line of the list as "id channel due_by +overdue pPRIORITY: rule rule ...".
Lines list_of(const std::vector<DueItem>& items) {
    Lines out;
    for (const DueItem& i : items) {
        std::string line = i.customer->id + " " + i.channel + " " + i.due_by.str() + " +" +
                           std::to_string(i.days_overdue) + " p" + std::to_string(i.priority) + ":";
        for (const DueReason& r : i.reasons) line += " " + r.rule_id;
        out.push_back(line);
    }
    return out;
}

}  // namespace

TEST_CASE("schedule: a customer's reasons merge into one line on the strongest channel") {
    const Policy p = with(
        "  - {id: text, clause: 一, reason: 请留意新品, anchor: created, within: 2d,\n"
        "     channel: sms, template: note, priority: 90}\n"
        "  - {id: call, clause: 二, unless: {grade: B}, anchor: created, within: 0d,\n"
        "     channel: phone, priority: 10}\n"
        "  - {id: visit, clause: 三, unless: {grade: B}, anchor: created, every: 1d,\n"
        "     channel: visit, priority: 20}\n");
    const CustomerBook book =
        book_of({add("2026-03-02 09:00", "A", {}),
                 add("2026-03-02 09:00", "B", {{"grade", "B"}, {"salutation", "王先生"}})});
    const auto items =
        due_items(p, WorkingCalendar(), book, std::vector<CustomerHistory>(2), d("2026-03-03"));
    // A: the earliest due-by, the largest overdue and priority; reasons most overdue first,
    // then by priority.
    CHECK(list_of(items) ==
          Lines{"A visit 2026-03-02 +1 p90: call text visit", "B sms 2026-03-04 +0 p90: text"});
    REQUIRE(items.size() == 2);
    CHECK(items[0].call_window == "10:00-11:30 15:30-17:00");
    CHECK(items[0].message == "");
    CHECK(items[1].call_window == "");
    CHECK(items[1].message == "王先生您好，请留意新品。热线400-000-0000");

    // Reasons computed elsewhere join the customer's line, or make one.
    DueReason complaint;
    complaint.rule_id = "complaint";
    complaint.channel = "phone";
    complaint.due_by = d("2026-03-01");
    complaint.days_overdue = 2;
    const ExtraReasons extra{{"B", {complaint}}};
    CHECK(list_of(due_items(p, WorkingCalendar(), book, std::vector<CustomerHistory>(2),
                            d("2026-03-03"), "", &extra)) ==
          Lines{"B phone 2026-03-01 +2 p90: complaint text",
                "A visit 2026-03-02 +1 p90: call text visit"});
}

TEST_CASE("schedule: render_message fills every placeholder; no salutation is 尊敬的贵宾") {
    const Policy p = parse_policy(kHead, "rules.yaml");
    const std::string text =
        "{salutation}|{name}|{owner}|{holiday}|{milestone}|{date}|{reason}|{company}|{hotline}|"
        "{unknown}|{{name}}|{";
    Customer c = customer_at("2026-03-01 09:00");
    DueReason r;
    r.reason = "答复";
    r.due_by = d("2026-03-05");
    CHECK(render_message(p, text, c, r) ==
          "尊敬的贵宾|张三|王|||2026-03-05|答复|测试公司|400-000-0000|{unknown}|{张三}|{");
    c = customer_at("2026-03-01 09:00", {{"salutation", "王先生"}});
    c.owners.clear();
    r.event_name = "国庆节";
    r.event_date = d("2026-10-01");
    CHECK(
        render_message(p, text, c, r) ==
        "王先生您好|张三||国庆节|国庆节|2026-10-01|答复|测试公司|400-000-0000|{unknown}|{张三}|{");
}

TEST_CASE("schedule: the list runs by days overdue, then priority, then due-by, then id") {
    const Policy p = with(
        "  - {id: low, clause: 一, when: {grade: A}, anchor: created, within: 0d, channel: phone}\n"
        "  - {id: high, clause: 二, when: {grade: B}, anchor: created, within: 0d,\n"
        "     channel: phone, priority: 5}\n"
        "  - {id: later, clause: 三, when: {key: 'yes'}, anchor: created, within: 9d,\n"
        "     channel: phone, priority: 5}\n");
    const CustomerBook book =
        book_of({add("2026-03-09 09:00", "B", {{"key", "yes"}}),
                 add("2026-03-10 09:00", "G", {{"grade", "B"}}),
                 add("2026-03-08 09:00", "E", {{"grade", "A"}}),
                 add("2026-03-10 09:00", "A", {{"grade", "B"}}),
                 add("2026-03-05 09:00", "F", {{"key", "yes"}}),
                 add("2026-03-11 09:00", "H", {{"grade", "A"}}),  // not yet added
                 add("2026-03-09 09:00", "C", {{"grade", "A"}}),
                 add("2026-03-09 09:00", "D", {{"grade", "B"}}, {"赵"}),
                 add("2026-03-10 09:00", "I", {{"grade", "A"}})});
    const std::vector<CustomerHistory> none(book.size());
    CHECK(list_of(due_items(p, WorkingCalendar(), book, none, d("2026-03-10"))) ==
          Lines{"E phone 2026-03-08 +2 p0: low", "D phone 2026-03-09 +1 p5: high",
                "C phone 2026-03-09 +1 p0: low", "A phone 2026-03-10 +0 p5: high",
                "G phone 2026-03-10 +0 p5: high", "F phone 2026-03-14 +0 p5: later",
                "B phone 2026-03-18 +0 p5: later", "I phone 2026-03-10 +0 p0: low"});
    // `staff` keeps that owner's customers.
    CHECK(list_of(due_items(p, WorkingCalendar(), book, none, d("2026-03-10"), "赵")) ==
          Lines{"D phone 2026-03-09 +1 p5: high"});
    CHECK(due_items(p, WorkingCalendar(), book, none, d("2026-03-10"), "钱").empty());
}

TEST_CASE("schedule: attempts are contacts since a reason fell due that did not satisfy it") {
    const Policy p = with(
        "  - {id: every, clause: 一, anchor: created, every: 3d, channel: phone,\n"
        "     satisfied_by: {channels: [phone]}}\n");
    const CustomerBook book = book_of({add("2026-03-02 09:00", "A", {})});
    std::vector<CustomerHistory> h(1);
    h[0].contacts = {fact(p, "2026-03-03 10:00", "phone", "reached", 1),    // restarts: due 03-06
                     fact(p, "2026-03-05 10:00", "phone", "no-answer", 2),  // before 03-06
                     fact(p, "2026-03-06 09:00", "sms", "reached", 3),      // not by phone
                     fact(p, "2026-03-07 10:00", "phone", "no-answer", 4),
                     fact(p, "2026-03-07 11:00", "letter", "reached", 5),    // channel unknown
                     fact(p, "2026-03-09 10:00", "phone", "no-answer", 6)};  // after today
    const auto items = due_items(p, WorkingCalendar(), book, h, d("2026-03-08"));
    CHECK(list_of(items) == Lines{"A phone 2026-03-06 +2 p0: every"});
    REQUIRE(items.size() == 1);
    Lines attempts;
    for (const Attempt& a : items[0].attempts)
        attempts.push_back(a.at.str() + " " + a.channel + " " + a.outcome);
    CHECK(attempts == Lines{"2026-03-06 09:00 sms reached", "2026-03-07 10:00 phone no-answer",
                            "2026-03-07 11:00  reached"});
}

TEST_CASE("schedule: the list shows attempts since the item became due") {
    const Policy p = journal_policy();
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

namespace {

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

}  // namespace

TEST_CASE("schedule: due gives the same list with names resolved, unresolved or stale") {
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
        for (const std::string& line : due_lines(journal_policy(), book, contacts, day))
            CHECK(line.find("[]") != std::string::npos);
        CHECK(due_lines(resolved, book, contacts, day) == expected);
    }
}

TEST_CASE("schedule: a history is sorted by time, contacts at the same time kept in order") {
    const Policy p = journal_policy();
    for (size_t n : {5, 32, 33, 100}) {
        CustomerHistory h;
        for (size_t i = 0; i < n; ++i) {
            // Contact K<i+1>, descending, two contacts at each time.
            ContactFact c =
                fact(p, "2026-03-02 10:00", "phone", "reached", static_cast<uint32_t>(i + 1));
            c.at = c.at.add_minutes(static_cast<long>((n - i) / 2));
            h.contacts.push_back(c);
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

TEST_CASE("schedule: the call list says whether --staff owns anyone, and else who does") {
    const Policy p = journal_policy();
    const WorkingCalendar calendar;
    const DuePlan plan(p, calendar);
    const CustomerBook book = book_of(kCustomers);  // A (王, 李), B (李)
    const auto histories = build_histories(p, book, {});
    auto listed = [&](const std::string& staff, const std::string& customer, const char* day) {
        BookSource source(book, histories);
        CallListOptions options;
        options.due.staff = staff;
        options.due.explain = false;
        options.customer = customer;
        return build_call_list(plan, source, d(day), options, nullptr);
    };
    // Known with nothing due (before anyone was added), or owning only another customer.
    CallList known = listed("李", "", "2026-03-01");
    CHECK(known.items().empty());
    CHECK(known.staff_seen());
    CHECK(known.owners_seen().empty());
    CHECK(listed("王", "B", "2026-03-03").staff_seen());
    CHECK(listed("王", "", "2026-03-03").items().size() == 1);
    const CallList unknown = listed("张", "", "2026-03-03");
    CHECK_FALSE(unknown.staff_seen());
    CHECK(unknown.items().empty());
    CHECK(unknown.owners_seen() == Lines{"李", "王"});
    CHECK_FALSE(listed("", "", "2026-03-03").staff_seen());
    CHECK(listed("", "", "2026-03-03").owners_seen().empty());
}

TEST_CASE("schedule: an unknown staff name gets did-you-mean, else the names known") {
    CHECK(unknown_staff_message("--staff", "wangfan", "owns no customer", {"lisi", "wangfang"}) ==
          "--staff \"wangfan\" owns no customer (did you mean \"wangfang\"?)");
    CHECK(unknown_staff_message("--staff", "不存在", "owns no customer", {"王芳", "李娜"}) ==
          "--staff \"不存在\" owns no customer; known: \"李娜\", \"王芳\"");
    CHECK(unknown_staff_message("--owner", "x", "owns nothing", {}) ==
          "--owner \"x\" owns nothing");
    std::vector<std::string> many;
    for (char c = 'a'; c <= 'l'; ++c) many.push_back(std::string(4, c));
    CHECK(unknown_staff_message("--staff", "zz", "owns no customer", many) ==
          "--staff \"zz\" owns no customer; known: \"aaaa\", \"bbbb\", \"cccc\", \"dddd\", "
          "\"eeee\", \"ffff\", \"gggg\", \"hhhh\", \"iiii\", \"jjjj\" and 2 more");
}
