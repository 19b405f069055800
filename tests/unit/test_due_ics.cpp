// lib/schedule/due_ics: the call list as an iCalendar file: events in the first call window
// in UTC, all-day events without one, TEXT escaped, lines folded at 75 octets without
// splitting a character, CRLF, UIDs that do not change between runs.

#include <doctest/doctest.h>

#include "due_sample.h"
#include "schedule/due_ics.h"

using namespace revisit;
using namespace revisit::test;

namespace {

const Date kToday = Date::from_ymd(2026, 11, 25);
// Asia/Shanghai: UTC+8 all year.
const ToUtc kShanghai = [](DateTime local) { return local.add_minutes(-8 * 60); };

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// The physical lines of `ics`, without their CRLF; fails on a bare LF.
std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> lines;
    size_t at = 0;
    for (size_t nl = ics.find('\n'); nl != std::string::npos; nl = ics.find('\n', at)) {
        CHECK(nl > at);
        CHECK(ics[nl - 1] == '\r');
        lines.push_back(ics.substr(at, nl - at - 1));
        at = nl + 1;
    }
    CHECK(at == ics.size());
    return lines;
}

}  // namespace

TEST_CASE("due ics: TEXT values escape backslash, semicolon, comma and line ends") {
    CHECK(ics_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng");
    CHECK(ics_text("王女士，您好:\t1\x01"
                   "2\x7f") == "王女士，您好:\t12");
}

TEST_CASE("due ics: lines fold at 75 octets, never inside a UTF-8 character") {
    CHECK(ics_line(repeat("a", 75)) == repeat("a", 75) + "\r\n");
    CHECK(ics_line(repeat("a", 80)) == repeat("a", 75) + "\r\n " + repeat("a", 5) + "\r\n");
    CHECK(ics_line(repeat("a", 75 + 74 + 1)) ==
          repeat("a", 75) + "\r\n " + repeat("a", 74) + "\r\n " + "a\r\n");
    // "SUMMARY:" is 8 octets, each 一 three: the 23rd would end at octet 77.
    CHECK(ics_line("SUMMARY:" + repeat("一", 30)) ==
          "SUMMARY:" + repeat("一", 22) + "\r\n " + repeat("一", 8) + "\r\n");
    const std::string long_line = "DESCRIPTION:" + repeat("回访a，", 40);
    std::string unfolded;
    for (const std::string& l : physical_lines(ics_line(long_line))) {
        CHECK(l.size() <= 75);
        const std::string part = unfolded.empty() ? l : l.substr(1);
        if (!unfolded.empty()) CHECK(l[0] == ' ');
        CHECK((static_cast<unsigned char>(part[0]) & 0xC0) != 0x80);  // starts a character
        unfolded += part;
    }
    CHECK(unfolded == long_line);
}

TEST_CASE("due ics: an event in the first call window, in UTC; all day without a window") {
    DueSample s;
    s.add("C1", "李磊", {"张三"}, "phone", 3).reasons = {
        due_reason("S0.3-2.1", "第二条(一)1", "当日电话回访"), due_reason("promise", "", "答复")};
    s.add("C2", "王芳, Jr.; \\x", {"张三"}, "sms", 0).reasons = {due_reason("S0.3-4", "", "")};
    s.items.back().message = "王女士，样板间开放。\n热线400";
    const std::string ics = render_due_ics(due_sample_policy(), s.items, kToday, kShanghai);
    CHECK(ics ==
          "BEGIN:VCALENDAR\r\n"
          "VERSION:2.0\r\n"
          "PRODID:-//revisit//due//ZH\r\n"
          "CALSCALE:GREGORIAN\r\n"
          "METHOD:PUBLISH\r\n"
          "X-WR-CALNAME:回访清单 Call list 2026-11-25 测试公司\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:20261125-C1-S0.3-2.1@revisit.invalid\r\n"
          "DTSTAMP:20261124T160000Z\r\n"
          "DTSTART:20261125T020000Z\r\n"
          "DTEND:20261125T033000Z\r\n"
          "SUMMARY:李磊 · 电话\r\n"
          "DESCRIPTION:客户 Customer: C1 李磊\\n电话 Phone: 13800138001\\n渠道 C\r\n"
          " hannel: 电话 (phone)\\n时段 Window: 10:00-11:30 15:30-17:00\\n期限 Due\r\n"
          "  by: 2026-11-22 (逾期 3 天 · 3 d overdue)\\n原因 Reasons:\\n- S0.3-2.1\r\n"
          "  第二条(一)1 当日电话回访\\n- promise 答复\r\n"
          "END:VEVENT\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:20261125-C2-S0.3-4@revisit.invalid\r\n"
          "DTSTAMP:20261124T160000Z\r\n"
          "DTSTART;VALUE=DATE:20261125\r\n"
          "DTEND;VALUE=DATE:20261126\r\n"
          "SUMMARY:王芳\\, Jr.\\; \\\\x · 短信\r\n"
          "DESCRIPTION:客户 Customer: C2 王芳\\, Jr.\\; \\\\x\\n电话 Phone: 138001380\r\n"
          " 02\\n渠道 Channel: 短信 (sms)\\n期限 Due by: 2026-11-25\\n原因 Reason\r\n"
          " s:\\n- S0.3-4\\n短信 SMS: 王女士，样板间开放。\\n热线400\r\n"
          "END:VEVENT\r\n"
          "END:VCALENDAR\r\n");
    for (const std::string& l : physical_lines(ics)) CHECK(l.size() <= 75);
}

TEST_CASE("due ics: windows past midnight and lone times; text that is not a window") {
    DueSample s;
    s.add("C1", "甲", {}, "phone", 0).call_window = "22:30-00:30";
    s.add("C2", "乙", {}, "phone", 0).call_window = "15:00 请下午打";
    s.add("C3", "丙", {}, "phone", 0).call_window = "下午";
    const std::string ics =
        render_due_ics(due_sample_policy(), s.items, kToday, [](DateTime t) { return t; });
    CHECK(ics.find("DTSTART:20261125T223000Z\r\nDTEND:20261126T003000Z\r\n") != std::string::npos);
    CHECK(ics.find("DTSTART:20261125T150000Z\r\nDTEND:20261125T153000Z\r\n") != std::string::npos);
    CHECK(ics.find("UID:20261125-C3-@revisit.invalid\r\nDTSTAMP:20261125T000000Z\r\n"
                   "DTSTART;VALUE=DATE:20261125\r\n") != std::string::npos);
}

TEST_CASE("due ics: UIDs are the same on every run and whatever else is on the list") {
    DueSample s;
    s.add("C/1 @x", "甲", {}, "phone", 0).reasons = {due_reason("S0.3-1.1", "", "")};
    const Policy p = due_sample_policy();
    const std::string once = render_due_ics(p, s.items, kToday, kShanghai);
    CHECK(once == render_due_ics(p, s.items, kToday, kShanghai));
    const std::string uid = "UID:20261125-C%2F1%20%40x-S0.3-1.1@revisit.invalid\r\n";
    CHECK(once.find(uid) != std::string::npos);
    s.add("C0", "乙", {}, "phone", 5).reasons = {due_reason("S0.3-2.1", "", "")};
    std::swap(s.items[0], s.items[1]);  // now second on the list
    CHECK(render_due_ics(p, s.items, kToday, kShanghai).find(uid) != std::string::npos);
}

TEST_CASE("due ics: an empty list is a calendar without events") {
    CHECK(render_due_ics(due_sample_policy(), {}, kToday, kShanghai) ==
          "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//revisit//due//ZH\r\nCALSCALE:GREGORIAN\r\n"
          "METHOD:PUBLISH\r\nX-WR-CALNAME:回访清单 Call list 2026-11-25 测试公司\r\n"
          "END:VCALENDAR\r\n");
}
