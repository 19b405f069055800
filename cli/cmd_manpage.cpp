// revisit help-man [--output FILE] (hidden): revisit(1) in troff, generated from the command
// tree that parses the flags (cli_tree.h), so the page lists every command and flag there is.
// The build runs it after linking and installs the page (cli/CMakeLists.txt).

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli_tree.h"
#include "common.h"
#include "revisit_version.h"
#include "store/data_dir.h"

namespace revisit::cli {

namespace {

// The exit codes, as docs/commands.md lists them (tests/e2e/completion.sh compares the two).
struct ExitCodeText {
    int code;
    const char* meaning;
};
constexpr ExitCodeText kExitCodeTexts[] = {
    {kExitOk, "success \\(em also when nothing is due"},
    {kExitError,
     "bad input, a refused operation, or a broken rules/data file (file:line:column: ...)"},
    {kExitUsage,
     "usage: unknown command or flag, missing argument, malformed \\-\\-today/\\-\\-at"},
    {kExitIo,
     "the data directory or a file cannot be read or written (cannot write ...: No space left on "
     "device)"},
    {kExitSurveyInvalid, "survey\\-stats \\-\\-require\\-valid on an invalid survey"},
};

// Text as troff shows it: backslashes and dashes escaped, no line read as a request.
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\')
            out += "\\e";
        else if (c == '-')
            out += "\\-";
        else
            out += c;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

std::string upper(std::string text) {
    for (char& c : text)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
}

std::string bold(const std::string& text) { return "\\fB" + roff(text) + "\\fR"; }
std::string italic(const std::string& text) { return "\\fI" + roff(text) + "\\fR"; }

std::string synopsis(const CommandInfo& c) {
    std::string out = bold("revisit" + (c.path.empty() ? "" : " " + c.name()));
    if (c.flags.size() > 1) out += " [" + italic("OPTIONS") + "]";
    for (const auto& p : c.positionals) {
        std::string arg = italic(upper(p.name)) + (p.repeated ? "..." : "");
        out += " " + (p.required ? arg : "[" + arg + "]");
    }
    if (!c.subcommands.empty()) out += " " + italic("COMMAND");
    return out;
}

void write_flags(std::string& out, const CommandInfo& c) {
    for (const auto& f : c.flags) {
        if (f.names.front() == "--help") continue;  // every command has it: OPTIONS says so
        std::string names;
        for (const auto& n : f.names) names += (names.empty() ? "" : ", ") + bold(n);
        if (!f.value_name.empty()) names += " " + italic(f.value_name);
        out += ".TP\n" + names + "\n" + roff(f.description);
        const bool listed = std::all_of(f.choices.begin(), f.choices.end(), [&](const auto& v) {
            return f.description.find(v) != std::string::npos;
        });
        if (!f.choices.empty() && !listed) {
            std::string values;
            for (const auto& v : f.choices) values += (values.empty() ? "" : ", ") + bold(v);
            out += "; one of " + values;
        }
        if (f.required) out += " (required)";
        if (!f.envname.empty()) out += " (environment: " + bold(f.envname) + ")";
        out += "\n";
    }
    for (const auto& p : c.positionals)
        out += ".TP\n" + italic(upper(p.name)) + "\n" + roff(p.description) + "\n";
}

void write_commands(std::string& out, const CommandInfo& root) {
    out += ".SH COMMANDS\n";
    for (const CommandInfo* c : all_commands(root)) {
        if (c->path.empty()) continue;
        out += fmt::format(".SS \"revisit {}\"\n{}\n.br\n{}\n", c->name(), synopsis(*c),
                           roff(c->description));
        if (!c->subcommands.empty()) {
            std::string subs;
            for (const auto& s : c->subcommands)
                subs += (subs.empty() ? "" : ", ") + bold(s.path.back());
            out += ".br\nCommands: " + subs + ".\n";
        }
        write_flags(out, *c);
    }
}

void write_tail(std::string& out) {
    out += ".SH EXIT STATUS\n";
    for (const auto& e : kExitCodeTexts) out += fmt::format(".TP\n{}\n{}\n", e.code, e.meaning);
    out +=
        ".SH ENVIRONMENT\n.TP\n\\fBREVISIT_DATA\\fR\nthe data directory when \\fB\\-\\-data\\fR "
        "is not given\n.TP\n\\fBUSER\\fR\nwho enters a record (the \\fBby\\fR column) when "
        "\\fB\\-\\-by\\fR is not given\n";
    out +=
        ".SH FILES\n.TP\n\\fIDIR\\fR/rules.yaml\nthe company's rules file, copied by "
        "\\fBinit\\fR\n.TP\n\\fIDIR\\fR/customers.csv, contacts.csv, complaints.csv\nthe "
        "journals, appended to and never rewritten\n.TP\n\\fIDIR\\fR/calendars/\\fINAME\\fR.yaml\n"
        "the working calendar the rules file names\n.TP\n\\fIDIR\\fR/.cache/\nindexes and the "
        "saved schedule, rebuilt from the journals when missing or stale\n.TP\n"
        "/usr/share/revisit/rules/\nthe shipped rules files (and calendars/), which \\fBinit "
        "\\-\\-rules\\fR \\fINAME\\fR finds by name (share/revisit/ beside the installed "
        "bin/)\n";
    out +=
        ".SH SEE ALSO\nThe documentation in docs/ of the source: commands.md, rules.md, "
        "file\\-formats.md.\n";
}

std::string man_page(const CommandInfo& root) {
    std::string out =
        fmt::format(".TH REVISIT 1 \"\" \"revisit {}\" \"User Commands\"\n", kVersion);
    out += ".SH NAME\nrevisit \\- " +
           roff(root.description.substr(root.description.find(": ") + 2)) + "\n.SH SYNOPSIS\n" +
           synopsis(root) + " [" + italic("ARGUMENTS") + "]\n";
    out +=
        ".SH DESCRIPTION\nA rules file states a company's customer\\-revisit regulation; a data "
        "directory holds the customers and every contact, in CSV journals; the commands record "
        "what happens and compute who is due today, and why.\n";
    out +=
        ".SH OPTIONS\nThese work with every command; \\fB\\-h\\fR, \\fB\\-\\-help\\fR lists "
        "a command's own.\n";
    write_flags(out, root);
    out += ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nprint the help of revisit or of a command\n";
    write_commands(out, root);
    write_tail(out);
    return out;
}

}  // namespace

void register_manpage(CLI::App& app, const GlobalOptions&) {
    auto output = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("help-man", "print the man page revisit(1) in troff");
    cmd->group("");  // for the build, not for users
    cmd->add_option("--output,-o", *output, "write to FILE (atomically) instead of stdout");
    cmd->callback([&app, output] {
        const std::string page = man_page(describe_commands(app));
        if (output->empty())
            std::cout << page;
        else
            write_file_atomic(*output, page);
    });
}

}  // namespace revisit::cli
