// revisit add-customer --name N --phone P --owner S [--owner S2] [--id ID] [--set k=v]...

#include <iostream>

#include "common.h"
#include "model/customer_edit.h"
#include "model/phone.h"
#include "store/index/lookup.h"
#include "store/store.h"

namespace revisit::cli {

namespace {
struct AddOptions {
    std::string id, name, phone, at, now, by;
    std::vector<std::string> owners, set;
    bool allow_duplicate = false;
};

void run_add(const GlobalOptions& global, const AddOptions& o) {
    const Context ctx = Context::open(global);
    std::vector<std::string> problems;
    CustomerInput input{.id = o.id,
                        .name = o.name,
                        .phone = o.phone,
                        .owners = o.owners,
                        .set = parse_assignments(o.set, problems),
                        .allow_duplicate_phone = o.allow_duplicate};
    const auto [now, at] = ctx.record_times(o.at, o.now);
    // As log-call: a time ahead of the clock would refuse every later record of the customer.
    if (std::string p = future_time_problem("--at", at, now); !p.empty()) problems.push_back(p);
    // Check and append under one lock, so two writers cannot both take an id or a phone.
    const DirLock lock = ctx.write_lock({kCustomersFile});
    // Only the customers this add could clash with: its id and its phone (the index).
    CustomerKeys keys;
    if (!o.id.empty()) keys.ids.push_back(o.id);
    if (auto phone = normalize_phone(o.phone)) keys.phones.push_back(*phone);
    const CustomerBook book = lookup_customers(ctx.dir, keys);
    CustomerRecord record = make_add_record(ctx.policy, book, input, at, problems);
    fail_if(problems);
    record.by = entered_by(o.by);
    record.source = "add-customer";
    append_customer_records(ctx.dir, {record});
    std::cout << record.id << '\n';
}
}  // namespace

void register_add_customer(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<AddOptions>();
    auto* cmd = app.add_subcommand("add-customer", "add a customer; prints its id");
    cmd->add_option("--name", o->name, "customer name")->required();
    cmd->add_option("--phone", o->phone, "mobile or landline; normalised")->required();
    cmd->add_option("--owner", o->owners, "staff member who knows the customer (repeat)");
    cmd->add_option("--id", o->id, "customer id (default: next C000001-style id)");
    cmd->add_option("--set", o->set, "attribute key=value declared in the rules file (repeat)");
    cmd->add_option("--at", o->at, "when, \"YYYY-MM-DD HH:MM\" (default: now)");
    cmd->add_option("--by", o->by, "who enters it (default: $USER)");
    cmd->add_option("--now", o->now, "entry time for tests (default: the clock)")->group("");
    cmd->add_flag("--allow-duplicate", o->allow_duplicate, "allow a phone another customer has");
    cmd->callback([&global, o] { run_add(global, *o); });
}

}  // namespace revisit::cli
