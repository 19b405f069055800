#include "schedule/due_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "util/html.h"
#include "util/text.h"

namespace revisit {

namespace {

// Plain selectors and properties that mail clients keep. On a narrow screen the table's rows
// become blocks with each cell's label before it; where a client drops the media query the
// table scrolls sideways in its box instead of being cut off.
const char* const kStyle = R"(
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 1.5em auto; max-width: 1100px; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h1 .day { white-space: nowrap; }
h2 { font-size: 1.15em; margin: 1.6em 0 .4em; border-bottom: 2px solid #5b8cc8; padding-bottom: .15em; }
h2 .count { color: #555; font-weight: normal; font-size: .85em; }
.sub { color: #555; margin-top: 0; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #d4d4d4; padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
td.nowrap, .nw { white-space: nowrap; }
tr.overdue td { background: #fff4f2; }
.late { color: #a31515; font-weight: bold; }
.id { color: #666; font-size: .85em; }
.also { color: #666; font-size: .85em; }
ul.reasons { margin: 0; padding-left: 1.1em; }
td:last-child { min-width: 18em; }
.rule { font-family: ui-monospace, monospace; font-size: .9em; }
.clause { color: #16632d; }
.chain { color: #666; font-size: .85em; }
.sms { margin-top: .35em; padding: .3em .45em; background: #f3f5f8; border-left: 3px solid #5b8cc8;
       white-space: pre-line; }
.empty { font-size: 1.1em; padding: 1em; background: #f3f8f3; border: 1px solid #cfe3cf; }
a { color: #1d4f91; }
@media screen and (max-width: 800px) {
  body { margin: .6em auto; padding: 0 .6em; }
  table, tbody, tr, td { display: block; width: auto; }
  thead { display: none; }
  tr { border: 1px solid #d4d4d4; margin: 0 0 .8em; }
  td { border: none; border-bottom: 1px solid #eee; }
  td::before { content: attr(data-label); display: block; color: #666; font-size: .8em; }
  td.short::before { display: inline-block; min-width: 8em; }
  td:last-child { min-width: 0; }
  h1 { font-size: 1.25em; }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  .scroll { overflow: visible; }
  h2 { page-break-after: avoid; break-after: avoid; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  tr.overdue td { background: none; }
  /* A4 is narrower than a screen: the reasons get the room. */
  td.nowrap { white-space: normal; }
  td:last-child { width: 40%; }
}
)";

// The columns of each section's table: Chinese first, the English after it.
constexpr const char *kCustomer = "客户 Customer", *kPhone = "电话 Phone",
                     *kChannel = "渠道 Channel", *kWindow = "时段 Window", *kDue = "期限 Due by",
                     *kReasons = "原因 Reasons";
constexpr const char* kNoOwner = "未分配 No owner";
constexpr const char* kWeekdays[] = {"",       "星期一", "星期二", "星期三",
                                     "星期四", "星期五", "星期六", "星期日"};

// A cell, labelled for the narrow layout (the labels are ours: nothing to escape).
std::string td(const char* label, const std::string& html, const char* cls = nullptr) {
    return fmt::format("<td data-label=\"{}\"{}>{}</td>", label,
                       cls ? fmt::format(" class=\"{}\"", cls) : "", html);
}

// tel: takes digits and a leading +; a phone without digits is shown, not linked.
std::string phone_html(const std::string& phone) {
    std::string dial;
    for (char c : phone)
        if ((c >= '0' && c <= '9') || (c == '+' && dial.empty())) dial += c;
    if (dial.find_first_of("0123456789") == std::string::npos) return html_escape(phone);
    return "<a href=\"tel:" + dial + "\">" + html_escape(phone) + "</a>";
}

std::string channel_html(const Policy& policy, const std::string& id) {
    const ChannelSpec* spec = policy.channel(id);
    if (!spec || spec->label.empty() || spec->label == id) return html_escape(id);
    return html_escape(spec->label) + " <span class=\"id\">" + html_escape(id) + "</span>";
}

// "10:00-11:30 15:30-17:00": each window kept on one line, a narrow column breaks between.
std::string window_html(const std::string& call_window) {
    std::vector<std::string> windows;
    for (const auto& w : split(call_window, ' '))
        if (!w.empty()) windows.push_back("<span class=\"nw\">" + html_escape(w) + "</span>");
    return windows.empty() ? "-" : join(windows, " ");
}

std::string customer_html(const DueItem& item, const std::string& owner) {
    const Customer& c = *item.customer;
    std::string s =
        "<b>" + html_escape(c.name) + "</b><br><span class=\"id\">" + html_escape(c.id) + "</span>";
    std::vector<std::string> others;
    for (const auto& o : c.owners)
        if (o != owner) others.push_back(o);
    if (!others.empty())
        s += "<br><span class=\"also\">" + html_escape("也由 also: " + join(others, ", ")) +
             "</span>";
    return s;
}

std::string due_html(const DueItem& item) {
    std::string s = html_escape(item.due_by.str());
    if (item.days_overdue > 0)
        // Breaks only between the languages in a narrow column.
        s += fmt::format(
            "<br><span class=\"late\">逾期&nbsp;{0}&nbsp;天 · {0}&nbsp;d&nbsp;overdue</span>",
            item.days_overdue);
    return s;
}

std::string reasons_html(const DueItem& item) {
    std::string s = "<ul class=\"reasons\">";
    for (const auto& r : item.reasons) {
        s += "<li><span class=\"rule\">" + html_escape(r.rule_id) + "</span>";
        if (!r.clause.empty()) s += " <span class=\"clause\">" + html_escape(r.clause) + "</span>";
        if (!r.reason.empty()) s += " " + html_escape(r.reason);
        if (!r.explain.empty())
            s += "<br><span class=\"chain\">" + html_escape(join(r.explain, " → ")) + "</span>";
        s += "</li>";
    }
    s += "</ul>";
    if (!item.message.empty())
        s += "<div class=\"sms\">短信 SMS: " + html_escape(item.message) + "</div>";
    return s;
}

std::string item_row(const Policy& policy, const DueItem& item, const std::string& owner) {
    std::string s = item.days_overdue > 0 ? "<tr class=\"overdue\">" : "<tr>";
    s += td(kCustomer, customer_html(item, owner));
    s += td(kPhone, phone_html(item.customer->phone), "short nowrap");
    s += td(kChannel, channel_html(policy, item.channel), "short nowrap");
    s += td(kWindow, window_html(item.call_window), "short");
    s += td(kDue, due_html(item), "short");
    s += td(kReasons, reasons_html(item));
    return s + "</tr>\n";
}

std::string section_html(const Policy& policy, const std::string& owner,
                         const std::vector<const DueItem*>& items) {
    size_t overdue = 0;
    for (const DueItem* item : items) overdue += item->days_overdue > 0;
    std::string s = "<section>\n<h2>" + html_escape(owner.empty() ? kNoOwner : owner);
    s += fmt::format(" <span class=\"count\">{} 位 customers", items.size());
    if (overdue) s += fmt::format(" · {} 逾期 overdue", overdue);
    s += "</span></h2>\n<div class=\"scroll\">\n<table>\n<thead><tr>";
    for (const char* label : {kCustomer, kPhone, kChannel, kWindow, kDue, kReasons})
        s += fmt::format("<th>{}</th>", label);
    s += "</tr></thead>\n<tbody>\n";
    for (const DueItem* item : items) s += item_row(policy, *item, owner);
    return s + "</tbody>\n</table>\n</div>\n</section>\n";
}

// Each owner's items in list order (DueOrder: most overdue first); "" holds those without.
// Only `staff`'s when it is not "".
std::map<std::string, std::vector<const DueItem*>> by_owner(const std::vector<DueItem>& items,
                                                            const std::string& staff) {
    std::map<std::string, std::vector<const DueItem*>> groups;
    for (const auto& item : items) {
        if (item.customer->owners.empty() && staff.empty()) groups[""].push_back(&item);
        for (const auto& o : item.customer->owners) {
            if (!staff.empty() && o != staff) continue;
            auto& group = groups[o];
            if (group.empty() || group.back() != &item) group.push_back(&item);  // owner twice
        }
    }
    return groups;
}

}  // namespace

std::string render_due_html(const Policy& policy, const std::vector<DueItem>& items, Date today,
                            const std::string& staff) {
    const std::string day = today.str() + " " + kWeekdays[today.weekday()];
    std::string s =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    s += "<title>" + html_escape("回访清单 Call list " + today.str()) +
         (policy.company.empty() ? "" : " — " + html_escape(policy.company)) + "</title>\n";
    s += std::string("<style>") + kStyle + "</style>\n</head>\n<body>\n";
    s += "<h1>回访清单 Call list · <span class=\"day\">" + html_escape(day) + "</span></h1>\n";
    size_t overdue = 0;
    for (const auto& item : items) overdue += item.days_overdue > 0;
    std::string sub = policy.company.empty() ? "" : policy.company + " · ";
    sub += fmt::format("{} 位客户 customers due", items.size());
    if (overdue) sub += fmt::format(" · {} 逾期 overdue", overdue);
    s += "<p class=\"sub\">" + html_escape(sub) + "</p>\n";
    if (items.empty())
        s += "<p class=\"empty\">" +
             html_escape("今天没有需要回访的客户。Nothing is due on " + today.str() + ".") +
             "</p>\n";
    auto groups = by_owner(items, staff);
    for (const auto& [owner, group] : groups)
        if (!owner.empty()) s += section_html(policy, owner, group);
    if (auto none = groups.find(""); none != groups.end())
        s += section_html(policy, "", none->second);
    return s + "</body>\n</html>\n";
}

}  // namespace revisit
