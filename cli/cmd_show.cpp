// revisit show ID: a customer's current state and every change to it, oldest first.

#include <fmt/format.h>

#include <iostream>

#include "common.h"
#include "csv/csv.h"
#include "model/customer_edit.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct ShowOptions {
    std::string id;
};

void run_show(const GlobalOptions& global, const ShowOptions& o) {
    const Context ctx = Context::open(global);
    const DirLock lock = ctx.read_lock();
    const std::string text = ctx.dir.read(kCustomersFile);
    // The current state includes attribute changes made by contacts and complaints.
    const CustomerBook book = load_schedule_state(ctx.dir, ctx.policy).book;
    const Customer* c = book.find(o.id);
    if (!c) throw Error(unknown_customer_message(book, o.id));
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

    // The history is the customer's own journal rows, as written.
    std::cout << "\nhistory:\n";
    const CsvTable table = parse_csv_table(text, ctx.dir.file(kCustomersFile));
    const int at = table.column("at"), op = table.column("op"), id = table.column("id"),
              name = table.column("name"), phone = table.column("phone"),
              owners = table.column("owners"), attrs = table.column("attributes"),
              by = table.column("by"), source = table.column("source");
    std::vector<std::vector<std::string>> history;
    for (const auto& r : table.rows) {
        if (r.fields[id] != c->id) continue;
        std::vector<std::string> changes;
        if (!r.fields[name].empty()) changes.push_back("name=" + r.fields[name]);
        if (!r.fields[phone].empty()) changes.push_back("phone=" + r.fields[phone]);
        if (!r.fields[owners].empty()) changes.push_back("owners=" + r.fields[owners]);
        for (const auto& [k, v] : parse_key_values(r.fields[attrs])) changes.push_back(k + "=" + v);
        history.push_back(
            {r.fields[at], r.fields[op], join(changes, " "), r.fields[by], r.fields[source]});
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
