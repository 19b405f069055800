#include "schedule/due_ics.h"

#include <fmt/format.h>

#include <optional>

#include "util/text.h"

namespace revisit {

namespace {

constexpr size_t kLineOctets = 75;  // RFC 5545 3.1, without the CRLF

// 20261125
std::string ics_date(Date d) {
    return fmt::format("{:04}{:02}{:02}", d.year(), d.month(), d.day());
}

// 20261125T020000Z
std::string ics_utc(DateTime t) {
    const int m = t.minute_of_day();
    return fmt::format("{}T{:02}{:02}00Z", ics_date(t.date()), m / 60, m % 60);
}

// A piece of a UID: letters, digits and ". _ -" kept, every other byte as %XX.
std::string uid_part(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        out += keep ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    return out;
}

struct Window {
    int start = 0, end = 0;  // minutes of the day; end may pass midnight
};

// The first window of "10:00-11:30 15:30-17:00" (a lone "15:00" is half an hour); none when
// the text has no clock time first.
std::optional<Window> first_window(const std::string& call_window) {
    const std::vector<std::string> windows = split(std::string(trim(call_window)), ' ');
    if (windows.empty()) return std::nullopt;
    const std::string& w = windows.front();
    const size_t dash = w.find('-');
    const auto start = parse_clock(std::string_view(w).substr(0, dash));
    if (!start) return std::nullopt;
    if (dash == std::string::npos) return Window{.start = *start, .end = *start + 30};
    const auto end = parse_clock(std::string_view(w).substr(dash + 1));
    if (!end) return std::nullopt;
    return Window{.start = *start, .end = *end > *start ? *end : *end + 24 * 60};
}

std::string channel_label(const Policy& policy, const std::string& id) {
    const ChannelSpec* spec = policy.channel(id);
    return spec && !spec->label.empty() ? spec->label : id;
}

std::string description(const Policy& policy, const DueItem& item) {
    const Customer& c = *item.customer;
    std::string d = "客户 Customer: " + c.id + " " + c.name + "\n电话 Phone: " + c.phone;
    const std::string label = channel_label(policy, item.channel);
    d += "\n渠道 Channel: " + label + (label == item.channel ? "" : " (" + item.channel + ")");
    if (!item.call_window.empty()) d += "\n时段 Window: " + item.call_window;
    d += "\n期限 Due by: " + item.due_by.str();
    if (item.days_overdue > 0)
        d += fmt::format(" (逾期 {0} 天 · {0} d overdue)", item.days_overdue);
    d += "\n原因 Reasons:";
    for (const auto& r : item.reasons) {
        d += "\n- " + r.rule_id;
        if (!r.clause.empty()) d += " " + r.clause;
        if (!r.reason.empty()) d += " " + r.reason;
    }
    if (!item.message.empty()) d += "\n短信 SMS: " + item.message;
    return d;
}

std::string event(const Policy& policy, const DueItem& item, Date today, const ToUtc& to_utc) {
    const Customer& c = *item.customer;
    const std::string rule = item.reasons.empty() ? "" : item.reasons.front().rule_id;
    std::string s = ics_line("BEGIN:VEVENT");
    s += ics_line("UID:" + ics_date(today) + "-" + uid_part(c.id) + "-" + uid_part(rule) +
                  "@revisit.invalid");
    s += ics_line("DTSTAMP:" + ics_utc(to_utc(DateTime::at(today))));
    if (const auto w = first_window(item.call_window)) {
        const DateTime day = DateTime::at(today);
        s += ics_line("DTSTART:" + ics_utc(to_utc(day.add_minutes(w->start))));
        s += ics_line("DTEND:" + ics_utc(to_utc(day.add_minutes(w->end))));
    } else {
        s += ics_line("DTSTART;VALUE=DATE:" + ics_date(today));
        s += ics_line("DTEND;VALUE=DATE:" + ics_date(today.add_days(1)));
    }
    s += ics_line("SUMMARY:" + ics_text(c.name + " · " + channel_label(policy, item.channel)));
    s += ics_line("DESCRIPTION:" + ics_text(description(policy, item)));
    return s + ics_line("END:VEVENT");
}

}  // namespace

std::string ics_text(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r' || c == '\n') {
            out += "\\n";
            if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') ++i;
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
            continue;  // TEXT holds no control characters but the tab
        } else {
            out += c;
        }
    }
    return out;
}

std::string ics_line(std::string_view line) {
    std::string out;
    size_t limit = kLineOctets;  // the first line; continuations lose one to the space
    while (line.size() > limit) {
        size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = kLineOctets - 1;
    }
    out.append(line);
    return out + "\r\n";
}

std::string render_due_ics(const Policy& policy, const std::vector<DueItem>& items, Date today,
                           const ToUtc& to_utc) {
    std::string s = ics_line("BEGIN:VCALENDAR");
    s += ics_line("VERSION:2.0");
    s += ics_line("PRODID:-//revisit//due//ZH");
    s += ics_line("CALSCALE:GREGORIAN");
    s += ics_line("METHOD:PUBLISH");
    std::string name = "回访清单 Call list " + today.str();
    if (!policy.company.empty()) name += " " + policy.company;
    s += ics_line("X-WR-CALNAME:" + ics_text(name));
    for (const auto& item : items) s += event(policy, item, today, to_utc);
    return s + ics_line("END:VCALENDAR");
}

}  // namespace revisit
