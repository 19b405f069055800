#include "schedule/due_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "csv/csv.h"
#include "util/text.h"

namespace revisit {

namespace {

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

// "2× no-answer, last 11-20 15:00" (outcomes in the order first tried); "" when none.
std::string attempts_text(const std::vector<Attempt>& attempts) {
    if (attempts.empty()) return "";
    std::vector<std::pair<std::string, int>> by_outcome;
    for (const auto& a : attempts) {
        auto it = std::find_if(by_outcome.begin(), by_outcome.end(),
                               [&](const auto& p) { return p.first == a.outcome; });
        if (it == by_outcome.end())
            by_outcome.emplace_back(a.outcome, 1);
        else
            ++it->second;
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

}  // namespace

const std::vector<std::string>& due_csv_columns() {
    static const std::vector<std::string> columns{
        "customer_id", "name",         "phone",    "owners",   "channel",
        "due_by",      "days_overdue", "priority", "rule_ids", "clauses",
        "reasons",     "call_window",  "message",  "attempts", "last_attempt"};
    return columns;
}

void append_due_csv_row(std::string& out, const DueItem& item, bool raw) {
    const Customer& c = *item.customer;
    auto cell = [&](std::string_view value) {
        if (!raw && formula_like(value))
            append_csv_field(out, excel_safe(value));
        else
            append_csv_field(out, value);
    };
    auto field = [&](std::string_view value) {
        cell(value);
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
    cell(last_attempt_text(item.attempts));
    out += '\n';
}

void write_due_json(const std::vector<DueItem>& items, Date today,
                    const std::function<void(std::string_view)>& write) {
    std::string block =
        "{\n  \"date\": " + nlohmann::ordered_json(today.str()).dump() + ",\n  \"items\": [";
    if (items.empty()) {
        write(block + "]\n}\n");
        return;
    }
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
            write(block);
            block.clear();
        }
    }
    write(block + "\n  ]\n}\n");
}

const std::vector<std::string>& due_table_header() {
    static const std::vector<std::string> header{"customer", "name",     "phone",   "owner",
                                                 "channel",  "due_by",   "overdue", "window",
                                                 "rules",    "attempts", "reason"};
    return header;
}

std::vector<std::vector<std::string>> due_table_rows(const std::vector<DueItem>& items) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : items) {
        const Customer& c = *item.customer;
        const std::string overdue =
            item.days_overdue > 0 ? fmt::format("+{}d", item.days_overdue) : "";
        std::string what = reason_list(item.reasons, &DueReason::reason, "；");
        if (!item.message.empty()) what += " 短信: " + item.message;
        rows.push_back({c.id, c.name, c.phone, join(c.owners, ","), item.channel, item.due_by.str(),
                        overdue, item.call_window,
                        reason_list(item.reasons, &DueReason::rule_id, ","),
                        attempts_text(item.attempts), what});
    }
    return rows;
}

std::string due_explain_text(const std::vector<DueItem>& items) {
    std::string out;
    for (const auto& item : items) {
        out += item.customer->id + " " + item.customer->name + ":\n";
        for (const auto& r : item.reasons)
            out += "  " + r.rule_id + ": " + join(r.explain, " -> ") + "\n";
    }
    return out;
}

}  // namespace revisit
