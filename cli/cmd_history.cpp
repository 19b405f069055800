// revisit history CUSTOMER [--format table|json]
// The customer's whole timeline, oldest first: changes from customers.csv and contacts
// from contacts.csv, amendments and the records they supersede marked (docs/journal.md).

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "common.h"
#include "model/customer_csv.h"
#include "model/customer_edit.h"
#include "report/history.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct HistoryOptions {
    std::string id, format = "table";
};

std::string changes_text(const KeyValues& kv) {
    std::vector<std::string> parts;
    for (const auto& [k, v] : kv) parts.push_back(k + "=" + v);
    return join(parts, " ");
}

std::vector<std::string> table_row(const TimelineEntry& e) {
    if (!e.contact)
        return {e.at.str(), timeline_kind_name(e.kind), e.source, e.by, changes_text(e.changes)};
    const ContactRecord& r = *e.contact;
    std::string details = contact_summary(r);
    if (!r.amends.empty()) details = fmt::format("[amends {}] {}", r.amends, details);
    if (!e.superseded_by.empty())
        details = fmt::format("[superseded by {}] {}", e.superseded_by, details);
    return {e.at.str(), r.amends.empty() ? "contact" : "amendment", r.id, e.by, details};
}

nlohmann::ordered_json json_entry(const TimelineEntry& e) {
    nlohmann::ordered_json j;
    j["at"] = e.at.str();
    j["event"] = e.contact && !e.contact->amends.empty() ? "amendment" : timeline_kind_name(e.kind);
    j["by"] = e.by;
    nlohmann::ordered_json changes = nlohmann::ordered_json::object();
    for (const auto& [k, v] : e.changes) changes[k] = v;
    if (!e.contact) {
        j["source"] = e.source;
        j["changes"] = changes;
        return j;
    }
    const ContactRecord& r = *e.contact;
    j["id"] = r.id;
    j["channel"] = r.channel;
    j["outcome"] = r.outcome;
    j["note"] = r.note;
    j["signature"] = r.signature;
    j["promise"] = r.promise;
    j["promise_note"] = r.promise_note;
    j["finding"] = r.finding;
    j["finding_note"] = r.finding_note;
    j["set"] = changes;
    j["amends"] = r.amends;
    j["superseded_by"] = e.superseded_by;
    j["logged_at"] = r.logged_at.str();
    return j;
}

void run_history(const GlobalOptions& global, const HistoryOptions& o) {
    const DataDir dir = open_data(global);
    // Only this customer's records, through the indexes. Complaints are not shown yet, and the
    // name and phone printed are those customers.csv gives.
    CustomerJournal journal;
    { journal = lookup_customer_journal(read_snapshot(dir), o.id, ComplaintLookup()); }
    const CustomerBook book = fold_customer_records(journal.records, dir.file(kCustomersFile));
    const Customer* c = journal.found ? book.find(o.id) : nullptr;
    if (!c) throw Error(unknown_customer_message(journal.book, o.id));
    const auto timeline = customer_timeline(journal.records, journal.contacts, c->id);
    if (o.format == "json") {
        nlohmann::ordered_json doc;
        doc["customer_id"] = c->id;
        doc["name"] = c->name;
        doc["entries"] = nlohmann::ordered_json::array();
        for (const auto& e : timeline) doc["entries"].push_back(json_entry(e));
        std::cout << doc.dump(2) << '\n';
        return;
    }
    std::cout << fmt::format("{} {} {}\n", c->id, c->name, c->phone);
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : timeline) rows.push_back(table_row(e));
    print_table({"at", "event", "ref", "by", "details"}, rows);
}
}  // namespace

void register_history(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<HistoryOptions>();
    auto* cmd = app.add_subcommand(
        "history", "a customer's whole timeline: changes and contacts, oldest first");
    cmd->add_option("customer", o->id, "customer id")->required();
    cmd->add_option("--format", o->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}));
    cmd->callback([&global, o] { run_history(global, *o); });
}

}  // namespace revisit::cli
