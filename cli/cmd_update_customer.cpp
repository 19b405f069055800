// revisit update-customer ID [--name N] [--phone P] [--owner S]... [--set k=v]...
// Appends a change; the history keeps every earlier value.

#include <iostream>

#include "common.h"
#include "model/customer_edit.h"
#include "model/phone.h"
#include "store/index/lookup.h"
#include "store/store.h"

namespace revisit::cli {

namespace {
struct UpdateOptions {
    std::string id, name, phone, at, now, by;
    std::vector<std::string> owners, set;
    bool allow_duplicate = false;
};

void run_update(const GlobalOptions& global, const UpdateOptions& o) {
    const Context ctx = Context::open(global);
    std::vector<std::string> problems;
    CustomerInput change{.id = "",
                         .name = o.name,
                         .phone = o.phone,
                         .owners = o.owners,
                         .set = parse_assignments(o.set, problems),
                         .allow_duplicate_phone = o.allow_duplicate};
    const auto [now, at] = ctx.record_times(o.at, o.now);
    // As log-call: a time ahead of the clock would refuse every later record of the customer.
    if (std::string p = future_time_problem("--at", at, now); !p.empty()) problems.push_back(p);
    const DirLock lock = ctx.write_lock({kCustomersFile});
    // Only the customer changed and whoever has the new phone (the index).
    CustomerKeys keys{{o.id}, {}, true};
    if (auto phone = normalize_phone(o.phone)) keys.phones.push_back(*phone);
    const CustomerBook book = lookup_customers(ctx.dir, keys);
    CustomerRecord record = make_update_record(ctx.policy, book, o.id, change, at, problems);
    fail_if(problems);
    record.by = entered_by(o.by);
    record.source = "update-customer";
    append_customer_records(ctx.dir, {record});
}
}  // namespace

void register_update_customer(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<UpdateOptions>();
    auto* cmd =
        app.add_subcommand("update-customer", "record a change to a customer (history kept)");
    cmd->add_option("id", o->id, "customer id")->required();
    cmd->add_option("--name", o->name, "new name");
    cmd->add_option("--phone", o->phone, "new phone");
    cmd->add_option("--owner", o->owners, "new owners: the full list (repeat)");
    cmd->add_option("--set", o->set, "attribute key=value; key= clears it (repeat)");
    cmd->add_option("--at", o->at, "when, \"YYYY-MM-DD HH:MM\" (default: now)");
    cmd->add_option("--by", o->by, "who enters it (default: $USER)");
    cmd->add_option("--now", o->now, "entry time for tests (default: the clock)")->group("");
    cmd->add_flag("--allow-duplicate", o->allow_duplicate, "allow a phone another customer has");
    cmd->callback([&global, o] { run_update(global, *o); });
}

}  // namespace revisit::cli
