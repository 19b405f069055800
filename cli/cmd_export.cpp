// revisit export customers [--format csv|json] [--excel] [--output FILE]

#include <iostream>
#include <nlohmann/json.hpp>

#include "common.h"
#include "csv/csv.h"
#include "store/output_file.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct ExportOptions {
    std::string format = "csv";
    bool excel = false;
    std::string output;
};

std::string render(const Policy& policy, const CustomerBook& book, const ExportOptions& o) {
    std::vector<std::string> header{"id", "name", "phone", "owners", "created"};
    for (const auto& a : policy.attributes) header.push_back(a.key);
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : book.all()) {
        std::vector<std::string> row{c.id, c.name, c.phone, join(c.owners, ";"), c.created.str()};
        for (const auto& a : policy.attributes) {
            const std::string* v = c.attribute(a.key);
            row.push_back(v ? *v : "");
        }
        rows.push_back(std::move(row));
    }
    if (o.format == "json") {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& row : rows) {
            nlohmann::ordered_json obj;
            for (size_t i = 0; i < header.size(); ++i) obj[header[i]] = row[i];
            list.push_back(obj);
        }
        return list.dump(2) + "\n";
    }
    // Excel wants a BOM to read UTF-8 and CRLF line ends; cells must not run as formulas.
    const std::string eol = o.excel ? "\r\n" : "\n";
    std::string out = o.excel ? "\xEF\xBB\xBF" : "";
    out += csv_line(header, eol);
    for (auto& row : rows) {
        if (o.excel)
            for (auto& cell : row) cell = excel_safe(cell);
        out += csv_line(row, eol);
    }
    return out;
}

void run_export(const GlobalOptions& global, const ExportOptions& o) {
    if (o.excel && o.format != "csv") throw Error("--excel goes with --format csv", kExitUsage);
    const Context ctx = Context::open(global);
    if (!o.output.empty()) check_output_file("--output", o.output, &ctx.dir);
    std::string text;
    {
        const DirLock lock = ctx.read_lock();
        text = render(ctx.policy, load_schedule_state(ctx.dir, ctx.policy).book,
                      o);  // with contact/complaint changes
    }
    if (o.output.empty())
        std::cout << text;
    else
        write_file_atomic(o.output, text);
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
