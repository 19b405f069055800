// revisit due [--today DATE] [--staff NAME] [--format table|csv|json] [--explain]
// The morning call list. Quiet when nothing is due (table), exit 0; non-zero on errors.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <iostream>
#include <iterator>
#include <thread>

#include "common.h"
#include "complaint/complaint_due.h"
#include "csv/csv.h"
#include "model/customer_edit.h"
#include "schedule/due.h"
#include "store/complaint_store.h"
#include "store/schedule_cache.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct DueFlags {
    std::string today, staff, format = "table", customer;
    bool explain = false;
};

// The distinct non-empty values of one field of `reasons`, in order, joined by `sep`.
std::string reason_list(const std::vector<DueReason>& reasons, std::string DueReason::*field,
                        std::string_view sep) {
    std::string joined;
    for (size_t i = 0; i < reasons.size(); ++i) {
        const std::string& v = reasons[i].*field;
        bool seen = v.empty();
        for (size_t j = 0; j < i && !seen; ++j) seen = reasons[j].*field == v;
        if (seen) continue;
        if (!joined.empty()) joined += sep;
        joined += v;
    }
    return joined;
}

const std::vector<std::string> kCsvColumns{
    "customer_id", "name",     "phone",   "owners",   "channel",     "due_by",  "days_overdue",
    "priority",    "rule_ids", "clauses", "reasons",  "call_window", "message", "attempts",
    "last_attempt"};

// "2× no-answer, last 11-20 15:00" (outcomes in the order first tried); "" when none.
std::string attempts_text(const std::vector<Attempt>& attempts) {
    if (attempts.empty()) return "";
    std::vector<std::pair<std::string, int>> by_outcome;
    for (const auto& a : attempts) {
        auto it = std::find_if(by_outcome.begin(), by_outcome.end(),
                               [&](const auto& p) { return p.first == a.outcome; });
        if (it == by_outcome.end()) by_outcome.emplace_back(a.outcome, 1);
        else ++it->second;
    }
    std::vector<std::string> parts;
    for (const auto& [outcome, n] : by_outcome) parts.push_back(fmt::format("{}× {}", n, outcome));
    return fmt::format("{}, last {}", join(parts, ", "), attempts.back().at.str().substr(5));
}

// "2026-11-20 15:00 phone no-answer"; "" when none.
std::string last_attempt_text(const std::vector<Attempt>& attempts) {
    if (attempts.empty()) return "";
    const Attempt& a = attempts.back();
    return fmt::format("{} {} {}", a.at.str(), a.channel, a.outcome);
}

// The item's line of the csv list (kCsvColumns), appended to `out` field by field: no
// vector of strings per line.
void append_csv_row(std::string& out, const DueItem& item) {
    const Customer& c = *item.customer;
    auto field = [&](std::string_view value) {
        append_csv_field(out, value);
        out += ',';
    };
    field(c.id);
    field(c.name);
    field(c.phone);
    field(join(c.owners, ";"));
    field(item.channel);
    field(item.due_by.str());
    field(std::to_string(item.days_overdue));
    field(std::to_string(item.priority));
    field(reason_list(item.reasons, &DueReason::rule_id, ";"));
    field(reason_list(item.reasons, &DueReason::clause, ";"));
    field(reason_list(item.reasons, &DueReason::reason, "；"));
    field(item.call_window);
    field(item.message);
    field(std::to_string(item.attempts.size()));
    append_csv_field(out, last_attempt_text(item.attempts));
    out += '\n';
}

nlohmann::ordered_json item_json(const DueItem& item) {
    const Customer& c = *item.customer;
    nlohmann::ordered_json j;
    j["customer_id"] = c.id;
    j["name"] = c.name;
    j["phone"] = c.phone;
    j["owners"] = c.owners;
    j["channel"] = item.channel;
    j["due_by"] = item.due_by.str();
    j["days_overdue"] = item.days_overdue;
    j["priority"] = item.priority;
    j["call_window"] = item.call_window;
    j["message"] = item.message;
    j["attempts"] = item.attempts.size();
    j["last_attempt"] = nullptr;
    if (!item.attempts.empty())
        j["last_attempt"] = {{"at", item.attempts.back().at.str()},
                             {"channel", item.attempts.back().channel},
                             {"outcome", item.attempts.back().outcome}};
    j["reasons"] = nlohmann::ordered_json::array();
    for (const auto& r : item.reasons) {
        nlohmann::ordered_json jr;
        jr["rule_id"] = r.rule_id;
        jr["clause"] = r.clause;
        jr["reason"] = r.reason;
        jr["channel"] = r.channel;
        jr["due_by"] = r.due_by.str();
        jr["days_overdue"] = r.days_overdue;
        jr["explain"] = r.explain;
        j["reasons"].push_back(jr);
    }
    return j;
}

// {"date", "items": [...]} as dump(2) of the whole document would print it, one item at a
// time: a document of a large list would take several times the memory of its text.
void print_json(const std::vector<DueItem>& items, Date today, std::ostream& out) {
    out << "{\n  \"date\": " << nlohmann::ordered_json(today.str()).dump() << ",\n  \"items\": [";
    if (items.empty()) {
        out << "]\n}\n";
        return;
    }
    std::string block;
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string text = item_json(items[i]).dump(2);
        block += i ? ",\n    " : "\n    ";
        // Two levels deeper; the only line ends are dump's own (it escapes those in strings).
        for (size_t at = 0, end; at < text.size(); at = end + 1) {
            end = std::min(text.find('\n', at), text.size());
            block.append(text, at, end - at);
            if (end < text.size()) block += "\n    ";
        }
        if (block.size() >= (1u << 20)) {
            out << block;
            block.clear();
        }
    }
    out << block << "\n  ]\n}\n";
}

void print_table_format(const std::vector<DueItem>& items, bool explain) {
    if (items.empty()) return;  // cron: quiet when nothing is due
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : items) {
        const Customer& c = *item.customer;
        const std::string overdue = item.days_overdue > 0 ? fmt::format("+{}d", item.days_overdue) : "";
        std::string what = reason_list(item.reasons, &DueReason::reason, "；");
        if (!item.message.empty()) what += " 短信: " + item.message;
        rows.push_back({c.id, c.name, c.phone, join(c.owners, ","), item.channel, item.due_by.str(),
                        overdue, item.call_window, reason_list(item.reasons, &DueReason::rule_id, ","),
                        attempts_text(item.attempts), what});
    }
    print_table({"customer", "name", "phone", "owner", "channel", "due_by", "overdue", "window", "rules",
                 "attempts", "reason"},
                rows);
    if (!explain) return;
    std::cout << '\n';
    for (const auto& item : items) {
        std::cout << item.customer->id << " " << item.customer->name << ":\n";
        for (const auto& r : item.reasons)
            std::cout << "  " << r.rule_id << ": " << join(r.explain, " -> ") << '\n';
    }
}

// The csv call list of a large book: each line is rendered when its customer is read and
// kept in one buffer with its sort key, so memory is about the size of the output. Each
// scan worker fills its own list; print() merges them.
class CsvList {
public:
    void add(const DueItem& item) {
        const std::string& id = item.customer->id;
        const size_t at = text_.size();
        text_ += id;
        append_csv_row(text_, item);
        rows_.push_back({item.days_overdue, item.priority, item.due_by, at, static_cast<uint32_t>(id.size()),
                         static_cast<uint32_t>(text_.size() - at - id.size())});
    }
    // The lines of every list, most urgent first, in the order sort_due_items gives items.
    static void print(const std::vector<const CsvList*>& lists, std::ostream& out) {
        struct Line {
            const CsvList* list;
            const Row* row;
        };
        std::vector<Line> lines;
        for (const CsvList* list : lists)
            for (const Row& r : list->rows_) lines.push_back({list, &r});
        std::sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) {
            const Row& a = *x.row;
            const Row& b = *y.row;
            if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
            if (a.priority != b.priority) return a.priority > b.priority;
            if (a.due_by != b.due_by) return a.due_by < b.due_by;
            return x.list->id(a) < y.list->id(b);
        });
        std::string block;  // written in large blocks: one write per line costs more than the sort
        for (const Line& l : lines) {
            block.append(l.list->text_, l.row->at + l.row->id_length, l.row->length);
            if (block.size() >= (1u << 20)) {
                out.write(block.data(), static_cast<std::streamsize>(block.size()));
                block.clear();
            }
        }
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }

private:
    struct Row {
        int days_overdue, priority;
        Date due_by;
        size_t at;  // the id, then the line, in text_
        uint32_t id_length, length;
    };
    std::string_view id(const Row& r) const { return std::string_view(text_).substr(r.at, r.id_length); }
    std::vector<Row> rows_;
    std::string text_;
};

// What one scan worker found due: csv lines, or items with a copy of their customer.
struct DueShare {
    CsvList csv;
    std::deque<Customer> customers;
    std::vector<DueItem> items;
};

void warn_uncovered(const WorkingCalendar& calendar, const Policy& policy, Date today) {
    if (policy.calendar.empty()) {
        std::cerr << "revisit: warning: the rules file names no calendar: holidays and make-up "
                     "working days are unknown\n";
        return;
    }
    // Look as far ahead as a holiday rule does: a greeting may be due before the new year.
    int ahead = 0;
    for (const auto& r : policy.rules)
        if (r.kind == Rule::Kind::Holidays) ahead = std::max(ahead, r.days_before);
    for (Date d : {today, today.add_days(ahead)})
        if (!calendar.covers(d)) {
            std::cerr << fmt::format("revisit: warning: calendars/{}.yaml has no holidays for {}: "
                                     "holiday rules cannot fire and working days count Monday-Friday "
                                     "only; add the year's calendar when it is published\n",
                                     policy.calendar, d.year());
            return;
        }
}

void run_due(const GlobalOptions& global, const DueFlags& o) {
    const DataDir dir = open_data(global);
    const Policy policy = load_policy(dir);
    const WorkingCalendar calendar = load_calendar(dir, policy);
    const Date today = today_or(o.today, policy);
    warn_uncovered(calendar, policy, today);
    const DueOptions options{o.staff, o.explain || o.format == "json"};
    // Customers are read one at a time (store/schedule_cache.h); only those due are kept:
    // as finished csv lines (CsvList) or, for table and json, as items with their customer.
    const bool csv = o.format == "csv";
    // Every core evaluates its share of the customers (store/schedule_cache.h ScanOptions).
    const unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<DueShare> shares(workers);
    std::atomic<bool> customer_seen = false;
    {
        const DirLock lock = dir.lock_shared();
        const std::vector<ComplaintEvent> complaints = load_complaint_events(dir);
        const ExtraReasons extra = complaint_due_reasons(policy, calendar, complaints, today);
        const ScheduleScan scan = scan_schedule(
            dir, policy, complaint_customer_records(complaints),
            [&](const Customer& c, const CustomerHistory& h, unsigned worker) {
                if (!o.customer.empty()) {
                    if (c.id != o.customer) return;
                    customer_seen = true;
                }
                auto more = extra.find(c.id);
                auto item = due_item(policy, calendar, c, h, today, options,
                                     more == extra.end() ? nullptr : &more->second);
                if (!item) return;
                DueShare& share = shares[worker];
                if (csv) return share.csv.add(*item);
                item->customer = &share.customers.emplace_back(c);
                share.items.push_back(std::move(*item));
            },
            [&] {
                for (DueShare& share : shares) share = DueShare();
                customer_seen = false;
            },
            ScanOptions{.workers = workers});
        if (!scan.save_error.empty())
            std::cerr << "revisit: warning: the schedule cache was not saved (" << scan.save_error
                      << "); due reads the whole journals until it can be\n";
    }
    if (!o.customer.empty() && !customer_seen)
        throw Error(fmt::format("unknown customer \"{}\"", o.customer));
    if (csv) {
        std::cout << csv_line(kCsvColumns);
        std::vector<const CsvList*> lists;
        for (const DueShare& share : shares) lists.push_back(&share.csv);
        CsvList::print(lists, std::cout);
        return;
    }
    std::vector<DueItem> items;
    for (DueShare& share : shares) std::move(share.items.begin(), share.items.end(), std::back_inserter(items));
    sort_due_items(items);
    if (o.format == "json") print_json(items, today, std::cout);
    else print_table_format(items, o.explain);
}
}  // namespace

void register_due(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<DueFlags>();
    auto* cmd = app.add_subcommand("due", "the call list: who to contact today, how, and why");
    cmd->add_option("--today", o->today, "the day to plan, YYYY-MM-DD (default: today in the rules' time zone)");
    cmd->add_option("--staff", o->staff, "only customers this staff member owns");
    cmd->add_option("--customer", o->customer, "only this customer");
    cmd->add_option("--format", o->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_flag("--explain", o->explain, "show the chain behind each line (rule, anchor, interval, due-by)");
    cmd->callback([&global, o] { run_due(global, *o); });
}

}  // namespace revisit::cli
