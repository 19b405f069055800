// revisit show ID: a customer's current state and every change to it, oldest first.

#include <fmt/format.h>

#include <iostream>

#include "common.h"
#include "model/customer_edit.h"
#include "report/history.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct ShowOptions {
    std::string id;
};

void run_show(const GlobalOptions& global, const ShowOptions& o) {
    const Context ctx = Context::open(global);
    const DataDir dir = ctx.read_snapshot();
    // Only this customer's records (the indexes); its state includes the attribute changes
    // its contacts and complaints made.
    ComplaintKeys keys;
    keys.customers = {o.id};
    const CustomerJournal journal =
        lookup_customer_journal(dir, o.id, lookup_complaints(dir, keys));
    const Customer* c = journal.found ? journal.book.find(o.id) : nullptr;
    if (!c) throw Error(unknown_customer_message(journal.book, o.id));
    std::vector<std::vector<std::string>> rows{{"id", c->id},
                                               {"name", c->name},
                                               {"phone", c->phone},
                                               {"owners", join(c->owners, ", ")},
                                               {"created", c->created.str()}};
    for (const auto& spec : ctx.policy.attributes) {
        const std::string* v = c->attribute(spec.key);
        rows.push_back({spec.key, v ? *v : ""});
    }
    print_table({"field", "value"}, rows);

    // The history is the customer's own customers.csv records, in file order.
    std::cout << "\nhistory:\n";
    std::vector<std::vector<std::string>> history;
    for (const auto& r : journal.records) {
        std::vector<std::string> changes;
        for (const auto& [k, v] : customer_record_changes(r)) changes.push_back(k + "=" + v);
        history.push_back({r.at.str(), r.op, join(changes, " "), r.by, r.source});
    }
    print_table({"at", "op", "changes", "by", "source"}, history);
}
}  // namespace

void register_show(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<ShowOptions>();
    auto* cmd = app.add_subcommand("show", "a customer's current state and change history");
    cmd->add_option("id", o->id, "customer id")->required();
    cmd->callback([&global, o] { run_show(global, *o); });
}

}  // namespace revisit::cli
