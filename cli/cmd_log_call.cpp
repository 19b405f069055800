// revisit log-call CUSTOMER --channel C --outcome O --staff S [--at T] [--note TEXT]
//   [--signature NAME] [--promise DATE|+Nd --promise-note TEXT] [--set key=value]...

#include <iostream>

#include "common.h"
#include "model/contact_edit.h"
#include "store/store.h"

namespace revisit::cli {

namespace {
struct LogCallOptions {
    ContactInput input;
    std::string at, now;
};

void run_log_call(const GlobalOptions& global, LogCallOptions o) {
    const DataDir dir = open_data(global);
    const Policy policy = load_policy(dir);
    o.input.now = now_or(o.now, policy);
    o.input.at = o.at.empty() ? o.input.now : now_or(o.at, policy);
    const DirLock lock = dir.lock_exclusive();
    const CustomerBook book = load_customers(dir);
    std::vector<std::string> problems;
    ContactRecord record = make_contact_record(policy, book, o.input, problems);
    fail_if(problems);
    record.id = next_record_id(dir, kContactsFile, "K");
    append_contact(dir, record);
    std::cout << record.id << '\n';
}
}  // namespace

void register_log_call(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<LogCallOptions>();
    auto* cmd = app.add_subcommand("log-call", "record a call, visit, SMS or letter; prints its id");
    cmd->add_option("customer", o->input.customer, "customer id")->required();
    cmd->add_option("--channel", o->input.channel, "phone, visit, sms, letter (as the rules file lists)")->required();
    cmd->add_option("--outcome", o->input.outcome, "reached, no-answer ... (as the rules file lists)")->required();
    cmd->add_option("--staff", o->input.staff, "who made the contact")->required();
    cmd->add_option("--at", o->at, "when it happened, \"YYYY-MM-DD HH:MM\" (default: now)");
    cmd->add_option("--note", o->input.note, "what was said");
    cmd->add_option("--signature", o->input.signature, "customer's signature on a visit record");
    cmd->add_option("--promise", o->input.promise, "a reply promised by DATE or +Nd: due that day");
    cmd->add_option("--promise-note", o->input.promise_note, "what was promised");
    cmd->add_option("--set", o->input.set, "change a customer attribute key=value (repeat)");
    cmd->add_option("--now", o->now, "entry time for tests (default: the clock)")->group("");
    cmd->callback([&global, o] { run_log_call(global, *o); });
}

}  // namespace revisit::cli
