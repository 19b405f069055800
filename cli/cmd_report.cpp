// revisit report revisit-rate --from DATE --to DATE [--by staff|rule] [--format table|csv|json]
//   [--raw]
// revisit report findings --from DATE --to DATE [--format table|csv|json] [--raw]
// Managers' views of the journal (docs/journal.md): whether the regulation's revisit rate
// is kept (S0.2-4.4) and which departments have findings to act on (S0.1-10).

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "calendar/coverage.h"
#include "common.h"
#include "csv/csv.h"
#include "journal/fold.h"
#include "model/customer_csv.h"
#include "output.h"
#include "report/findings.h"
#include "report/revisit_rate.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct ReportOptions {
    std::string from, to, by, format = "table";
    bool raw = false;
};

// One csv line; names, staff and notes as typed get no spreadsheet formulas unless --raw.
std::string report_csv_line(std::vector<std::string> cells, const ReportOptions& o) {
    if (!o.raw)
        for (auto& cell : cells) cell = excel_safe(cell);
    return csv_line(cells);
}

struct Period {
    Date from, to;
};

Period period_of(const ReportOptions& o) {
    auto parse = [](const char* flag, const std::string& text) {
        auto d = Date::parse(text);
        if (!d)
            throw Error(fmt::format("{} \"{}\" is not a date; expected YYYY-MM-DD", flag, text),
                        kExitUsage);
        return *d;
    };
    if (o.raw && o.format != "csv") throw Error("--raw goes with --format csv", kExitUsage);
    const Period p{parse("--from", o.from), parse("--to", o.to)};
    if (p.from > p.to)
        throw Error(fmt::format("--from {} is after --to {}", p.from.str(), p.to.str()),
                    kExitUsage);
    return p;
}

std::string percent(std::optional<double> rate) {
    return rate ? fmt::format("{:.1f}%", *rate * 100) : "n/a";
}

// ---- revisit-rate

const std::vector<std::string> kItemColumns{"customer_id", "name",    "owners",       "rule_id",
                                            "clause",      "due_by",  "first_listed", "status",
                                            "done_at",     "done_by", "done_contact"};

std::vector<std::string> item_row(const RateItem& i) {
    return {i.customer_id,
            i.customer_name,
            join(i.owners, ";"),
            i.rule_id,
            i.clause,
            i.due_by.str(),
            i.first_listed.str(),
            rate_status_name(i.status),
            i.done_at ? i.done_at->str() : "",
            i.done_by,
            i.done_contact};
}

std::vector<std::string> count_row(const RateCount& c) {
    return {c.key,
            std::to_string(c.total()),
            std::to_string(c.on_time),
            std::to_string(c.late),
            std::to_string(c.missed),
            std::to_string(c.open),
            percent(c.rate())};
}

nlohmann::ordered_json count_json(const RateCount& c, const std::string& key_name) {
    nlohmann::ordered_json j;
    if (!key_name.empty()) j[key_name] = c.key;
    j["due"] = c.total();
    j["on_time"] = c.on_time;
    j["late"] = c.late;
    j["missed"] = c.missed;
    j["open"] = c.open;
    j["rate"] = c.rate() ? nlohmann::ordered_json(*c.rate()) : nlohmann::ordered_json(nullptr);
    return j;
}

void print_rate_json(const RevisitRateReport& r, const std::string& by) {
    nlohmann::ordered_json doc;
    doc["from"] = r.from.str();
    doc["to"] = r.to.str();
    doc["target"] = r.target;
    doc["clause"] = r.clause;
    doc.update(count_json(r.all, ""));
    doc["meets_target"] = r.meets_target();
    for (const auto& [name, groups] : {std::pair{"staff", &r.by_staff}, {"rule", &r.by_rule}}) {
        if (!by.empty() && by != name) continue;
        auto& list = doc[std::string("by_") + name] = nlohmann::ordered_json::array();
        for (const auto& g : *groups) list.push_back(count_json(g, name));
    }
    doc["items"] = nlohmann::ordered_json::array();
    for (const auto& i : r.items) {
        nlohmann::ordered_json j;
        const auto row = item_row(i);
        for (size_t k = 0; k < kItemColumns.size(); ++k) j[kItemColumns[k]] = row[k];
        j["owners"] = i.owners;
        doc["items"].push_back(j);
    }
    std::cout << doc.dump(2) << '\n';
}

void print_rate_table(const RevisitRateReport& r, const std::string& by) {
    const std::string target = fmt::format("{:g}%", r.target * 100);
    const std::string clause = r.clause.empty() ? "" : fmt::format(" ({})", r.clause);
    if (r.all.total() == 0)
        std::cout << fmt::format("revisit rate {} .. {}: nothing was due; target {}{}\n",
                                 r.from.str(), r.to.str(), target, clause);
    else
        std::cout << fmt::format("revisit rate {} .. {}: {} of {} on time = {}; target {}{}: {}\n",
                                 r.from.str(), r.to.str(), r.all.on_time, r.all.total(),
                                 percent(r.all.rate()), target, clause,
                                 r.meets_target() ? "met" : "BELOW TARGET");
    std::cout << fmt::format("on-time {}, late {}, missed {}; open (due after {}) {}\n",
                             r.all.on_time, r.all.late, r.all.missed, r.to.str(), r.all.open);
    for (const auto& [name, groups] : {std::pair{"staff", &r.by_staff}, {"rule", &r.by_rule}}) {
        if (!by.empty() && by != name) continue;
        std::vector<std::vector<std::string>> rows;
        for (const auto& g : *groups) rows.push_back(count_row(g));
        std::cout << fmt::format("\nby {}:\n", name);
        print_table({name, "due", "on-time", "late", "missed", "open", "rate"}, rows);
    }
    std::vector<std::vector<std::string>> misses;
    for (const auto& i : r.items)
        if (i.status == RateStatus::Late || i.status == RateStatus::Missed) {
            auto row = item_row(i);
            misses.push_back({row[0], row[1], row[2], row[3], row[5], row[8], row[9], row[7]});
        }
    if (misses.empty()) return;
    std::cout << "\nnot on time:\n";
    print_table({"customer", "name", "owners", "rule", "due_by", "done_at", "done_by", "status"},
                misses);
}

void run_revisit_rate(const GlobalOptions& global, const ReportOptions& o) {
    const Period period = period_of(o);
    const Context ctx = Context::open(global, Context::Calendar::Load);
    std::vector<CustomerRecord> records;
    std::vector<ContactRecord> contacts;
    {
        const DataDir dir = ctx.read_snapshot();
        records = parse_customer_records(dir.read(kCustomersFile, true), dir.file(kCustomersFile));
        contacts = effective_contacts(
            parse_contacts(dir.read(kContactsFile, true), dir.file(kContactsFile)));
    }
    std::optional<Progress> replaying;  // on a terminal only
    const RevisitRateReport report =
        revisit_rate(ctx.policy, ctx.calendar, records, contacts, period.from, period.to,
                     [&](size_t done, size_t days) {
                         if (!replaying) replaying.emplace("replaying the period, days", days);
                         replaying->update(done);
                     });
    if (replaying) replaying->finish("");
    if (auto w = calendar_period_warning(ctx.calendar, period.from, period.to, ctx.policy.calendar))
        std::cerr << "revisit: warning: " << *w << '\n';
    if (o.format == "json") {
        print_rate_json(report, o.by);
    } else if (o.format == "csv" && !o.by.empty()) {
        std::cout << csv_line({o.by, "due", "on_time", "late", "missed", "open", "rate"});
        for (const auto& g : o.by == "staff" ? report.by_staff : report.by_rule) {
            auto row = count_row(g);
            row.back() = g.rate() ? fmt::format("{:.4f}", *g.rate()) : "";
            std::cout << report_csv_line(row, o);
        }
    } else if (o.format == "csv") {
        std::cout << csv_line(kItemColumns);
        for (const auto& i : report.items) std::cout << report_csv_line(item_row(i), o);
    } else {
        print_rate_table(report, o.by);
    }
}

// ---- findings

const std::vector<std::string> kFindingColumns{"department", "finding", "label",       "clause",
                                               "at",         "contact", "customer_id", "name",
                                               "staff",      "note"};

std::vector<std::string> finding_row(const RoutedFinding& f) {
    return {f.department, f.kind,        f.label,         f.clause, f.at.str(),
            f.contact_id, f.customer_id, f.customer_name, f.staff,  f.note};
}

void run_findings(const GlobalOptions& global, const ReportOptions& o) {
    const Period period = period_of(o);
    const Context ctx = Context::open(global);
    // One pass over contacts.csv keeping the period's findings; the names of their customers
    // through the index (memory follows the findings, not the journals).
    std::vector<ContactRecord> contacts;
    CustomerBook customers;
    {
        const DataDir dir = ctx.read_snapshot();
        FoldProgressLine reading("reading contacts.csv");  // on a terminal only
        contacts = load_contacts_where(
            dir, "finding",
            [&](const ContactRecord& r) { return finding_in_period(r, period.from, period.to); },
            reading.hook());
        CustomerKeys keys;
        for (const auto& r : contacts) keys.ids.push_back(r.customer);
        customers = lookup_customers(dir, keys);
    }
    for (const auto& r : contacts)
        if (!customers.find(r.customer))
            throw Error(fmt::format("{}: contact {} is for unknown customer \"{}\"",
                                    ctx.dir.file(kContactsFile), r.id, r.customer));
    const auto rows = route_findings(ctx.policy, customers, contacts, period.from, period.to);
    if (o.format == "csv") {
        std::cout << csv_line(kFindingColumns);
        for (const auto& f : rows) std::cout << report_csv_line(finding_row(f), o);
        return;
    }
    if (o.format == "json") {
        nlohmann::ordered_json doc;
        doc["from"] = period.from.str();
        doc["to"] = period.to.str();
        doc["departments"] = nlohmann::ordered_json::array();
        for (const auto& [department, n] : count_by_department(rows)) {
            nlohmann::ordered_json d;
            d["department"] = department;
            d["count"] = n;
            d["findings"] = nlohmann::ordered_json::array();
            for (const auto& f : rows) {
                if (f.department != department) continue;
                nlohmann::ordered_json j;
                const auto row = finding_row(f);
                for (size_t k = 1; k < kFindingColumns.size(); ++k) j[kFindingColumns[k]] = row[k];
                d["findings"].push_back(j);
            }
            doc["departments"].push_back(d);
        }
        std::cout << doc.dump(2) << '\n';
        return;
    }
    if (rows.empty()) {
        std::cout << fmt::format("no findings {} .. {}\n", period.from.str(), period.to.str());
        return;
    }
    std::vector<std::vector<std::string>> counts, table;
    for (const auto& [department, n] : count_by_department(rows))
        counts.push_back({department, std::to_string(n)});
    print_table({"department", "findings"}, counts);
    for (const auto& f : rows)
        table.push_back(
            {f.department, f.at.str(), f.customer_id, f.customer_name, f.staff, f.kind, f.note});
    std::cout << '\n';
    print_table({"department", "at", "customer", "name", "staff", "finding", "note"}, table);
}

CLI::App* add_period(CLI::App* cmd, ReportOptions& o, const std::vector<std::string>& formats) {
    cmd->add_option("--from", o.from, "first day, YYYY-MM-DD")->required();
    cmd->add_option("--to", o.to, "last day, YYYY-MM-DD")->required();
    cmd->add_option("--format", o.format, join(formats, ", "))->check(CLI::IsMember(formats));
    cmd->add_flag("--raw", o.raw,
                  "csv: cells exactly as stored (no apostrophe before = + - @ for spreadsheets)");
    return cmd;
}
}  // namespace

void register_report(CLI::App& app, const GlobalOptions& global) {
    auto* cmd = app.add_subcommand("report", "managers' reports: revisit-rate, findings");
    cmd->require_subcommand(1);
    auto rate = std::make_shared<ReportOptions>();
    auto* r = add_period(
        cmd->add_subcommand("revisit-rate",
                            "revisits due in a period: on time, late, missed (S0.2-4.4)"),
        *rate, {"table", "csv", "json"});
    r->add_option("--by", rate->by, "staff or rule: group by one only")
        ->check(CLI::IsMember({"staff", "rule"}));
    r->callback([&global, rate] { run_revisit_rate(global, *rate); });
    auto findings = std::make_shared<ReportOptions>();
    add_period(cmd->add_subcommand("findings", "findings routed to departments (S0.1-10)"),
               *findings, {"table", "csv", "json"})
        ->callback([&global, findings] { run_findings(global, *findings); });
}

}  // namespace revisit::cli
