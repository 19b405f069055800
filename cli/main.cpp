// revisit: turns a company's customer-revisit regulation into a daily call list.
// Each subcommand lives in its own cmd_*.cpp; this file lists them and maps errors
// to exit codes (docs/commands.md).

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <sstream>
#include <string>

#include "cli_tree.h"
#include "common.h"
#include "revisit_version.h"
#include "usage_error.h"
#include "util/error.h"

namespace revisit::cli {
void register_init(CLI::App&, const GlobalOptions&);
void register_add_customer(CLI::App&, const GlobalOptions&);
void register_update_customer(CLI::App&, const GlobalOptions&);
void register_show(CLI::App&, const GlobalOptions&);
void register_import(CLI::App&, const GlobalOptions&);
void register_export(CLI::App&, const GlobalOptions&);
void register_log_call(CLI::App&, const GlobalOptions&);
void register_due(CLI::App&, const GlobalOptions&);
void register_rules(CLI::App&, const GlobalOptions&);
void register_survey_stats(CLI::App&, const GlobalOptions&);
void register_history(CLI::App&, const GlobalOptions&);
void register_report(CLI::App&, const GlobalOptions&);
void register_complaint(CLI::App&, const GlobalOptions&);
void register_calendar(CLI::App&, const GlobalOptions&);
void register_completion(CLI::App&, const GlobalOptions&);
void register_manpage(CLI::App&, const GlobalOptions&);
}  // namespace revisit::cli

namespace {

const revisit::cli::RegisterCommand kCommands[] = {
    revisit::cli::register_init,
    revisit::cli::register_add_customer,
    revisit::cli::register_update_customer,
    revisit::cli::register_show,
    revisit::cli::register_import,
    revisit::cli::register_export,
    revisit::cli::register_log_call,
    revisit::cli::register_due,
    revisit::cli::register_rules,
    revisit::cli::register_survey_stats,
    revisit::cli::register_history,
    revisit::cli::register_report,
    revisit::cli::register_complaint,
    revisit::cli::register_calendar,
    revisit::cli::register_completion,
    revisit::cli::register_manpage,
};

void print_error(const std::string& what) {
    std::istringstream lines(what);
    std::string line;
    while (std::getline(lines, line)) std::cerr << "revisit: error: " << line << '\n';
}

// Each problem, then the line it is on with a caret under the column (when the reader had it).
void print_error(const revisit::Error& error) {
    for (const auto& d : error.diagnostics()) {
        print_error(d.str());
        if (const std::string excerpt = revisit::source_excerpt(d.where); !excerpt.empty())
            std::cerr << excerpt << '\n';
    }
}

// An unknown command or flag named as typed, with the closest one; else CLI11's own text.
int usage_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    const auto problem = revisit::cli::diagnose_usage(revisit::cli::describe_commands(app), args);
    print_error(problem.message.empty() ? std::string(e.what()) : problem.message);
    std::cerr << "run 'revisit " << (problem.command.empty() ? "" : problem.command + " ")
              << "--help' for usage\n";
    return revisit::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    // Past a file size limit (ulimit -f), write(2) then fails with EFBIG and the store
    // reports it and cuts back, instead of the process being killed half-way.
    std::signal(SIGXFSZ, SIG_IGN);
    CLI::App app{"revisit: a daily, traceable customer-revisit call list from your company's rules",
                 "revisit"};
    app.set_version_flag("--version", revisit::cli::version_text());
    app.require_subcommand(1);
    app.fallthrough();
    revisit::cli::GlobalOptions global;
    app.add_option("--data", global.data_dir, "data directory (default: $REVISIT_DATA)")
        ->envname("REVISIT_DATA");
    for (auto reg : kCommands) reg(app, global);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return usage_error(app, e, argc, argv);
    } catch (const revisit::Error& e) {
        print_error(e);
        return e.exit_code();
    } catch (const std::exception& e) {
        print_error(std::string("internal error: ") + e.what());
        return revisit::kExitError;
    }
    return revisit::kExitOk;
}
