// revisit log-call CUSTOMER --channel C --outcome O --staff S [--at T] [--note TEXT]
//   [--signature NAME] [--promise DATE|+Nd | --callback TIME|+Nd|+Nh] [--promise-note TEXT]
//   [--finding KIND --finding-note TEXT] [--set key=value]...
// revisit log-call --amend RECORD_ID [CUSTOMER] [any of the flags above]
// Appends one record to contacts.csv and prints its id (docs/journal.md).

#include <fmt/format.h>

#include <iostream>

#include "common.h"
#include "model/contact_edit.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
// A malformed --promise or --callback (or both given) is a usage error (exit 2) like a
// malformed --at (docs/commands.md, "Exit codes"); make_contact_record refuses one before
// the contact with exit 1.
void check_promise_form(const ContactInput& input) {
    if (const auto problems = promise_form_problems(input); !problems.empty())
        throw Error(join(problems, "\n"), kExitUsage);
}

struct LogCallOptions {
    ContactInput input;
    std::string at, now, amend;
    std::vector<std::string> given;  // fields typed, for --amend (kContactInputFields names)
};

void run_log_call(const GlobalOptions& global, LogCallOptions o) {
    TextArguments texts;  // @FILE and - (stdin): notes need not be in ps or the shell history
    o.input.note = texts.read("--note", o.input.note);
    o.input.promise_note = texts.read("--promise-note", o.input.promise_note);
    o.input.finding_note = texts.read("--finding-note", o.input.finding_note);
    const Context ctx = Context::open(global);
    const auto times = ctx.record_times(o.at, o.now);
    o.input.now = times.now;
    o.input.at = times.at;
    check_promise_form(o.input);
    // Only --amend reads contacts.idx: a plain call must not wait for it to be built.
    const DirLock lock = o.amend.empty() ? ctx.write_lock({kCustomersFile})
                                         : ctx.write_lock({kCustomersFile, kContactsFile});
    // Reads only the customer's records (customers.idx) and, for an amendment, the record
    // amended and whatever already amends it (contacts.idx); contact ids come from
    // .seq-contacts.csv. The cost does not grow with the journals.
    std::vector<std::string> problems;
    ContactRecord record;
    if (o.amend.empty()) {
        CustomerKeys keys{{}, {}, true};
        if (!o.input.customer.empty()) keys.ids.push_back(o.input.customer);
        record =
            make_contact_record(ctx.policy, lookup_customers(ctx.dir, keys), o.input, problems);
    } else {
        const AmendTarget target = lookup_amend_target(ctx.dir, o.amend);
        CustomerKeys keys{{}, {}, true};
        if (target.original) keys.ids.push_back(target.original->customer);
        record = make_amendment(ctx.policy, lookup_customers(ctx.dir, keys), target, o.input,
                                o.given, problems);
    }
    fail_if(problems);
    const NewRecordId id = next_record_id(ctx.dir, kContactsFile, "K");
    record.id = id.id;
    append_contact(ctx.dir, record, {id.counter});  // the counter moves only with the record
    std::cout << record.id << '\n';
}
}  // namespace

void register_log_call(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<LogCallOptions>();
    auto* cmd =
        app.add_subcommand("log-call", "record a call, visit, SMS or letter; prints its id");
    ContactInput& in = o->input;
    const std::vector<std::pair<CLI::Option*, std::string>> fields{
        {cmd->add_option("customer", in.customer, "customer id (with --amend: optional)"),
         "customer"},
        {cmd->add_option("--channel", in.channel,
                         "phone, visit, sms, letter (as the rules file lists)"),
         "channel"},
        {cmd->add_option("--outcome", in.outcome,
                         "reached, no-answer ... (as the rules file lists)"),
         "outcome"},
        {cmd->add_option("--staff", in.staff, "who made the contact"), "staff"},
        {cmd->add_option("--at", o->at, "when it happened, \"YYYY-MM-DD HH:MM\" (default: now)"),
         "at"},
        {cmd->add_option("--note", in.note, "what was said (@FILE: from FILE, -: from stdin)"),
         "note"},
        {cmd->add_option("--signature", in.signature, "customer's signature on a visit record"),
         "signature"},
        {cmd->add_option("--promise", in.promise, "a reply promised by DATE or +Nd: due that day"),
         "promise"},
        {cmd->add_option("--callback", in.callback,
                         "the customer asked to be called back at \"YYYY-MM-DD HH:MM\", +Nd or "
                         "+Nh: due that day, at that time"),
         "callback"},
        {cmd->add_option("--promise-note", in.promise_note,
                         "what was promised, or the callback is about (@FILE, -)"),
         "promise_note"},
        {cmd->add_option("--finding", in.finding,
                         "what the contact found: quality, service ... (rules file findings:)"),
         "finding"},
        {cmd->add_option("--finding-note", in.finding_note,
                         "the finding, for the departments it goes to (@FILE, -)"),
         "finding_note"},
        {cmd->add_option("--set", in.set, "change a customer attribute key=value (repeat)"), "set"},
    };
    cmd->add_option("--amend", o->amend,
                    "correct record RECORD_ID: a copy of it with the given flags changed; both "
                    "stay in the journal");
    cmd->add_option("--now", o->now, "entry time for tests (default: the clock)")->group("");
    cmd->callback([&global, o, fields] {
        o->given.clear();
        for (const auto& [option, name] : fields)
            if (option->count() > 0) o->given.push_back(name);
        run_log_call(global, *o);
    });
}

}  // namespace revisit::cli
