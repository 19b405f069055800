// revisit export customers [--format csv|json] [--excel] [--output FILE]

#include "common.h"
#include "output.h"
#include "report/customer_export.h"
#include "store/output_file.h"
#include "store/schedule_cache/scan.h"
#include "store/store.h"

namespace revisit::cli {

namespace {
struct ExportOptions {
    std::string format = "csv";
    bool excel = false;
    std::string output;
};

void run_export(const GlobalOptions& global, const ExportOptions& o) {
    if (o.excel && o.format != "csv") throw Error("--excel goes with --format csv", kExitUsage);
    const Context ctx = Context::open(global);
    if (!o.output.empty()) check_output_file("--output", o.output, &ctx.dir);
    Output out(o.output);
    CustomerExport rows(
        ctx.policy, o.format == "json" ? CustomerExport::Format::Json : CustomerExport::Format::Csv,
        o.excel);
    out.write(rows.begin());
    {
        // The saved fold plus the journals' tails (store/schedule_cache/scan.h), one customer
        // at a time in the order they were added, with contact and complaint changes.
        const DataDir dir = ctx.read_snapshot();
        FoldProgressLine rebuilding;  // on a terminal, while no usable cache is there
        ScheduleSource source(dir, ctx.policy, load_complaint_changes(dir),
                              ScanOptions{.workers = 1, .fold_progress = rebuilding.hook()});
        source.visit_all(
            [&](const Customer& c, const CustomerHistory&, unsigned) { out.write(rows.row(c)); });
    }
    out.write(rows.end());
    out.finish();
}
}  // namespace

void register_export(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand("export", "write records out for spreadsheets and scripts");
    cmd->require_subcommand(1);
    auto* customers = cmd->add_subcommand("customers", "every customer's current state");
    customers->add_option("--format", o->format, "csv or json")
        ->check(CLI::IsMember({"csv", "json"}));
    customers->add_flag("--excel", o->excel, "UTF-8 BOM, CRLF, and formula-like cells neutralised");
    customers->add_option("--output,-o", o->output, "write to FILE (atomically) instead of stdout");
    customers->callback([&global, o] { run_export(global, *o); });
}

}  // namespace revisit::cli
