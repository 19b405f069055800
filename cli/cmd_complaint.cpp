// revisit complaint open CUSTOMER --category C --summary TEXT --staff S [--subject U]
//   [--source SRC] [--severity normal|major] [--department D]... [--at T]
// revisit complaint update|resolve|close|reopen ID [...]
// revisit complaint list [--open] [--overdue] [--department D] [--owner S] [--today D] [--format F]
//   [--raw]
// revisit complaint stats --from D --to D [--today D] [--format F]
// Complaints from registration to the satisfaction revisit (docs/complaints.md).

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "calendar/coverage.h"
#include "common.h"
#include "complaint/complaint_edit.h"
#include "complaint/complaint_stats.h"
#include "csv/csv.h"
#include "schedule/call_list.h"
#include "store/complaint_store.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {

using Json = nlohmann::ordered_json;

void note(const std::string& line) { std::cerr << "revisit: note: " << line << '\n'; }

void warn_uncovered(const Policy& policy, const WorkingCalendar& calendar,
                    const Deadline& deadline) {
    if (policy.calendar.empty() || calendar.covers(deadline.day())) return;
    std::cerr << fmt::format(
        "revisit: warning: calendars/{}.yaml has no holidays for {}: the deadline {} "
        "counts Monday-Friday only and is provisional; add the official calendar: {}\n",
        policy.calendar, deadline.day().year(), deadline.str(),
        import_command(deadline.day().year()));
}

// --- open -------------------------------------------------------------------------------

struct OpenOptions {
    ComplaintInput input;
    std::string at, now;
};

void run_open(const GlobalOptions& global, OpenOptions o) {
    o.input.summary = TextArguments().read("--summary", o.input.summary);  // @FILE, - (stdin)
    const Context ctx = Context::open(global, Context::Calendar::Load);
    const auto times = ctx.record_times(o.at, o.now);
    o.input.now = times.now;
    o.input.at = times.at;
    const DirLock lock = ctx.write_lock({kComplaintsFile, kCustomersFile, kContactsFile});
    // Only this customer's records of each journal (the indexes): its complaints give its
    // attribute changes; with those about the same subject, the complaints it may repeat.
    ComplaintKeys keys;
    keys.customers = {o.input.customer};
    ComplaintLookup complaints = lookup_complaints(ctx.dir, keys);
    const CustomerBook customer = lookup_customer_state(ctx.dir, o.input.customer, complaints);
    keys.subjects = {
        complaint_subject(ctx.policy.complaints, customer.find(o.input.customer), o.input.subject)};
    if (!keys.subjects.front().empty()) complaints = lookup_complaints(ctx.dir, keys);
    const ComplaintBook book = fold_complaints(complaints.events, ctx.dir.file(kComplaintsFile));
    std::vector<std::string> problems;
    ComplaintEvent event =
        make_open_event(ctx.policy, ctx.calendar, customer, book, o.input, problems);
    fail_if(problems);
    const NewRecordId id = next_record_id(ctx.dir, kComplaintsFile, "P");
    event.complaint = id.id;
    event.id = event.complaint + "-1";
    append_complaint_event(ctx.dir, event, {id.counter});  // the counter moves only with it
    std::cout << event.complaint << '\n';
    for (const auto& line : describe_open(ctx.policy, event)) note(line);
    warn_uncovered(ctx.policy, ctx.calendar, *event.deadline);
    if (const auto w = calendar_ahead_warning(ctx.calendar, event.at.date(), ctx.policy.calendar))
        if (ctx.calendar.covers(event.deadline->day()))
            std::cerr << "revisit: warning: " << *w << '\n';
}

void register_open(CLI::App& parent, const GlobalOptions& global) {
    auto o = std::make_shared<OpenOptions>();
    auto* cmd = parent.add_subcommand("open", "register a complaint; prints its id (P000001)");
    cmd->add_option("customer", o->input.customer, "customer id")->required();
    cmd->add_option("--category", o->input.category, "complaint category (as the rules file lists)")
        ->required();
    cmd->add_option("--summary", o->input.summary,
                    "what the customer complained about (@FILE: from FILE, -: from stdin)")
        ->required();
    cmd->add_option("--staff", o->input.staff, "who takes it: its first-contact owner to the end")
        ->required();
    cmd->add_option("--subject", o->input.subject,
                    "what it is about when not the customer as a whole, e.g. unit 3-1-201");
    cmd->add_option("--source", o->input.source,
                    "how it arrived: direct, superior ... (default: the rules file's first)");
    cmd->add_option("--severity", o->input.severity,
                    "normal or major (as the rules file lists; default normal)");
    cmd->add_option("--department", o->input.departments,
                    "route to this department instead of the category's (repeat)");
    cmd->add_option("--at", o->at, "when it was received, \"YYYY-MM-DD HH:MM\" (default: now)");
    cmd->add_option("--now", o->now, "entry time for tests (default: the clock)")->group("");
    cmd->callback([&global, o] { run_open(global, *o); });
}

// --- update, resolve, close, reopen -------------------------------------------------------

struct ChangeOptions {
    ComplaintChange change;
    std::string at, now;
    std::string note_flag = "--note";  // the option that gives change.note
};

void run_change(const GlobalOptions& global, ChangeOptions o) {
    o.change.note = TextArguments().read(o.note_flag, o.change.note);  // @FILE, - (stdin)
    const Context ctx = Context::open(global, Context::Calendar::Load);
    const auto times = ctx.record_times(o.at, o.now);
    o.change.now = times.now;
    o.change.at = times.at;
    const DirLock lock = ctx.write_lock({kComplaintsFile});
    // This complaint's events only (the index); an unknown id reads them all, for the
    // did-you-mean hint of its error.
    ComplaintKeys keys;
    keys.complaints = {o.change.complaint};
    ComplaintBook book =
        fold_complaints(lookup_complaints(ctx.dir, keys).events, ctx.dir.file(kComplaintsFile));
    if (!book.find(o.change.complaint)) book = load_complaints(ctx.dir);
    std::vector<std::string> problems;
    const ComplaintEvent event =
        make_change_event(ctx.policy, ctx.calendar, book, o.change, problems);
    fail_if(problems);
    append_complaint_event(ctx.dir, event);
    std::cout << event.id << '\n';
    if (event.deadline) {
        note(fmt::format("{} reopened; result due by {}", event.complaint, event.deadline->str()));
        warn_uncovered(ctx.policy, ctx.calendar, *event.deadline);
    }
}

CLI::App* change_command(CLI::App& parent, const GlobalOptions& global, const char* name,
                         const char* help, ComplaintEventKind kind,
                         std::shared_ptr<ChangeOptions> o) {
    o->change.kind = kind;
    auto* cmd = parent.add_subcommand(name, help);
    cmd->add_option("id", o->change.complaint, "complaint id, e.g. P000001")->required();
    cmd->add_option("--staff", o->change.staff,
                    "who did this (default: the complaint's first-contact owner)");
    cmd->add_option("--at", o->at, "when it happened, \"YYYY-MM-DD HH:MM\" (default: now)");
    cmd->add_option("--now", o->now, "entry time for tests (default: the clock)")->group("");
    cmd->callback([&global, o] { run_change(global, *o); });
    return cmd;
}

void register_changes(CLI::App& parent, const GlobalOptions& global) {
    auto u = std::make_shared<ChangeOptions>();
    auto* update = change_command(parent, global, "update",
                                  "add a note to a complaint or reroute it; prints the event id",
                                  ComplaintEventKind::Update, u);
    update->add_option("--note", u->change.note, "what happened (@FILE, -)");
    update->add_option("--department", u->change.departments,
                       "reroute to this department (repeat); the owner stays");
    auto r = std::make_shared<ChangeOptions>();
    auto* resolve =
        change_command(parent, global, "resolve", "record the result given to the customer",
                       ComplaintEventKind::Resolve, r);
    r->note_flag = "--resolution";
    resolve->add_option("--resolution", r->change.note,
                        "the result given to the customer (@FILE, -)");
    auto c = std::make_shared<ChangeOptions>();
    auto* close = change_command(parent, global, "close",
                                 "record the customer's satisfaction with the result",
                                 ComplaintEventKind::Close, c);
    close->add_option("--satisfaction", c->change.satisfaction, "satisfied, partly or unsatisfied");
    close->add_option("--note", c->change.note, "what the customer said (@FILE, -)");
    auto ro = std::make_shared<ChangeOptions>();
    auto* reopen = change_command(parent, global, "reopen",
                                  "reopen a resolved or closed complaint; a new deadline runs",
                                  ComplaintEventKind::Reopen, ro);
    reopen->add_option("--note", ro->change.note, "why (@FILE, -)");
}

// --- list ---------------------------------------------------------------------------------

struct ListOptions {
    ComplaintFilter filter;
    std::string today, format = "table";
    bool raw = false;
};

std::string opt_time(const std::optional<DateTime>& t) { return t ? t->str() : ""; }

Json complaint_json(const Complaint& c, const std::string& name, Date today) {
    Json j;
    j["id"] = c.id;
    j["opened"] = c.opened.str();
    j["customer"] = c.customer;
    j["name"] = name;
    j["subject"] = c.subject;
    j["category"] = c.category;
    j["source"] = c.source;
    j["severity"] = c.severity;
    j["escalated_to"] = c.escalated_to;
    j["departments"] = c.departments;
    j["owner"] = c.owner;
    j["status"] = std::string(status_name(c.status));
    j["deadline"] = c.deadline.str();
    j["days_overdue"] = days_overdue(c, today);
    j["repeat_of"] = c.repeat_of;
    j["repeated_by"] = c.repeated_by;
    j["summary"] = c.summary;
    j["resolution"] = c.resolution;
    j["resolved"] = opt_time(c.resolved);
    j["closed"] = opt_time(c.closed);
    j["satisfaction"] = c.satisfaction;
    return j;
}

// Refuses an --owner that names nobody: no complaint step's staff and no customer's owner.
// Every customer is read only when no complaint names the owner. `dir`: a snapshot.
void check_owner(const DataDir& dir, const std::string& owner,
                 const std::vector<ComplaintEvent>& events) {
    if (owner.empty() || std::any_of(events.begin(), events.end(),
                                     [&](const ComplaintEvent& e) { return e.staff == owner; }))
        return;
    const CustomerBook customers = load_customers(dir);
    auto owns = [&](const Customer& c) {
        return std::find(c.owners.begin(), c.owners.end(), owner) != c.owners.end();
    };
    if (std::any_of(customers.all().begin(), customers.all().end(), owns)) return;
    std::vector<std::string> known;
    for (const ComplaintEvent& e : events) known.push_back(e.staff);
    for (const Customer& c : customers.all())
        known.insert(known.end(), c.owners.begin(), c.owners.end());
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    throw Error(unknown_staff_message(
        "--owner", owner, "is no customer's owner and no complaint's staff", std::move(known)));
}

void run_list(const GlobalOptions& global, const ListOptions& o) {
    if (o.raw && o.format != "csv") throw Error("--raw goes with --format csv", kExitUsage);
    const Context ctx = Context::open(global, Context::Calendar::Load);  // provisional deadlines
    const Date today = ctx.today(o.today);
    const auto& departments = ctx.policy.complaints.departments;
    if (!o.filter.department.empty() && !ctx.policy.complaints.has_department(o.filter.department))
        throw Error(fmt::format("unknown department \"{}\"{}; allowed: {}", o.filter.department,
                                did_you_mean(o.filter.department, departments),
                                join(departments, ", ")));
    ComplaintBook book;
    std::vector<const Complaint*> selected;
    CustomerBook customers;  // those the list names, through the index
    {
        const DataDir dir = ctx.read_snapshot();
        const std::vector<ComplaintEvent> events = load_complaint_events(dir);
        check_owner(dir, o.filter.owner, events);
        book = fold_complaints(events, dir.file(kComplaintsFile),
                               DateTime::at(today).add_minutes(1439));
        selected = select_complaints(book, o.filter, today);
        CustomerKeys keys;
        for (const Complaint* c : selected) keys.ids.push_back(c->customer);
        customers = lookup_customers(dir, keys);
    }
    auto name_of = [&](const Complaint& c) {
        const Customer* customer = customers.find(c.customer);
        return customer ? customer->name : std::string();
    };
    if (o.format == "json") {
        Json list = Json::array();
        for (const Complaint* c : selected) {
            list.push_back(complaint_json(*c, name_of(*c), today));
            list.back()["provisional"] = deadline_provisional(*c, ctx.calendar);
        }
        std::cout << list.dump(2) << '\n';
        return;
    }
    std::vector<std::string> header{"id",       "opened",      "customer", "name",
                                    "category", "departments", "owner",    "severity",
                                    "status",   "deadline",    "overdue",  "repeat_of"};
    if (o.format == "csv") header.push_back("provisional");
    std::vector<std::vector<std::string>> rows;
    for (const Complaint* c : selected) {
        const int late = days_overdue(*c, today);
        const bool provisional = deadline_provisional(*c, ctx.calendar);
        const std::string deadline =  // the table marks a provisional one, csv has a column
            c->deadline.str() + (provisional && o.format != "csv" ? " (provisional)" : "");
        rows.push_back({c->id, c->opened.str(), c->customer, name_of(*c), c->category,
                        join(c->departments, ";"), c->owner, c->severity,
                        std::string(status_name(c->status)), deadline,
                        o.format == "csv" ? std::to_string(late)
                        : late            ? fmt::format("+{}d", late)
                                          : "",
                        join(c->repeat_of, ";")});
        if (o.format == "csv") rows.back().push_back(provisional ? "1" : "0");
    }
    if (o.format == "csv") {
        std::cout << csv_line(header);
        for (auto& row : rows) {
            if (!o.raw)  // names and staff as typed: no spreadsheet formulas
                for (auto& cell : row) cell = excel_safe(cell);
            std::cout << csv_line(row);
        }
    } else if (!rows.empty()) {
        print_table(header, rows);
    }
}

void register_list(CLI::App& parent, const GlobalOptions& global) {
    auto o = std::make_shared<ListOptions>();
    auto* cmd = parent.add_subcommand("list", "complaints as they stand, oldest first");
    cmd->add_flag("--open", o->filter.open_only, "only open ones (not yet resolved)");
    cmd->add_flag("--overdue", o->filter.overdue_only, "only open ones past their deadline");
    cmd->add_option("--department", o->filter.department, "only those routed to this department");
    cmd->add_option("--owner", o->filter.owner,
                    "only those this staff member took (first-contact owner)");
    cmd->add_option("--today", o->today,
                    "the day to judge deadlines on, YYYY-MM-DD (default: today)");
    cmd->add_option("--format", o->format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_flag("--raw", o->raw,
                  "csv: cells exactly as stored (no apostrophe before = + - @ for spreadsheets)");
    cmd->callback([&global, o] { run_list(global, *o); });
}

// --- stats --------------------------------------------------------------------------------

struct StatsOptions {
    std::string from, to, today, format = "table";
};

std::string percent(const std::optional<double>& rate) {
    return rate ? fmt::format("{:.1f}%", *rate * 100) : "-";
}
std::string number(const std::optional<double>& value) {
    return value ? fmt::format("{:g}", *value) : "-";
}

// (section, rows) pairs in print order.
std::vector<std::pair<std::string, const std::vector<ComplaintCount>*>> sections(
    const ComplaintStats& s) {
    return {{"category", &s.by_category},
            {"department", &s.by_department},
            {"source", &s.by_source},
            {"severity", &s.by_severity},
            {"satisfaction", &s.by_satisfaction}};
}

std::vector<std::pair<std::string, std::string>> summary(const ComplaintStats& s) {
    return {{"total", std::to_string(s.total)},
            {"repeats", std::to_string(s.repeats)},
            {"escalated", std::to_string(s.escalated)},
            {"open", std::to_string(s.open)},
            {"resolved", std::to_string(s.resolved)},
            {"closed", std::to_string(s.closed)},
            {"on_time", std::to_string(s.on_time)},
            {"late", std::to_string(s.late)},
            {"overdue", std::to_string(s.overdue)},
            {"on_time_rate", percent(s.on_time_rate)},
            {"median_working_days_to_resolve", number(s.median_days_to_resolve)}};
}

void print_stats_json(const ComplaintStats& s) {
    Json j;
    j["from"] = s.from.str();
    j["to"] = s.to.str();
    const std::pair<const char*, int> counts[] = {
        {"total", s.total},     {"repeats", s.repeats},   {"escalated", s.escalated},
        {"open", s.open},       {"resolved", s.resolved}, {"closed", s.closed},
        {"on_time", s.on_time}, {"late", s.late},         {"overdue", s.overdue}};
    for (const auto& [key, value] : counts) j[key] = value;
    j["on_time_rate"] = s.on_time_rate ? Json(*s.on_time_rate) : Json(nullptr);  // a fraction
    const auto& median = s.median_days_to_resolve;
    j["median_working_days_to_resolve"] = !median                   ? Json(nullptr)
                                          : *median == int(*median) ? Json(int(*median))
                                                                    : Json(*median);
    for (const auto& [section, rows] : sections(s)) {
        Json list = Json::array();
        for (const auto& r : *rows)
            list.push_back({{"key", r.key}, {"label", r.label}, {"count", r.count}});
        j["by_" + section] = list;
    }
    std::cout << j.dump(2) << '\n';
}

void print_stats_table(const ComplaintStats& s) {
    std::cout << fmt::format("complaints opened {} to {}: {}\n", s.from.str(), s.to.str(), s.total)
              << fmt::format("repeats: {}; escalated: {}\n", s.repeats, s.escalated)
              << fmt::format("now: open {}, resolved {}, closed {}\n", s.open, s.resolved, s.closed)
              << fmt::format("on time: {} of {} ({}); late {}, overdue {}\n", s.on_time,
                             s.on_time + s.late + s.overdue, percent(s.on_time_rate), s.late,
                             s.overdue)
              << fmt::format("median working days to resolve: {}\n",
                             number(s.median_days_to_resolve));
    for (const auto& [section, rows] : sections(s)) {
        const bool labelled = section == "category";
        std::vector<std::vector<std::string>> table;
        for (const auto& r : *rows) {
            table.push_back({r.key, std::to_string(r.count)});
            if (labelled) table.back().insert(table.back().begin() + 1, r.label);
        }
        std::cout << '\n';
        print_table(labelled ? std::vector<std::string>{section, "label", "count"}
                             : std::vector<std::string>{section, "count"},
                    table);
    }
}

void print_stats(const ComplaintStats& s, const std::string& format) {
    if (format == "json") return print_stats_json(s);
    if (format == "table") return print_stats_table(s);
    std::cout << csv_line({"section", "key", "label", "value"});
    for (const auto& [key, value] : summary(s)) std::cout << csv_line({"summary", key, "", value});
    for (const auto& [section, rows] : sections(s))
        for (const auto& r : *rows)
            std::cout << csv_line({section, r.key, r.label, std::to_string(r.count)});
}

Date parse_day(const std::string& option, const std::string& text) {
    auto d = Date::parse(text);
    if (!d)
        throw Error(fmt::format("{} \"{}\" is not a date; expected YYYY-MM-DD", option, text),
                    kExitUsage);
    return *d;
}

void run_stats(const GlobalOptions& global, const StatsOptions& o) {
    const Date from = parse_day("--from", o.from), to = parse_day("--to", o.to);
    if (to < from)
        throw Error(fmt::format("--from {} is after --to {}", from.str(), to.str()), kExitUsage);
    const Context ctx = Context::open(global, Context::Calendar::Load);
    const Date today = ctx.today(o.today);
    ComplaintBook book;
    { book = load_complaints(ctx.read_snapshot()); }
    print_stats(complaint_stats(ctx.policy.complaints, ctx.calendar, book, from, to, today),
                o.format);
}

void register_stats(CLI::App& parent, const GlobalOptions& global) {
    auto o = std::make_shared<StatsOptions>();
    auto* cmd = parent.add_subcommand(
        "stats", "counts, repeats, on-time rate and time to resolve for a period");
    cmd->add_option("--from", o->from, "first day complaints were opened, YYYY-MM-DD")->required();
    cmd->add_option("--to", o->to, "last day, YYYY-MM-DD")->required();
    cmd->add_option("--today", o->today,
                    "the day to judge unresolved deadlines on (default: today)");
    cmd->add_option("--format", o->format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->callback([&global, o] { run_stats(global, *o); });
}

}  // namespace

void register_complaint(CLI::App& app, const GlobalOptions& global) {
    auto* cmd = app.add_subcommand("complaint",
                                   "complaints: open, update, resolve, close, reopen, list, stats");
    cmd->require_subcommand(1);
    register_open(*cmd, global);
    register_changes(*cmd, global);
    register_list(*cmd, global);
    register_stats(*cmd, global);
}

}  // namespace revisit::cli
