// lib/complaint and lib/policy/complaint_policy: deadlines over the 2026 holidays, repeats,
// transitions, the call list, statistics, and rules-file errors; and what complaint commands
// read of complaints.csv through .cache/complaints.idx (lookup_complaints).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "calendar/calendar_yaml.h"
#include "complaint/complaint.h"
#include "complaint/complaint_book.h"
#include "complaint/complaint_due.h"
#include "complaint/complaint_edit.h"
#include "complaint/complaint_stats.h"
#include "csv/csv.h"
#include "policy/policy_loader.h"
#include "store/complaint_store.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "temp_files.h"
#include "util/error.h"

using namespace revisit;

namespace {

using Lines = std::vector<std::string>;

Date d(const char* text) { return Date::parse(text).value(); }
DateTime t(const char* text) { return DateTime::parse(text).value(); }

std::string read_source(const std::string& relative) {
    std::ifstream in(std::string(REVISIT_SOURCE_DIR) + "/" + relative);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The real rules/calendars/cn.yaml: 中秋节 2026-09-25..27, 国庆节 10-01..07, make-up
// working days Sunday 09-20 and Saturday 10-10.
const WorkingCalendar& cn() {
    static const WorkingCalendar calendar =
        parse_calendar_yaml(read_source("rules/calendars/cn.yaml"), "cn.yaml");
    return calendar;
}

// Lines 1-9 of every test rules text; `complaints:` starts on line 10.
const std::string kHead =
    "company: 测试水泥\n"                 // 1
    "calendar: cn\n"                      // 2
    "attributes:\n"                       // 3
    "  focus: {type: bool}\n"             // 4
    "channels:\n"                         // 5
    "  - {id: visit}\n"                   // 6
    "  - {id: phone}\n"                   // 7
    "outcomes:\n"                         // 8
    "  - {id: reached, counts: true}\n";  // 9

// The complaints section, lines 10-23.
const std::string kComplaints =
    "complaints:\n"
    "  clause: 第七条\n"
    "  departments: [技术质检部, 生产部, 销售部]\n"
    "  sources: [direct, superior]\n"
    "  categories:\n"
    "    - {id: quality, label: 产品质量, departments: [技术质检部], reply_within: 3wd, clause: "
    "第十条}\n"
    "    - {id: service, label: 经营服务, departments: [生产部, 销售部], reply_within: 48h}\n"
    "  severities:\n"
    "    major: {escalate_to: 客户服务分管领导, reply_within: 1wd, priority: 20, clause: "
    "顾客投诉}\n"
    "  repeat_window: 90d\n"
    "  repeat_clause: \"4.3\"\n"
    "  on_open_set: {focus: \"yes\"}\n"
    "  follow_up_before: 1wd\n"
    "  satisfaction_revisit_after: 2wd\n";

const Policy& policy() {
    static const Policy p = parse_policy(kHead + kComplaints, "rules.yaml");
    return p;
}

Lines check(const std::string& complaints) {
    return check_policy(kHead + complaints, "rules.yaml");
}

CustomerBook customers() {
    CustomerBook book;
    for (const char* id : {"C1", "C2"}) {
        CustomerRecord r;
        r.op = "add";
        r.id = id;
        r.name = id;
        r.at = t("2026-01-01 09:00");
        REQUIRE(book.apply(r) == "");
    }
    return book;
}

// Opens a complaint through make_open_event, as `complaint open` does; returns its id.
std::string open(ComplaintBook& book, const std::string& customer, const std::string& category,
                 const char* at, const std::string& subject = "", const std::string& severity = "",
                 std::vector<std::string> departments = {}) {
    ComplaintInput in;
    in.customer = customer;
    in.category = category;
    in.summary = "投诉内容";
    in.staff = "李四";
    in.subject = subject;
    in.severity = severity;
    in.departments = std::move(departments);
    in.at = in.now = t(at);
    Lines problems;
    ComplaintEvent e = make_open_event(policy(), cn(), customers(), book, in, problems);
    REQUIRE(problems == Lines{});
    e.complaint = "P" + std::to_string(book.all().size() + 1);
    e.id = e.complaint + "-1";
    REQUIRE(book.apply(e) == "");
    return e.complaint;
}

ComplaintEvent change(const ComplaintBook& book, ComplaintEventKind kind, const std::string& id,
                      const char* at, Lines& problems, const std::string& note = "",
                      const std::string& satisfaction = "") {
    ComplaintChange c;
    c.kind = kind;
    c.complaint = id;
    c.note = note;
    c.satisfaction = satisfaction;
    c.at = c.now = t(at);
    return make_change_event(policy(), cn(), book, c, problems);
}

void step(ComplaintBook& book, ComplaintEventKind kind, const std::string& id, const char* at,
          const std::string& note = "x", const std::string& satisfaction = "") {
    Lines problems;
    const ComplaintEvent e = change(book, kind, id, at, problems, note, satisfaction);
    REQUIRE(problems == Lines{});
    REQUIRE(book.apply(e) == "");
}

}  // namespace

TEST_CASE(
    "complaint: deadlines in working days skip the 2026 Mid-Autumn and National Day holidays") {
    const ComplaintPolicy& cp = policy().complaints;
    // 09-30 + 3wd: 10-01..07 off, 10-08 and 10-09 are days 1 and 2, the make-up Saturday 10-10
    // day 3.
    CHECK(complaint_deadline(cp, cn(), "quality", "normal", t("2026-09-30 10:00")).str() ==
          "2026-10-10");
    // Thursday 09-24 + 3wd: 中秋 Friday 09-25 is off; 09-28, 09-29, 09-30.
    CHECK(complaint_deadline(cp, cn(), "quality", "normal", t("2026-09-24 16:00")).str() ==
          "2026-09-30");
    // Friday 09-18 + 3wd: the make-up Sunday 09-20 counts, then 09-21, 09-22.
    CHECK(complaint_deadline(cp, cn(), "quality", "normal", t("2026-09-18 09:00")).str() ==
          "2026-09-22");
    // Received on a holiday: counting starts from the next working day.
    CHECK(complaint_deadline(cp, cn(), "quality", "normal", t("2026-10-03 12:00")).str() ==
          "2026-10-10");
    // A major complaint: 1wd, earlier than the category's 3wd.
    CHECK(complaint_deadline(cp, cn(), "quality", "major", t("2026-09-30 10:00")).str() ==
          "2026-10-08");
}

TEST_CASE("complaint: hour deadlines count only hours of working days") {
    const ComplaintPolicy& cp = policy().complaints;
    // 48h from 09-30 10:00: 14h that day, 24h on 10-08, 10h on 10-09.
    const Deadline dl = complaint_deadline(cp, cn(), "service", "normal", t("2026-09-30 10:00"));
    CHECK(dl.timed);
    CHECK(dl.str() == "2026-10-09 10:00");
    CHECK(dl.met_by(t("2026-10-09 10:00")));
    CHECK_FALSE(dl.met_by(t("2026-10-09 10:01")));
    // 48h from Friday 10-09 15:00: 9h, the make-up Saturday 10-10 24h, Sunday off, 15h Monday.
    CHECK(complaint_deadline(cp, cn(), "service", "normal", t("2026-10-09 15:00")).str() ==
          "2026-10-12 15:00");
    // The major 1wd ends with 10-10, earlier than Monday 15:00.
    CHECK(complaint_deadline(cp, cn(), "service", "major", t("2026-10-09 15:00")).str() ==
          "2026-10-10");
    // Backwards too, and midnight belongs to the day before.
    CHECK(add_complaint_span(t("2026-10-08 10:00"), Span{-24, Span::Unit::Hours}, cn()).str() ==
          "2026-09-30 10:00");
    CHECK(add_complaint_span(t("2026-10-08 00:00"), Span{-1, Span::Unit::Hours}, cn()).str() ==
          "2026-09-30 23:00");
    CHECK(add_complaint_span(t("2026-09-30 23:00"), Span{1, Span::Unit::Hours}, cn()).str() ==
          "2026-10-01 00:00");
}

TEST_CASE("complaint: a day deadline is met until the end of its day") {
    const Deadline dl = Deadline::parse("2026-10-10").value();
    CHECK_FALSE(dl.timed);
    CHECK(dl.met_by(t("2026-10-10 23:59")));
    CHECK_FALSE(dl.met_by(t("2026-10-11 00:00")));
    CHECK(Deadline::parse("2026-10-09 10:00").value().timed);
    CHECK_FALSE(Deadline::parse("2026-13-09").has_value());
}

TEST_CASE("complaint: open fills in routing, owner, deadline, escalation and on_open_set") {
    ComplaintBook book;
    ComplaintInput in;
    in.customer = "C1";
    in.category = "service";
    in.summary = " 送货司机态度差 ";
    in.staff = "李四";
    in.severity = "major";
    in.at = in.now = t("2026-09-30 10:00");
    Lines problems;
    const ComplaintEvent e = make_open_event(policy(), cn(), customers(), book, in, problems);
    CHECK(problems == Lines{});
    CHECK(e.departments == Lines{"生产部", "销售部"});  // S0.1-10: service -> 生产部 and 销售部
    CHECK(e.staff == "李四");
    CHECK(e.source == "direct");
    CHECK(e.escalated_to == "客户服务分管领导");
    CHECK(e.deadline->str() == "2026-10-08");
    CHECK(e.note == "送货司机态度差");
    CHECK(e.set == KeyValues{{"focus", "yes"}});
    CHECK(e.repeat_of.empty());
}

TEST_CASE("complaint: open lists every problem") {
    ComplaintBook book;
    ComplaintInput in;
    in.customer = "C3";
    in.category = "qualty";
    in.source = "boss";
    in.severity = "huge";
    in.departments = {"技术质量部"};
    in.at = t("2026-09-30 10:30");
    in.now = t("2026-09-30 10:00");
    Lines problems;
    make_open_event(policy(), cn(), customers(), book, in, problems);
    CHECK(
        problems ==
        Lines{"unknown customer \"C3\"; did you mean: C1 C1 ; C2 C2 ",
              "unknown category \"qualty\" (did you mean \"quality\"?); allowed: quality, service",
              "unknown source \"boss\"; allowed: direct, superior",
              "unknown severity \"huge\"; allowed: normal, major",
              "unknown department \"技术质量部\" (did you mean \"技术质检部\"?); allowed: "
              "技术质检部, 生产部, 销售部",
              "a complaint names the staff member who takes it (--staff): they own it to the end "
              "[第七条]",
              "a complaint needs --summary: what the customer complained about",
              "--at 2026-09-30 10:30 is in the future (now 2026-09-30 10:00)"});
}

TEST_CASE("complaint: without a complaints section nothing can be opened") {
    const Policy bare = parse_policy(kHead, "rules.yaml");
    ComplaintInput in;
    Lines problems;
    make_open_event(bare, cn(), customers(), ComplaintBook(), in, problems);
    CHECK(problems ==
          Lines{"the rules file has no \"complaints:\" section; add one to record complaints "
                "(docs/complaints.md)"});
}

TEST_CASE(
    "complaint: repeats are the same subject and category within the window, any department") {
    ComplaintBook book;
    const std::string p1 = open(book, "C1", "quality", "2026-06-01 10:00");
    // To another department, 90 days later: still a repeat (S0.2-4.3).
    const std::string p2 = open(book, "C1", "quality", "2026-08-30 18:00", "", "", {"销售部"});
    CHECK(book.find(p2)->repeat_of == Lines{p1});
    CHECK(book.find(p2)->departments == Lines{"销售部"});
    CHECK(book.find(p1)->repeated_by == Lines{p2});
    // 91 days after the first: only the second is inside the window.
    const std::string p3 = open(book, "C1", "quality", "2026-08-31 09:00");
    CHECK(book.find(p3)->repeat_of == Lines{p2});
    // Another category, or another customer: not a repeat.
    CHECK(book.find(open(book, "C1", "service", "2026-09-01 09:00"))->repeat_of.empty());
    CHECK(book.find(open(book, "C2", "quality", "2026-09-01 09:00"))->repeat_of.empty());
    // A housing unit: the same unit matches across customers; another unit does not. (A
    // complaint without a subject matches the same customer's complaints with one.)
    const std::string u1 = open(book, "C1", "service", "2026-09-02 09:00", "3-1-201");
    CHECK(book.find(u1)->repeat_of == Lines{"P4"});
    CHECK(book.find(open(book, "C2", "service", "2026-09-03 09:00", "3-1-201"))->repeat_of ==
          Lines{u1});
    CHECK(book.find(open(book, "C2", "service", "2026-09-04 09:00", "3-1-202"))->repeat_of.empty());
    // Priority on the call list: base 60, + 20 in a repeat group, + 20 when major.
    CHECK(complaint_priority(policy().complaints, *book.find(p1)) == 80);
    ComplaintBook other;
    CHECK(complaint_priority(policy().complaints,
                             *other.find(open(other, "C1", "quality", "2026-09-01 09:00"))) == 60);
    CHECK(complaint_priority(
              policy().complaints,
              *other.find(open(other, "C2", "quality", "2026-09-01 09:00", "", "major"))) == 80);
}

TEST_CASE("complaint: transitions that make no sense are refused") {
    ComplaintBook book;
    const std::string id = open(book, "C1", "quality", "2026-09-30 10:00");
    Lines problems;
    change(book, ComplaintEventKind::Close, id, "2026-10-08 10:00", problems, "", "satisfied");
    CHECK(problems ==
          Lines{"complaint P1 is not resolved yet; resolve it first (revisit complaint resolve P1 "
                "--resolution TEXT)"});
    problems.clear();
    change(book, ComplaintEventKind::Resolve, id, "2026-10-08 10:00", problems, "  ");
    CHECK(problems ==
          Lines{"resolving a complaint needs --resolution: the result given to the customer"});
    problems.clear();
    change(book, ComplaintEventKind::Reopen, id, "2026-10-08 10:00", problems);
    CHECK(problems == Lines{"complaint P1 is already open"});
    problems.clear();
    change(book, ComplaintEventKind::Update, id, "2026-09-29 10:00", problems);
    CHECK(problems ==
          Lines{"--at 2026-09-29 10:00 is before the last event of complaint P1 (2026-09-30 10:00)",
                "nothing to update: give --note or --department"});
    problems.clear();
    change(book, ComplaintEventKind::Update, "P9", "2026-10-08 10:00", problems, "x");
    CHECK(problems == Lines{"unknown complaint \"P9\" (did you mean \"P1\"?)"});

    step(book, ComplaintEventKind::Resolve, id, "2026-10-09 10:00", "更换批次");
    problems.clear();
    change(book, ComplaintEventKind::Resolve, id, "2026-10-09 11:00", problems, "again");
    CHECK(problems == Lines{"complaint P1 is already resolved"});
    problems.clear();
    change(book, ComplaintEventKind::Close, id, "2026-10-12 10:00", problems, "", "happy");
    CHECK(problems ==
          Lines{"unknown satisfaction \"happy\"; allowed: satisfied, partly, unsatisfied"});
    step(book, ComplaintEventKind::Close, id, "2026-10-12 10:00", "", "satisfied");
    for (auto kind :
         {ComplaintEventKind::Close, ComplaintEventKind::Update, ComplaintEventKind::Resolve}) {
        problems.clear();
        change(book, kind, id, "2026-10-13 10:00", problems, "x", "satisfied");
        CHECK(problems ==
              Lines{kind == ComplaintEventKind::Close
                        ? "complaint P1 is already closed"
                        : "complaint P1 is closed; reopen it first (revisit complaint reopen P1)"});
    }
    // Reopening: a new deadline from the reopen, satisfaction forgotten, owner kept.
    problems.clear();
    const ComplaintEvent reopen =
        change(book, ComplaintEventKind::Reopen, id, "2026-10-13 10:00", problems);
    CHECK(problems == Lines{});
    CHECK(reopen.id == "P1-4");
    CHECK(reopen.deadline->str() == "2026-10-16");
    CHECK(reopen.staff == "李四");
    REQUIRE(book.apply(reopen) == "");
    const Complaint& c = *book.find(id);
    CHECK(c.status == ComplaintStatus::Open);
    CHECK(c.satisfaction.empty());
    CHECK(c.first_deadline.str() == "2026-10-10");
    CHECK(c.first_resolved->str() == "2026-10-09 10:00");
}

TEST_CASE("complaint: rerouting keeps the first-contact owner") {
    ComplaintBook book;
    const std::string id = open(book, "C1", "quality", "2026-09-30 10:00");
    ComplaintChange c;
    c.complaint = id;
    c.staff = "王五";
    c.departments = {"生产部", "生产部"};
    c.at = c.now = t("2026-10-08 10:00");
    Lines problems;
    const ComplaintEvent e = make_change_event(policy(), cn(), book, c, problems);
    CHECK(problems == Lines{});
    CHECK(e.departments == Lines{"生产部"});
    REQUIRE(book.apply(e) == "");
    CHECK(book.find(id)->owner == "李四");
    CHECK(book.find(id)->departments == Lines{"生产部"});
    problems.clear();
    c.departments = {"生产部"};
    make_change_event(policy(), cn(), book, c, problems);
    CHECK(problems == Lines{"complaint P1 is already routed to 生产部"});
}

TEST_CASE("complaint: the journal refuses events that do not fit, with file:line") {
    const std::string header =
        "id,at,event,complaint,customer,subject,category,source,severity,department,staff,"
        "escalated_to,"
        "deadline,repeat_of,satisfaction,note,set,logged_at\n";
    const std::string open_row =
        "P000001-1,2026-09-30 "
        "10:00,open,P000001,C1,,quality,direct,normal,技术质检部,李四,,2026-10-10,,,"
        "强度不够,focus=yes,2026-09-30 10:05\n";
    const auto events = parse_complaint_events(header + open_row, "complaints.csv");
    REQUIRE(events.size() == 1);
    CHECK(events[0].deadline->str() == "2026-10-10");
    CHECK(events[0].set == KeyValues{{"focus", "yes"}});
    CHECK(csv_line(complaint_event_fields(events[0])) == open_row);
    const std::string close_row =
        "P000001-2,2026-10-09 "
        "10:00,close,P000001,C1,,quality,,,技术质检部,李四,,,,satisfied,,,2026-10-09 10:00\n";
    try {
        fold_complaints(parse_complaint_events(header + open_row + close_row, "complaints.csv"),
                        "complaints.csv");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "complaints.csv:3: complaint P000001 is not resolved yet; resolve it first "
              "(revisit complaint resolve P000001 --resolution TEXT)");
    }
    try {
        parse_complaint_events(
            header + "P1-1,2026-09-30 10:00,opne,P1,C1,,,,,,,,,,,,,2026-09-30 10:00\n", "c.csv");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "c.csv:2:23: bad event \"opne\"; expected open, update, resolve, close or reopen");
    }
    const auto records = complaint_customer_records(events);
    REQUIRE(records.size() == 1);
    CHECK(records[0].source == "complaint:P000001-1");
}

TEST_CASE("complaint: follow-ups and satisfaction revisits on the call list") {
    ComplaintBook book;
    const std::string id = open(book, "C1", "quality", "2026-09-30 10:00");  // due 2026-10-10
    CHECK(follow_up_from(policy().complaints, cn(), *book.find(id)) == d("2026-10-09"));
    CHECK(complaint_due_reasons(policy(), cn(), book, d("2026-10-08")).empty());
    auto due = complaint_due_reasons(policy(), cn(), book, d("2026-10-09"));
    REQUIRE(due["C1"].size() == 1);
    CHECK(due["C1"][0].rule_id == "P1");
    CHECK(due["C1"][0].due_by == d("2026-10-10"));
    CHECK(due["C1"][0].clause == "第十条");
    CHECK(due["C1"][0].channel == "phone");
    CHECK(due["C1"][0].priority == 60);
    CHECK(due["C1"][0].reason ==
          "投诉跟进 "
          "P1：产品质量，技术质检部处理中，2026-10-10前向客户反馈处理结果（首问负责人：李四）");
    due = complaint_due_reasons(policy(), cn(), book, d("2026-10-13"));
    CHECK(due["C1"][0].days_overdue == 3);
    // Resolved Friday 10-09: the satisfaction revisit 2wd later is Monday 10-12 (the
    // make-up Saturday 10-10 counts as day 1).
    step(book, ComplaintEventKind::Resolve, id, "2026-10-09 10:00", "更换批次");
    CHECK(complaint_due_reasons(policy(), cn(), book, d("2026-10-10")).empty());
    due = complaint_due_reasons(policy(), cn(), book, d("2026-10-12"));
    REQUIRE(due["C1"].size() == 1);
    CHECK(due["C1"][0].reason == "投诉处理满意度回访 P1：产品质量，处理结果：更换批次");
    CHECK(due["C1"][0].due_by == d("2026-10-12"));
    step(book, ComplaintEventKind::Close, id, "2026-10-12 10:00", "", "partly");
    CHECK(complaint_due_reasons(policy(), cn(), book, d("2026-10-12")).empty());
}

TEST_CASE("complaint: the call list sees the journal as it stood at the end of the day") {
    std::vector<ComplaintEvent> events;
    ComplaintEvent open_event;
    open_event.id = "P1-1";
    open_event.complaint = "P1";
    open_event.customer = "C1";
    open_event.category = "quality";
    open_event.severity = "normal";
    open_event.staff = "李四";
    open_event.at = t("2026-09-30 10:00");
    open_event.deadline = Deadline::parse("2026-10-10");
    events.push_back(open_event);
    ComplaintEvent resolve = open_event;
    resolve.id = "P1-2";
    resolve.kind = ComplaintEventKind::Resolve;
    resolve.at = t("2026-10-09 17:00");
    resolve.deadline.reset();
    events.push_back(resolve);
    // Resolved at 17:00 on 10-09: at the end of that day nothing is left to follow up.
    CHECK(complaint_due_reasons(policy(), cn(), events, d("2026-10-09")).empty());
    // Resolved only on 10-10: on 10-09 it was still open, and on the list.
    events.back().at = t("2026-10-10 09:00");
    CHECK(complaint_due_reasons(policy(), cn(), events, d("2026-10-09")).at("C1").size() == 1);
}

TEST_CASE("complaint: statistics, checked by hand") {
    ComplaintBook book;
    // P1 quality, 09-30, due 10-10, resolved 10-09 (2 working days: 10-08, 10-09) on time, closed
    // satisfied.
    const std::string p1 = open(book, "C1", "quality", "2026-09-30 10:00");
    step(book, ComplaintEventKind::Resolve, p1, "2026-10-09 10:00");
    step(book, ComplaintEventKind::Close, p1, "2026-10-12 10:00", "", "satisfied");
    // P2 quality to 销售部, a repeat, 10-09, due 10-13, resolved 10-14 (3: 10-10, 10-12, 10-13,
    // 10-14 = 4) late.
    const std::string p2 = open(book, "C1", "quality", "2026-10-09 11:00", "", "", {"销售部"});
    step(book, ComplaintEventKind::Resolve, p2, "2026-10-14 09:00");
    step(book, ComplaintEventKind::Close, p2, "2026-10-15 09:00", "", "unsatisfied");
    // P3 service (生产部 + 销售部), major, 10-09 15:00, due 10-10, never resolved: overdue.
    open(book, "C2", "service", "2026-10-09 15:00", "", "major");
    // P4 service, 10-20 09:00, due 10-22 09:00 (48h), still open, not yet late on 10-21.
    open(book, "C1", "service", "2026-10-20 09:00");
    // P5 outside the period.
    open(book, "C2", "quality", "2026-11-02 09:00");

    const ComplaintStats s = complaint_stats(policy().complaints, cn(), book, d("2026-09-01"),
                                             d("2026-10-31"), d("2026-10-21"));
    CHECK(s.total == 4);
    CHECK(s.repeats == 1);
    CHECK(s.escalated == 1);
    CHECK(s.open == 2);
    CHECK(s.resolved == 0);
    CHECK(s.closed == 2);
    CHECK(s.on_time == 1);
    CHECK(s.late == 1);
    CHECK(s.overdue == 1);
    CHECK(*s.on_time_rate == doctest::Approx(1.0 / 3));
    CHECK(*s.median_days_to_resolve == doctest::Approx(3.0));  // median of 2 and 4
    auto counts = [](const std::vector<ComplaintCount>& rows) {
        Lines out;
        for (const auto& r : rows) out.push_back(r.key + "=" + std::to_string(r.count));
        return out;
    };
    CHECK(counts(s.by_category) == Lines{"quality=2", "service=2"});
    CHECK(counts(s.by_department) == Lines{"技术质检部=1", "生产部=2", "销售部=3"});
    CHECK(counts(s.by_source) == Lines{"direct=4", "superior=0"});
    CHECK(counts(s.by_severity) == Lines{"normal=3", "major=1"});
    CHECK(counts(s.by_satisfaction) == Lines{"satisfied=1", "partly=0", "unsatisfied=1"});
    CHECK(s.by_category[0].label == "产品质量");

    ComplaintFilter overdue;
    overdue.overdue_only = true;
    const auto late = select_complaints(book, overdue, d("2026-10-21"));
    REQUIRE(late.size() == 1);
    CHECK(late[0]->id == "P3");
    CHECK(days_overdue(*late[0], d("2026-10-21")) == 11);
    ComplaintFilter by_department;
    by_department.department = "生产部";
    CHECK(select_complaints(book, by_department, d("2026-10-21")).size() == 2);
}

TEST_CASE("complaint policy: errors with file:line:col and did-you-mean") {
    CHECK(check(kComplaints) == Lines{});
    CHECK(
        check("complaints:\n"
              "  departments: [技术质检部, 生产部, 生产部]\n"                         // 11
              "  categories:\n"                                                       // 12
              "    - {id: quality, departments: [技术质量部], reply_within: 3wdd}\n"  // 13
              "    - {id: quality, departments: 销售部, reply_within: -1d}\n"         // 14
              "  severities:\n"                                                       // 15
              "    major: {escalate_too: x}\n"                                        // 16
              "  repeat_window: 0d\n"                                                 // 17
              "  repeat_windw: 3d\n"                                                  // 18
              "  on_open_set: {focuss: \"yes\", focus: maybe}\n"                      // 19
              "  channel: sms\n"                                                      // 20
              "  subject_attribute: unit\n") ==                                       // 21
        Lines{"rules.yaml:11:29: department \"生产部\" is listed twice",
              "rules.yaml:13:34: category \"quality\" routes to unknown department \"技术质量部\" "
              "(did you mean "
              "\"技术质检部\"?); declared departments: 技术质检部, 生产部",
              "rules.yaml:13:57: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, "
              "half-monthly or "
              "monthly, got \"3wdd\"",
              "rules.yaml:14:12: category \"quality\" is listed twice",
              "rules.yaml:14:34: category \"quality\" routes to unknown department \"销售部\"; "
              "declared "
              "departments: 技术质检部, 生产部",
              "rules.yaml:14:53: reply_within must be zero or more, got \"-1d\"",
              "rules.yaml:16:13: unknown key \"escalate_too\" in severity \"major\" (did you mean "
              "\"escalate_to\"?)",
              "rules.yaml:17:18: repeat_window must be positive, got \"0d\"",
              "rules.yaml:18:3: unknown key \"repeat_windw\" in complaints (did you mean "
              "\"repeat_window\"?)",
              "rules.yaml:19:17: on_open_set: unknown attribute \"focuss\" (did you mean "
              "\"focus\"?); the rules "
              "file declares: focus",
              "rules.yaml:19:39: on_open_set: \"maybe\" is not an allowed value of \"focus\"; "
              "allowed: yes, no",
              "rules.yaml:20:12: unknown channel \"sms\"; allowed: visit, phone",
              "rules.yaml:21:22: subject_attribute: unknown attribute \"unit\"; the rules file "
              "declares: focus"});
    CHECK(check("complaints:\n  categories: []\n") ==
          Lines{"rules.yaml:11:3: complaints needs \"departments\"",
                "rules.yaml:11:15: complaints needs at least one category"});
    CHECK(check("complaints: yes\n") ==
          Lines{"rules.yaml:10:13: expected complaints (a map of key: value), got \"yes\""});
}

TEST_CASE("complaint policy: the shipped rules files say what SEEDS.md says") {
    const Policy cement = parse_policy(read_source("rules/cement.yaml"), "cement.yaml");
    const ComplaintPolicy& c = cement.complaints;
    REQUIRE(c.enabled);
    CHECK(c.clause == "第七条");  // S0.1-7 首问负责制
    REQUIRE(c.category("quality") != nullptr);
    CHECK(c.category("quality")->departments == Lines{"技术质检部"});  // S0.1-10
    CHECK(c.category("service")->departments == Lines{"生产部", "销售部"});
    CHECK(c.on_open_set == KeyValues{{"focus", "yes"}});  // S0.1-4

    const Policy property = parse_policy(read_source("rules/property.yaml"), "property.yaml");
    const ComplaintPolicy& p = property.complaints;
    REQUIRE(p.enabled);
    CHECK(p.sources == Lines{"direct", "superior"});  // S0.2-3: forwarded by a superior
    CHECK(p.repeat_window.has_value());               // S0.2-4.3
    CHECK(p.subject_attribute == "unit");
    REQUIRE(p.severity("major") != nullptr);
    CHECK(p.severity("major")->escalate_to == "客户服务分管领导");  // S1-complaint

    const Policy decoration = parse_policy(read_source("rules/decoration.yaml"), "decoration.yaml");
    REQUIRE(decoration.complaints.enabled);
    for (const auto& cat : decoration.complaints.categories) {  // S2-complaint: [X] working days
        CAPTURE(cat.id);
        CHECK(cat.reply_within.unit == Span::Unit::WorkingDays);
    }
    CHECK(decoration.complaints.satisfaction_revisit_after.has_value());

    const Policy group =
        parse_policy(read_source("rules/group-service.yaml"), "group-service.yaml");
    CHECK(group.complaints.category_ids() ==
          Lines{"engineering-quality", "service-attitude", "sales-promise"});
}

namespace {

// A data directory for complaints.csv lookups: 40 customers (the even ones focus customers
// already); add(N) appends N events made as the commands make them, about a few housing
// units, every kind of step.
struct ComplaintJournal {
    revisit::test::TempDir tmp;
    DataDir dir;
    CustomerBook customers;
    ComplaintBook book;  // as the events so far stand
    std::vector<std::string> ids;
    std::mt19937 rng{11};
    DateTime at = t("2026-02-01 09:00");

    ComplaintJournal() : dir(create(tmp)) {
        std::vector<CustomerRecord> adds;
        for (int n = 1; n <= 40; ++n) {
            CustomerRecord r;
            r.op = "add";
            r.id = fmt::format("C{:02}", n);
            r.name = "客户" + r.id;
            r.at = t("2026-01-01 09:00");
            if (n % 2 == 0) r.set = {{"focus", "yes"}};
            REQUIRE(customers.apply(r) == "");
            adds.push_back(r);
            ids.push_back(r.id);
        }
        append_customer_records(dir, adds);
    }

    static DataDir create(const revisit::test::TempDir& tmp) {
        auto files = journal_headers();
        files.emplace_back("rules.yaml", "# not read by these tests\n");
        files.emplace_back(kCustomersFile, csv_line(customer_columns()));
        return DataDir::create(tmp / "data", files);
    }

    void add(int count) {
        static const Lines units{"", "", "3-1-201", "3-1-202"};
        std::string lines;
        for (int i = 0; i < count; ++i) {
            at = at.add_minutes(static_cast<long>(rng() % 900) + 1);
            Lines problems;
            ComplaintEvent e;
            const Complaint* c = book.all().empty() || rng() % 3 == 0
                                     ? nullptr
                                     : &book.all()[rng() % book.all().size()];
            if (!c) {
                ComplaintInput in;
                in.customer = ids[rng() % ids.size()];
                in.category = rng() % 2 ? "quality" : "service";
                in.subject = units[rng() % units.size()];
                in.summary = "投诉内容，第" + std::to_string(book.all().size() + 1) + "次";
                in.staff = "李四";
                in.at = in.now = at;
                e = make_open_event(policy(), cn(), customers, book, in, problems);
                e.complaint = fmt::format("P{:06}", book.all().size() + 1);
                e.id = e.complaint + "-1";
            } else {
                ComplaintChange ch;
                ch.complaint = c->id;
                ch.note = "处理";
                ch.satisfaction = "satisfied";
                ch.at = ch.now = at;
                const bool flip = rng() % 2;
                ch.kind = c->status == ComplaintStatus::Open
                              ? (flip ? ComplaintEventKind::Update : ComplaintEventKind::Resolve)
                          : c->status == ComplaintStatus::Resolved
                              ? (flip ? ComplaintEventKind::Close : ComplaintEventKind::Reopen)
                              : ComplaintEventKind::Reopen;
                e = make_change_event(policy(), cn(), book, ch, problems);
            }
            REQUIRE(problems == Lines{});
            REQUIRE(book.apply(e) == "");
            lines += csv_line(complaint_event_fields(e));
        }
        dir.append(kComplaintsFile, csv_line(complaint_columns()), lines);
    }
};

void same_complaint(const Complaint& got, const Complaint& want) {
    CAPTURE(want.id);
    CHECK(got.customer == want.customer);
    CHECK(got.subject == want.subject);
    CHECK(got.category == want.category);
    CHECK(got.status == want.status);
    CHECK(got.events == want.events);
    CHECK(got.deadline == want.deadline);
    CHECK(got.last_at == want.last_at);
    CHECK(got.departments == want.departments);
    CHECK(got.repeat_of == want.repeat_of);
}

}  // namespace

TEST_CASE("complaint index: a command's lookups fold as the whole journal does") {
    ComplaintJournal j;
    j.add(600);
    REQUIRE(std::filesystem::file_size(j.dir.file(kComplaintsFile)) > 64 << 10);
    const std::string index = j.dir.file(".cache/complaints.idx");
    ComplaintKeys first;
    first.complaints = {"P000001"};
    lookup_complaints(j.dir, first);  // the journal is larger than the tail: writes the index
    REQUIRE(std::filesystem::exists(index));
    j.add(150);  // a tail beyond the index

    const std::vector<ComplaintEvent> all = load_complaint_events(j.dir);
    const ComplaintBook& full = j.book;
    const CustomerState state = load_customer_state(j.dir);
    const IndexOptions never{1ULL << 40}, always{0};
    auto check_all = [&](const IndexOptions& options) {
        // `complaint open`: the complaints of the customer and of the subject give the same
        // repeats, and the customer the same attributes, as the whole journal.
        for (const auto& customer : j.ids) {
            for (const std::string subject : {"", "3-1-201", "3-1-202", "9-9-999"}) {
                CAPTURE(customer);
                CAPTURE(subject);
                ComplaintKeys keys;
                keys.customers = {customer};
                keys.subjects = {subject};
                const ComplaintLookup found = lookup_complaints(j.dir, keys, options);
                CHECK(found.any_set);
                const ComplaintBook part = fold_complaints(found.events, "complaints.csv");
                for (const auto& c : full.all())
                    if (c.customer == customer || (!subject.empty() && c.subject == subject)) {
                        REQUIRE(part.find(c.id) != nullptr);
                        same_complaint(*part.find(c.id), c);
                    }
                for (const char* category : {"quality", "service"})
                    for (const char* when :
                         {"2026-06-01 09:00", "2026-09-01 09:00", "2027-03-01 09:00"})
                        CHECK(find_repeats(policy().complaints, cn(), part, customer, subject,
                                           category, t(when)) ==
                              find_repeats(policy().complaints, cn(), full, customer, subject,
                                           category, t(when)));
                if (!subject.empty()) continue;
                const CustomerBook one = lookup_customer_state(j.dir, customer, found);
                const CustomerBook whole = lookup_customer_state(j.dir, customer, all);
                REQUIRE(one.find(customer) != nullptr);
                CHECK(one.find(customer)->attributes == whole.find(customer)->attributes);
                CHECK(one.find(customer)->attributes == state.book.find(customer)->attributes);
            }
        }
        // update, resolve, close, reopen: one complaint's events.
        for (const auto& c : full.all()) {
            ComplaintKeys keys;
            keys.complaints = {c.id};
            const ComplaintLookup found = lookup_complaints(j.dir, keys, options);
            const ComplaintBook part = fold_complaints(found.events, "complaints.csv");
            REQUIRE(part.all().size() == 1);
            same_complaint(part.all()[0], c);
            CHECK(part.next_event_id(c.id) == full.next_event_id(c.id));
        }
        ComplaintKeys unknown;
        unknown.complaints = {"P999999"};
        CHECK(lookup_complaints(j.dir, unknown, options).events.empty());
    };
    check_all(kComplaintIndexOptions);
    check_all(never);
    check_all(always);

    SUBCASE("a damaged index is rebuilt, not trusted") {
        revisit::test::spit(index, "RVIDX damaged");
        check_all(kComplaintIndexOptions);
        CHECK(revisit::test::slurp(index).size() > 1000);
    }
    SUBCASE("an index of another journal is noticed") {
        // Edited by hand, the same length: the first open now belongs to P000002. The index
        // (which has it under P000001) no longer fits the journal's first 4 KiB.
        std::string text = revisit::test::slurp(j.dir.file(kComplaintsFile));
        const size_t at = text.find(",open,P000001,");
        REQUIRE(at != std::string::npos);
        text.replace(at, 14, ",open,P000002,");
        revisit::test::spit(j.dir.file(kComplaintsFile), text);
        ComplaintKeys keys;
        keys.complaints = {"P000002"};
        const ComplaintLookup found = lookup_complaints(j.dir, keys);
        CHECK(found.events.size() == static_cast<size_t>(full.find("P000002")->events) + 1);
    }
}

TEST_CASE("complaint index: an empty or missing journal has no events") {
    ComplaintJournal j;
    ComplaintKeys keys;
    keys.customers = {"C01"};
    keys.complaints = {"P000001"};
    CHECK(lookup_complaints(j.dir, keys).events.empty());
    std::filesystem::remove(j.dir.file(kComplaintsFile));
    const ComplaintLookup none = lookup_complaints(j.dir, keys);
    CHECK(none.events.empty());
    CHECK_FALSE(none.any_set);
    CHECK_FALSE(std::filesystem::exists(j.dir.file(".cache/complaints.idx")));
}

TEST_CASE("complaint index: a malformed row it reads is an error with file:line") {
    ComplaintJournal j;
    j.add(600);
    ComplaintKeys keys;
    keys.complaints = {"P000001"};
    lookup_complaints(j.dir, keys);
    std::string text = revisit::test::slurp(j.dir.file(kComplaintsFile));
    const size_t row = text.find("\nP000001-1,") + 1;
    const size_t time = text.find(',', row) + 1;
    text.replace(time, 4, "20x6");  // same length: only reading the record notices
    revisit::test::spit(j.dir.file(kComplaintsFile), text);
    try {
        lookup_complaints(j.dir, keys);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).rfind(j.dir.file(kComplaintsFile) + ":2:11: bad at \"20x6",
                                          0) == 0);
    }
}
