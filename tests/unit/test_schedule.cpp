// lib/schedule/due.h, rule by rule: which reasons one customer is due for on a day, at the
// boundary dates of each rule kind (once, every, holidays, milestones, promises) and of the
// conditions around them (when/unless, seasons, restraints, project occupancy).
// tests/unit/test_schedule_list.cpp tests the call list made of them.

#include <doctest/doctest.h>

#include "calendar/working_calendar.h"
#include "journal_sample.h"
#include "policy/policy_loader.h"
#include "schedule/due.h"

using namespace revisit;
using namespace revisit::test;

namespace {

// The attributes, channels and outcomes of every policy below; each test adds its rules.
const std::string kHead =
    "company: 测试公司\n"
    "attributes:\n"
    "  stage: {type: enum, values: [call-in, visitor, closed]}\n"
    "  grade: {type: enum, values: [A, B]}\n"
    "  key: {type: bool}\n"
    "  dislikes-calls: {type: bool}\n"
    "  handover: {type: date}\n"
    "  project: {type: text}\n"
    "channels: [{id: visit}, {id: phone}, {id: sms}]\n"
    "outcomes:\n"
    "  - {id: reached, counts: true}\n"
    "  - {id: sent, counts: true}\n"
    "  - {id: message-left}\n"
    "  - {id: no-answer}\n";

Policy with(const std::string& yaml) { return parse_policy(kHead + yaml, "rules.yaml"); }

// Each reason `c` is due for on `day`, as "rule channel due_by", with " +N" days overdue.
Lines due_on(const Policy& p, const WorkingCalendar& cal, const Customer& c,
             const CustomerHistory& h, const char* day) {
    Lines out;
    for (const DueReason& r : due_reasons(p, cal, c, h, d(day))) {
        std::string line = r.rule_id + " " + r.channel + " " + r.due_by.str();
        if (r.days_overdue > 0) line += " +" + std::to_string(r.days_overdue);
        out.push_back(line);
    }
    return out;
}
Lines due_on(const Policy& p, const Customer& c, const CustomerHistory& h, const char* day) {
    return due_on(p, WorkingCalendar(), c, h, day);
}

CustomerHistory contacts(std::vector<ContactFact> oldest_first) {
    CustomerHistory h;
    h.contacts = std::move(oldest_first);
    return h;
}

std::vector<Date> days(const char* first, int n) {
    std::vector<Date> out;
    for (int i = 0; i < n; ++i) out.push_back(d(first).add_days(i));
    return out;
}

// 中秋节 09-25..27 and 国庆节 10-01..07 2026, with 国庆's make-up working days: Sunday
// 09-20 and Saturday 10-10 (调休).
WorkingCalendar autumn_2026() {
    return WorkingCalendar({{"中秋节", days("2026-09-25", 3), {}},
                            {"国庆节", days("2026-10-01", 7), {d("2026-09-20"), d("2026-10-10")}}},
                           {2026});
}

}  // namespace

TEST_CASE("schedule: once is listed from anchor + start, due by anchor + within, then overdue") {
    const Policy p = with(
        "rules:\n"
        "  - {id: call, clause: 一, anchor: created, start: 1d, within: 3d, channel: phone}\n"
        "  - {id: today, clause: 二, anchor: created, within: same-day, channel: sms}\n");
    const Customer c = customer_at("2026-03-02 10:00");
    const CustomerHistory none;
    CHECK(due_on(p, c, none, "2026-03-01") == Lines{});
    CHECK(due_on(p, c, none, "2026-03-02") == Lines{"today sms 2026-03-02"});
    CHECK(due_on(p, c, none, "2026-03-03") ==
          Lines{"call phone 2026-03-05", "today sms 2026-03-02 +1"});
    CHECK(due_on(p, c, none, "2026-03-05") ==
          Lines{"call phone 2026-03-05", "today sms 2026-03-02 +3"});
    CHECK(due_on(p, c, none, "2026-03-06") ==
          Lines{"call phone 2026-03-05 +1", "today sms 2026-03-02 +4"});

    // The window of `call` opens at midnight of the start day: a contact the minute before
    // does not count for it (but does for `today`), one at midnight does (a late one too).
    CHECK(due_on(p, c, contacts({fact(p, "2026-03-02 23:59", "phone", "reached")}), "2026-03-04") ==
          Lines{"call phone 2026-03-05"});
    CHECK(due_on(p, c, contacts({fact(p, "2026-03-03 00:00", "phone", "reached")}), "2026-03-04") ==
          Lines{});
}

TEST_CASE("schedule: once is satisfied only by its channels and outcomes, never by a no-answer") {
    const Policy p = with(
        "rules:\n"
        "  - {id: any, clause: 一, anchor: created, within: 1d, channel: phone}\n"
        "  - {id: talk, clause: 二, anchor: created, within: 1d, channel: phone,\n"
        "     satisfied_by: {channels: [phone, visit]}}\n"
        "  - {id: left, clause: 三, anchor: created, within: 1d, channel: phone,\n"
        "     satisfied_by: {outcomes: [message-left]}}\n");
    const Customer c = customer_at("2026-03-02 10:00");
    auto after = [&](const std::string& channel, const std::string& outcome) {
        return due_on(p, c, contacts({fact(p, "2026-03-02 11:00", channel, outcome)}),
                      "2026-03-03");
    };
    const Lines all{"any phone 2026-03-03", "talk phone 2026-03-03", "left phone 2026-03-03"};
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-03") == all);
    CHECK(after("phone", "no-answer") == all);
    CHECK(after("sms", "reached") == Lines{"talk phone 2026-03-03", "left phone 2026-03-03"});
    CHECK(after("visit", "reached") == Lines{"left phone 2026-03-03"});
    // An outcome the rule names counts even though it does not count elsewhere; others don't.
    CHECK(after("phone", "message-left") == Lines{"any phone 2026-03-03", "talk phone 2026-03-03"});
    // A channel or outcome the rules file no longer knows satisfies nothing.
    CHECK(after("letter", "reached") == all);
    CHECK(after("phone", "gone") == all);
}

TEST_CASE("schedule: once anchored on the last time an attribute took a value") {
    const Policy p = with(
        "rules:\n"
        "  - {id: visited, clause: 一, anchor: stage=visitor, within: 1d, channel: phone}\n");
    Customer c = customer_at("2026-03-01 09:00", {{"stage", "call-in"}});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-05") == Lines{});  // never a visitor
    c.record_change(t("2026-03-04 14:00"), "stage", "visitor");
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-03") == Lines{});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-04") == Lines{"visited phone 2026-03-05"});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-06") == Lines{"visited phone 2026-03-05 +1"});
    const ContactFact before = fact(p, "2026-03-04 13:59", "phone", "reached");
    const ContactFact at = fact(p, "2026-03-04 14:00", "phone", "reached");
    CHECK(due_on(p, c, contacts({before}), "2026-03-05") == Lines{"visited phone 2026-03-05"});
    CHECK(due_on(p, c, contacts({at}), "2026-03-05") == Lines{});

    // A visitor again later: the clock restarts; the earlier contact was for the first time.
    c.record_change(t("2026-03-06 09:00"), "stage", "call-in");
    c.record_change(t("2026-03-10 14:00"), "stage", "visitor");
    CHECK(due_on(p, c, contacts({at}), "2026-03-09") == Lines{});
    CHECK(due_on(p, c, contacts({at}), "2026-03-10") == Lines{"visited phone 2026-03-11"});
}

TEST_CASE("schedule: once anchored on a date attribute, its window opening a day before") {
    const Policy p = with(
        "rules:\n"
        "  - {id: confirm, clause: 一, anchor: 'date:handover', start: -1d, within: 0d,\n"
        "     channel: phone}\n");
    const Customer c = customer_at("2026-03-01 09:00", {{"handover", "2026-03-10"}});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-08") == Lines{});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-09") == Lines{"confirm phone 2026-03-10"});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-10") == Lines{"confirm phone 2026-03-10"});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-11") == Lines{"confirm phone 2026-03-10 +1"});
    CHECK(due_on(p, c, contacts({fact(p, "2026-03-08 23:59", "phone", "reached")}), "2026-03-09") ==
          Lines{"confirm phone 2026-03-10"});
    CHECK(due_on(p, c, contacts({fact(p, "2026-03-09 00:00", "phone", "reached")}), "2026-03-11") ==
          Lines{});
    // Without the date, or with text that is no date, there is nothing to count from.
    CHECK(due_on(p, customer_at("2026-03-01 09:00"), CustomerHistory(), "2026-03-11") == Lines{});
    CHECK(due_on(p, customer_at("2026-03-01 09:00", {{"handover", "soon"}}), CustomerHistory(),
                 "2026-03-11") == Lines{});
}

// rule:ID anchors at the first contact that satisfied a once rule, a recurring rule's last.
TEST_CASE("schedule: once anchored on another rule being done") {
    const Policy p = with(
        "rules:\n"
        "  - {id: first, clause: 一, anchor: created, within: 0d, channel: phone}\n"
        "  - {id: second, clause: 二, anchor: 'rule:first', start: 1d, within: 3d,\n"
        "     channel: phone}\n");
    const Customer c = customer_at("2026-03-02 09:00");
    // Until first is done, second has no anchor.
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-05") == Lines{"first phone 2026-03-02 +3"});
    CHECK(due_on(p, c, contacts({fact(p, "2026-03-02 10:00", "phone", "no-answer")}),
                 "2026-03-05") == Lines{"first phone 2026-03-02 +3"});
    const ContactFact done = fact(p, "2026-03-02 10:00", "phone", "reached");
    CHECK(due_on(p, c, contacts({done}), "2026-03-02") == Lines{});
    CHECK(due_on(p, c, contacts({done}), "2026-03-03") == Lines{"second phone 2026-03-05"});
    CHECK(due_on(p, c, contacts({done}), "2026-03-06") == Lines{"second phone 2026-03-05 +1"});
    CHECK(due_on(p, c, contacts({done, fact(p, "2026-03-03 11:00", "phone", "reached")}),
                 "2026-03-06") == Lines{});

    const Policy q = with(
        "rules:\n"
        "  - {id: weekly, clause: 一, anchor: created, every: 7d, channel: phone,\n"
        "     satisfied_by: {channels: [phone]}}\n"
        "  - {id: after, clause: 二, anchor: 'rule:weekly', within: 1d, channel: visit,\n"
        "     satisfied_by: {channels: [visit]}}\n");
    const ContactFact week1 = fact(q, "2026-03-03 10:00", "phone", "reached");
    const ContactFact week2 = fact(q, "2026-03-10 10:00", "phone", "reached");
    CHECK(due_on(q, c, contacts({week1}), "2026-03-05") == Lines{"after visit 2026-03-04 +1"});
    CHECK(due_on(q, c, contacts({week1, week2}), "2026-03-12") ==
          Lines{"after visit 2026-03-11 +1"});
}

TEST_CASE("schedule: every runs from the last satisfying contact since the anchor") {
    const Policy p = with(
        "rules:\n"
        "  - {id: every, clause: 一, anchor: created, every: 3d, channel: phone}\n");
    const Customer c = customer_at("2026-03-02 09:00");
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-04") == Lines{});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-05") == Lines{"every phone 2026-03-05"});
    CHECK(due_on(p, c, CustomerHistory(), "2026-03-07") == Lines{"every phone 2026-03-05 +2"});
    const ContactFact reached = fact(p, "2026-03-04 10:00", "phone", "reached");
    CHECK(due_on(p, c, contacts({reached}), "2026-03-06") == Lines{});
    CHECK(due_on(p, c, contacts({reached}), "2026-03-07") == Lines{"every phone 2026-03-07"});
    // A no-answer does not restart the interval.
    const ContactFact missed = fact(p, "2026-03-06 10:00", "phone", "no-answer");
    CHECK(due_on(p, c, contacts({reached, missed}), "2026-03-08") ==
          Lines{"every phone 2026-03-07 +1"});

    // Contacts before the anchor do not count.
    const Policy v = with(
        "rules:\n"
        "  - {id: every, clause: 一, anchor: stage=visitor, every: 3d, channel: phone}\n");
    Customer visitor = customer_at("2026-03-01 09:00", {{"stage", "call-in"}});
    visitor.record_change(t("2026-03-05 09:00"), "stage", "visitor");
    CHECK(due_on(v, visitor, contacts({reached}), "2026-03-07") == Lines{});
    CHECK(due_on(v, visitor, contacts({reached}), "2026-03-08") == Lines{"every phone 2026-03-08"});

    // Months keep the day, clamped to the month's end.
    const Policy m = with(
        "rules:\n"
        "  - {id: monthly, clause: 一, anchor: created, every: monthly, channel: phone}\n");
    const Customer end = customer_at("2026-01-31 10:00");
    CHECK(due_on(m, end, CustomerHistory(), "2026-02-27") == Lines{});
    CHECK(due_on(m, end, CustomerHistory(), "2026-02-28") == Lines{"monthly phone 2026-02-28"});
}

TEST_CASE("schedule: every in working days skips a holiday and counts a make-up working day") {
    const Policy p = with(
        "rules:\n"
        "  - {id: wd, clause: 一, anchor: created, every: 3wd, channel: phone}\n");
    const WorkingCalendar cal = autumn_2026();
    // Wednesday 09-30: Thursday 10-01 to 10-07 are off; 10-08, 10-09, Saturday 10-10 (调休).
    const Customer before_holiday = customer_at("2026-09-30 09:00");
    CHECK(due_on(p, cal, before_holiday, CustomerHistory(), "2026-10-09") == Lines{});
    CHECK(due_on(p, cal, before_holiday, CustomerHistory(), "2026-10-10") ==
          Lines{"wd phone 2026-10-10"});
    // Without holidays: Thursday, Friday, Monday.
    CHECK(due_on(p, before_holiday, CustomerHistory(), "2026-10-04") == Lines{});
    CHECK(due_on(p, before_holiday, CustomerHistory(), "2026-10-05") ==
          Lines{"wd phone 2026-10-05"});
    // Thursday 09-17: Friday, Sunday 09-20 (调休), Monday.
    const Customer before_sunday = customer_at("2026-09-17 10:00");
    CHECK(due_on(p, cal, before_sunday, CustomerHistory(), "2026-09-21") ==
          Lines{"wd phone 2026-09-21"});
    CHECK(due_on(p, before_sunday, CustomerHistory(), "2026-09-21") == Lines{});
    CHECK(due_on(p, before_sunday, CustomerHistory(), "2026-09-22") ==
          Lines{"wd phone 2026-09-22"});
}

TEST_CASE("schedule: seasons pick the interval and the channel of the day planned") {
    const std::string seasons =
        "seasons:\n"
        "  peak: {from: \"04-01\", to: \"10-31\"}\n"
        "  off-peak: {from: \"11-01\", to: \"03-31\"}\n";
    const Policy p = with(seasons +
                          "rules:\n"
                          "  - {id: tour, clause: 一, anchor: created,\n"
                          "     every: {peak: weekly, off-peak: half-monthly},\n"
                          "     channel: {peak: visit, off-peak: phone}}\n"
                          "  - {id: call, clause: 二, anchor: created, every: 30d,\n"
                          "     channel: {peak: visit, off-peak: phone}}\n");
    auto season = [&](const char* day) {
        const Season* s = season_on(p, d(day));
        return s ? s->id : std::string("none");
    };
    CHECK(season("2026-03-31") == "off-peak");
    CHECK(season("2026-04-01") == "peak");
    CHECK(season("2026-10-31") == "peak");
    CHECK(season("2026-11-01") == "off-peak");
    CHECK(season("2026-12-31") == "off-peak");  // the range wraps the new year
    CHECK(season("2027-01-01") == "off-peak");

    const Customer march = customer_at("2026-03-01 09:00");
    CHECK(due_on(p, march, CustomerHistory(), "2026-03-15") == Lines{});
    CHECK(due_on(p, march, CustomerHistory(), "2026-03-16") == Lines{"tour phone 2026-03-16"});
    CHECK(due_on(p, march, CustomerHistory(), "2026-03-31") ==
          Lines{"tour phone 2026-03-16 +15", "call phone 2026-03-31"});
    // On the first day of peak the interval is a week, and every line is a visit.
    CHECK(due_on(p, march, CustomerHistory(), "2026-04-01") ==
          Lines{"tour visit 2026-03-08 +24", "call visit 2026-03-31 +1"});
    // An overdue weekly visit on 10-31 is not yet owed half-monthly on 11-01.
    const Customer october = customer_at("2026-10-20 09:00");
    CHECK(due_on(p, october, CustomerHistory(), "2026-10-31") == Lines{"tour visit 2026-10-27 +4"});
    CHECK(due_on(p, october, CustomerHistory(), "2026-11-01") == Lines{});

    // Out of every season (seasons changed by hand after loading): no seasonal interval,
    // and the channel is the map's first (by season id).
    Policy peak_only = p;
    peak_only.seasons.pop_back();
    CHECK(season_on(peak_only, d("2026-12-01")) == nullptr);
    CHECK(due_on(peak_only, march, CustomerHistory(), "2026-12-01") ==
          Lines{"call phone 2026-03-31 +245"});
}

TEST_CASE("schedule: a restraint scales recurring intervals, not deadlines") {
    const Policy p = with(
        "restraints:\n"
        "  - {when: {dislikes-calls: 'yes'}, factor: 2}\n"
        "  - {when: {key: 'yes'}, factor: 1.5}\n"
        "rules:\n"
        "  - {id: every, clause: 一, anchor: created, every: 3d, channel: phone}\n"
        "  - {id: once, clause: 二, anchor: created, within: 3d, channel: phone}\n");
    const CustomerHistory none;
    const Customer plain = customer_at("2026-03-02 09:00", {{"dislikes-calls", "no"}});
    CHECK(due_on(p, plain, none, "2026-03-05") ==
          Lines{"every phone 2026-03-05", "once phone 2026-03-05"});
    const Customer dislikes = customer_at("2026-03-02 09:00", {{"dislikes-calls", "yes"}});
    CHECK(due_on(p, dislikes, none, "2026-03-07") == Lines{"once phone 2026-03-05 +2"});
    CHECK(due_on(p, dislikes, none, "2026-03-08") ==
          Lines{"every phone 2026-03-08", "once phone 2026-03-05 +3"});
    // 3d x 1.5 rounds to 5 days; the larger factor wins when both match.
    const Customer key = customer_at("2026-03-02 09:00", {{"key", "yes"}});
    CHECK(due_on(p, key, none, "2026-03-06") == Lines{"once phone 2026-03-05 +1"});
    CHECK(due_on(p, key, none, "2026-03-07") ==
          Lines{"every phone 2026-03-07", "once phone 2026-03-05 +2"});
    const Customer both =
        customer_at("2026-03-02 09:00", {{"key", "yes"}, {"dislikes-calls", "yes"}});
    CHECK(due_on(p, both, none, "2026-03-07") == Lines{"once phone 2026-03-05 +2"});
    const auto reasons = due_reasons(p, WorkingCalendar(), both, none, d("2026-03-08"));
    REQUIRE(reasons.size() == 2);
    CHECK(reasons[0].explain == Lines{"rule every (一) matches C1",
                                      "anchor: customer created 2026-03-02 09:00",
                                      "no satisfying contact since the anchor",
                                      "every 3d x2 (restraint)", "due by 2026-03-08"});
}

TEST_CASE("schedule: a holiday greeting opens days_before the first day and closes on it") {
    const Policy p = with(
        "rules:\n"
        "  - {id: greet, clause: 一, on: holidays, days_before: 3, channel: sms}\n"
        "  - {id: early, clause: 二, on: holidays, days_before: 10, channel: phone}\n");
    const WorkingCalendar cal = autumn_2026();
    const Customer c = customer_at("2026-09-01 09:00");
    const CustomerHistory none;
    CHECK(due_on(p, cal, c, none, "2026-09-14") == Lines{});
    CHECK(due_on(p, cal, c, none, "2026-09-15") == Lines{"early phone 2026-09-25"});
    CHECK(due_on(p, cal, c, none, "2026-09-21") == Lines{"early phone 2026-09-25"});
    CHECK(due_on(p, cal, c, none, "2026-09-22") ==
          Lines{"greet sms 2026-09-25", "early phone 2026-09-25"});
    CHECK(due_on(p, cal, c, none, "2026-09-25") ==
          Lines{"greet sms 2026-09-25", "early phone 2026-09-25"});
    // The day after the first day: 中秋节 is gone, never overdue; `early` moves on to 国庆节
    // (one greeting per rule at a time, the nearer holiday first).
    CHECK(due_on(p, cal, c, none, "2026-09-26") == Lines{"early phone 2026-10-01"});
    CHECK(due_on(p, cal, c, none, "2026-09-28") ==
          Lines{"greet sms 2026-10-01", "early phone 2026-10-01"});
    CHECK(due_on(p, cal, c, none, "2026-10-02") == Lines{});
    const auto reasons = due_reasons(p, cal, c, none, d("2026-10-01"));
    REQUIRE(reasons.size() == 2);
    CHECK(reasons[0].event_name == "国庆节");
    CHECK(reasons[0].event_date == d("2026-10-01"));
    CHECK(reasons[0].days_overdue == 0);

    // A greeting counts from the window's first minute.
    CHECK(due_on(p, cal, c, contacts({fact(p, "2026-09-27 23:59", "sms", "sent")}), "2026-09-28") ==
          Lines{"greet sms 2026-10-01"});
    CHECK(due_on(p, cal, c, contacts({fact(p, "2026-09-28 00:00", "sms", "sent")}), "2026-09-28") ==
          Lines{});
    // No holiday data: holiday rules never fire.
    CHECK(due_on(p, c, none, "2026-09-28") == Lines{});
}

TEST_CASE("schedule: milestones by kind and by the customer's project") {
    const Policy p = with(
        "milestones:\n"
        "  - {id: opening, name: 开盘, kind: opening, date: 2026-03-20}\n"
        "  - {id: model-home, name: 样板间开放, kind: model-home, date: 2026-03-25,\n"
        "     project: 一期}\n"
        "rules:\n"
        "  - {id: invite, clause: 一, on: milestones, milestone_kinds: [opening], days_before: 5,\n"
        "     channel: phone}\n"
        "  - {id: notice, clause: 二, on: milestones, days_before: 7, channel: sms}\n");
    const Customer one = customer_at("2026-03-01 09:00", {{"project", "一期"}});
    const CustomerHistory none;
    CHECK(due_on(p, one, none, "2026-03-12") == Lines{});
    CHECK(due_on(p, one, none, "2026-03-13") == Lines{"notice sms 2026-03-20"});
    CHECK(due_on(p, one, none, "2026-03-15") ==
          Lines{"invite phone 2026-03-20", "notice sms 2026-03-20"});
    // One reason per milestone in its window, unlike holidays.
    CHECK(due_on(p, one, none, "2026-03-20") ==
          Lines{"invite phone 2026-03-20", "notice sms 2026-03-20", "notice sms 2026-03-25"});
    CHECK(due_on(p, one, none, "2026-03-21") == Lines{"notice sms 2026-03-25"});
    CHECK(due_on(p, one, none, "2026-03-26") == Lines{});
    const auto reasons = due_reasons(p, WorkingCalendar(), one, none, d("2026-03-21"));
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0].event_name == "样板间开放");
    CHECK(reasons[0].event_date == d("2026-03-25"));
    // A milestone of one project is not for customers of another, or of none.
    CHECK(due_on(p, customer_at("2026-03-01 09:00", {{"project", "二期"}}), none, "2026-03-21") ==
          Lines{});
    CHECK(due_on(p, customer_at("2026-03-01 09:00"), none, "2026-03-20") ==
          Lines{"invite phone 2026-03-20", "notice sms 2026-03-20"});
    // An SMS on 03-16 answers both rules for the opening, not the model home's later window.
    CHECK(due_on(p, one, contacts({fact(p, "2026-03-16 10:00", "sms", "sent")}), "2026-03-18") ==
          Lines{"notice sms 2026-03-25"});
}

TEST_CASE("schedule: a promised reply is due on its date, by phone, before other reasons") {
    const Policy p = with("");
    CustomerHistory h;
    h.promises = {{t("2026-03-02 10:00"), d("2026-03-05"), "报价", "K000007"},
                  {t("2026-03-02 11:00"), d("2026-03-06"), "", "K000008"}};
    const Customer c = customer_at("2026-03-01 09:00");
    CHECK(due_on(p, c, h, "2026-03-04") == Lines{});
    CHECK(due_on(p, c, h, "2026-03-05") == Lines{"promise phone 2026-03-05"});
    CHECK(due_on(p, c, h, "2026-03-07") ==
          Lines{"promise phone 2026-03-05 +2", "promise phone 2026-03-06 +1"});
    const auto reasons = due_reasons(p, WorkingCalendar(), c, h, d("2026-03-06"));
    REQUIRE(reasons.size() == 2);
    CHECK(reasons[0].reason == "答复客户：报价");
    CHECK(reasons[1].reason == "答复客户（预约时间答复）");
    CHECK(reasons[0].priority == 70);
    CHECK(reasons[0].since == t("2026-03-05 00:00"));
    CHECK(reasons[0].explain ==
          Lines{"contact K000007 on 2026-03-02 10:00 promised a reply by 2026-03-05",
                "no counting contact since", "due by 2026-03-05: 1 day(s) overdue"});
    // Without a phone channel, the strongest one.
    const Policy no_phone = parse_policy(
        "company: x\nchannels: [{id: visit}, {id: sms}]\noutcomes: [{id: reached, counts: true}]\n",
        "rules.yaml");
    CHECK(due_on(no_phone, c, h, "2026-03-05") == Lines{"promise visit 2026-03-05"});
}

TEST_CASE("schedule: when must all hold, unless any excludes; an unset bool is \"no\"") {
    const Policy p = with(
        "rules:\n"
        "  - {id: plain, clause: 一, when: {key: 'no'}, unless: {grade: B, stage: closed},\n"
        "     anchor: created, within: 0d, channel: phone}\n"
        "  - {id: keyed, clause: 二, when: {key: 'yes', grade: [A, B]}, anchor: created,\n"
        "     within: 0d, channel: visit}\n");
    auto due = [&](const KeyValues& attributes) {
        return due_on(p, customer_at("2026-03-02 09:00", attributes), CustomerHistory(),
                      "2026-03-02");
    };
    CHECK(due({}) == Lines{"plain phone 2026-03-02"});
    CHECK(due({{"key", "no"}}) == Lines{"plain phone 2026-03-02"});
    CHECK(due({{"key", "yes"}}) == Lines{});  // keyed needs a grade too
    CHECK(due({{"key", "yes"}, {"grade", "B"}}) == Lines{"keyed visit 2026-03-02"});
    CHECK(due({{"grade", "B"}}) == Lines{});
    CHECK(due({{"grade", "A"}, {"stage", "closed"}}) == Lines{});
    CHECK(due({{"grade", "A"}, {"stage", "visitor"}}) == Lines{"plain phone 2026-03-02"});
    CHECK(due({{"key", ""}}) == Lines{"plain phone 2026-03-02"});  // an empty value is unset

    const Customer unset = customer_at("2026-03-02 09:00");
    CHECK(matches(p, p.rules[0].when, unset));
    CHECK_FALSE(matches(p, p.rules[1].when, unset));
    CHECK_FALSE(matches(p, p.rules[0].unless, unset));  // matches() needs every condition
    CHECK(matches(p, p.rules[0].unless,
                  customer_at("2026-03-02 09:00", {{"grade", "B"}, {"stage", "closed"}})));
    CHECK(matches(p, Match(), unset));
}

TEST_CASE("schedule: project_occupancy_above needs the customer's project strictly above it") {
    const Policy p = with(
        "projects:\n"
        "  一期: {occupancy: 0.64, as_of: 2026-03-01}\n"
        "  二期: {occupancy: 0.5, as_of: 2026-03-01}\n"
        "rules:\n"
        "  - {id: survey, clause: 一, project_occupancy_above: 0.5, anchor: created, within: 0d,\n"
        "     channel: phone}\n");
    auto due = [&](const KeyValues& attributes) {
        return due_on(p, customer_at("2026-03-02 09:00", attributes), CustomerHistory(),
                      "2026-03-02");
    };
    CHECK(due({{"project", "一期"}}) == Lines{"survey phone 2026-03-02"});
    CHECK(due({{"project", "二期"}}) == Lines{});
    CHECK(due({{"project", "三期"}}) == Lines{});
    CHECK(due({}) == Lines{});
}

TEST_CASE("schedule: a customer added after the day planned is due for nothing yet") {
    const Policy p = with(
        "rules:\n"
        "  - {id: confirm, clause: 一, anchor: 'date:handover', within: 0d, channel: phone}\n"
        "  - {id: new, clause: 二, anchor: created, within: 0d, channel: phone}\n");
    const Customer c = customer_at("2026-03-05 10:00", {{"handover", "2026-03-01"}});
    CustomerHistory h;
    h.promises = {{t("2026-03-01 10:00"), d("2026-03-02"), "", "K1"}};
    CHECK(due_on(p, c, h, "2026-03-04") == Lines{});
    CHECK(due_on(p, c, h, "2026-03-05") == Lines{"confirm phone 2026-03-01 +4",
                                                 "new phone 2026-03-05",
                                                 "promise phone 2026-03-02 +3"});
}
