// revisit help-man --exit-codes docs/commands.md [--output FILE] (hidden): revisit(1) in troff,
// generated from the command tree that parses the flags (cli_tree.h), so the page lists every
// command and flag there is, and from the exit-code table of docs/commands.md.
// The build runs it after linking and installs the page (cli/CMakeLists.txt).

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli_tree.h"
#include "common.h"
#include "revisit_version.h"
#include "store/data_dir.h"

namespace revisit::cli {

namespace {

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

// The rows "| 0 | success ... |" of docs/commands.md's exit-code table, the one place they
// are written: "0", "success ...", backquotes dropped.
std::vector<std::pair<std::string, std::string>> exit_codes(const std::string& markdown) {
    std::vector<std::pair<std::string, std::string>> rows;
    std::istringstream lines(markdown);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.size() < 8 || line[0] != '|' || line[2] < '0' || line[2] > '9' ||
            line.compare(3, 3, " | ") != 0 || line.back() != '|')
            continue;
        std::string meaning = line.substr(6, line.size() - 8);
        std::erase(meaning, '`');
        rows.emplace_back(line.substr(2, 1), meaning);
    }
    if (rows.empty()) throw Error("no exit codes (\"| 0 | ... |\" rows) in the --exit-codes file");
    return rows;
}

void write_tail(std::string& out, const std::string& exit_codes_markdown) {
    out += ".SH EXIT STATUS\n";
    for (const auto& [code, meaning] : exit_codes(exit_codes_markdown))
        out += fmt::format(".TP\n{}\n{}\n", code, roff(meaning));
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

std::string man_page(const CommandInfo& root, const std::string& exit_codes_markdown) {
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
    write_tail(out, exit_codes_markdown);
    return out;
}

}  // namespace

void register_manpage(CLI::App& app, const GlobalOptions&) {
    struct Options {
        std::string output, exit_codes;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("help-man", "print the man page revisit(1) in troff");
    cmd->group("");  // for the build, not for users
    cmd->add_option("--output,-o", o->output, "write to FILE (atomically) instead of stdout");
    cmd->add_option("--exit-codes", o->exit_codes,
                    "docs/commands.md, whose exit-code table the page's EXIT STATUS is")
        ->required();
    cmd->callback([&app, o] {
        const std::string page = man_page(describe_commands(app), read_text_file(o->exit_codes));
        if (o->output.empty())
            std::cout << page;
        else
            write_file_atomic(o->output, page);
    });
}

}  // namespace revisit::cli
