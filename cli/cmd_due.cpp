// revisit due [--today DATE] [--staff NAME] [--customer ID]
//   [--format table|csv|json|html|ics] [--raw] [--explain] [--output FILE]
// The morning call list. Quiet when nothing is due (table), exit 0; non-zero on errors.

#include <fmt/format.h>

#include <iostream>

#include "calendar/coverage.h"
#include "common.h"
#include "complaint/complaint_due.h"
#include "csv/csv.h"
#include "local_time.h"
#include "output.h"
#include "schedule/call_list.h"
#include "schedule/due_format.h"
#include "schedule/due_html.h"
#include "schedule/due_ics.h"
#include "store/complaint_store.h"
#include "store/output_file.h"
#include "store/schedule_cache/scan.h"
#include "store/store.h"
#include "util/parallel.h"

namespace revisit::cli {

namespace {
struct DueFlags {
    std::string today, staff, format = "table", customer, output;
    bool explain = false, raw = false;
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
            std::cerr << fmt::format(
                "revisit: warning: calendars/{}.yaml has no holidays for {}: "
                "holiday rules cannot fire and working days count Monday-Friday "
                "only; add the official calendar when it is published: {}\n",
                policy.calendar, d.year(), import_command(d.year()));
            return;
        }
    if (const auto w = calendar_ahead_warning(calendar, today, policy.calendar))
        std::cerr << "revisit: warning: " << *w << '\n';  // the calendar is about to run out
}

// A day's list counts what had happened by its end: a past day is replayed as it was.
DateTime end_of(Date day) { return DateTime::at(day).add_minutes(24 * 60 - 1); }

void run_due(const GlobalOptions& global, const DueFlags& o) {
    if (o.raw && o.format != "csv") throw Error("--raw goes with --format csv", kExitUsage);
    const Context ctx = Context::open(global, Context::Calendar::Load);
    // Before anything is read: a refused --output leaves the directory as it was (no cache).
    if (!o.output.empty()) check_output_file("--output", o.output, &ctx.dir);
    const Date today = ctx.today(o.today);
    warn_uncovered(ctx.calendar, ctx.policy, today);
    const CallListOptions options{
        {o.staff, o.explain || o.format == "json"}, o.customer, o.format == "csv", o.raw};
    CallList list;
    {
        const DataDir dir = ctx.read_snapshot();  // writers go on meanwhile
        const std::vector<ComplaintEvent> complaints = load_complaint_events(dir);
        const ExtraReasons extra =
            complaint_due_reasons(ctx.policy, ctx.calendar, complaints, today);
        FoldProgressLine rebuilding;  // on a terminal, while no usable cache is there
        ScheduleSource source(dir, ctx.policy, complaint_customer_records(complaints),
                              ScanOptions{.workers = hardware_workers(),
                                          .as_of = end_of(today),
                                          .fold_progress = rebuilding.hook()});
        list = build_call_list(DuePlan(ctx.policy, ctx.calendar), source, today, options, &extra);
        if (!source.scan().save_error.empty())
            std::cerr << "revisit: warning: the schedule cache was not saved ("
                      << source.scan().save_error
                      << "); due reads the whole journals until it can be\n";
    }
    if (!o.customer.empty() && !list.customer_seen())
        throw Error(fmt::format("unknown customer \"{}\"", o.customer));
    // A typo in a cron line must not mail an empty list forever.
    if (!o.staff.empty() && !list.staff_seen())
        throw Error(
            unknown_staff_message("--staff", o.staff, "owns no customer", list.owners_seen()));
    Output out(o.output);  // stdout, or the file put in place whole by finish()
    const auto write = [&out](std::string_view text) { out.write(text); };
    if (o.format == "csv") {
        out.write(csv_line(due_csv_columns()));
        list.write_csv(write);
    } else if (o.format == "json") {
        write_due_json(list.items(), today, write);
    } else if (o.format == "html") {
        out.write(render_due_html(ctx.policy, list.items(), today, o.staff));
    } else if (o.format == "ics") {
        out.write(render_due_ics(ctx.policy, list.items(), today, utc_in(ctx.policy.timezone)));
    } else if (!list.items().empty()) {  // cron: quiet when nothing is due
        out.write(table_text(due_table_header(), due_table_rows(list.items())));
        if (o.explain) out.write("\n" + due_explain_text(list.items()));
    }
    out.finish();
}
}  // namespace

void register_due(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<DueFlags>();
    auto* cmd = app.add_subcommand("due", "the call list: who to contact today, how, and why");
    cmd->add_option("--today", o->today,
                    "the day to plan, YYYY-MM-DD (default: today in the rules' time zone)");
    cmd->add_option("--staff", o->staff, "only customers this staff member owns");
    cmd->add_option("--customer", o->customer, "only this customer");
    cmd->add_option("--format", o->format,
                    "table, csv, json, html (a page to mail or print) or ics (calendar events)")
        ->check(CLI::IsMember({"table", "csv", "json", "html", "ics"}));
    cmd->add_flag("--raw", o->raw,
                  "csv: cells exactly as stored (no apostrophe before = + - @ for spreadsheets)");
    cmd->add_flag("--explain", o->explain,
                  "show the chain behind each line (rule, anchor, interval, due-by)");
    cmd->add_option("--output,-o", o->output, "write to FILE (atomically) instead of stdout");
    cmd->callback([&global, o] { run_due(global, *o); });
}

}  // namespace revisit::cli
