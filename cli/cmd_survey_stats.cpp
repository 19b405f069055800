// revisit survey-stats SURVEY.yaml [--by ATTRIBUTE] [--format table|csv|json|html]
//                      [--locale en|zh-CN] [--require-valid] [--skip-invalid] [--output FILE]
// Questionnaire validity (S1-valid) and satisfaction analysis; docs/survey.md.

#include <fmt/format.h>

#include <iostream>
#include <map>
#include <optional>
#include <set>

#include "common.h"
#include "csv/csv.h"
#include "output.h"
#include "store/output_file.h"
#include "store/schedule_cache/scan.h"
#include "store/store.h"
#include "survey/survey.h"
#include "survey/survey_format.h"
#include "survey/survey_html.h"
#include "survey/survey_report.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct SurveyStatsOptions {
    std::string survey;
    std::string by;
    std::string format = "table";
    std::string locale;  // the HTML's labels; "" = the survey's, else the rules', else en
    bool require_valid = false;
    bool skip_invalid = false;
    std::string output;
};

// The responses file named in the survey, relative to the survey file's folder.
std::string responses_path(const std::string& survey_file, const std::string& responses) {
    if (!responses.empty() && responses.front() == '/') return responses;
    const auto slash = survey_file.find_last_of('/');
    return slash == std::string::npos ? responses : survey_file.substr(0, slash + 1) + responses;
}

// S1-valid's threshold: the data directory's rules when there is one, else the survey's
// own valid_return_rate_above, else the default.
Threshold threshold_for(const SurveyDefinition& s, const std::optional<DataDir>& dir,
                        const Policy* policy) {
    Threshold t;
    t.clause = s.clause;
    if (dir && policy) {
        t.source = Threshold::Source::Rules;
        t.file = dir->file("rules.yaml");
        t.rate_above = policy->survey.valid_return_rate_above;
        if (!policy->survey.clause.empty()) t.clause = policy->survey.clause;
        if (s.valid_return_rate_above && *s.valid_return_rate_above != t.rate_above)
            std::cerr << fmt::format(
                "revisit: note: {} sets valid_return_rate_above {}, but the rules "
                "file {} sets {}, which applies\n",
                s.file, *s.valid_return_rate_above, t.file, t.rate_above);
    } else if (s.valid_return_rate_above) {
        t.source = Threshold::Source::Survey;
        t.file = s.file;
        t.rate_above = *s.valid_return_rate_above;
    }
    return t;
}

// Each surveyed customer's value of `by`, from the data directory.
Grouping grouping_for(const SurveyDefinition& s, const std::string& by, const DataDir& dir,
                      const Policy& policy) {
    if (!s.lists_customers())
        throw Error(
            fmt::format("--by {} needs a survey that lists the customers it was sent to; {} "
                        "gives only a count (surveyed: {})",
                        by, s.file, s.surveyed),
            kExitUsage);
    if (!policy.attribute(by))
        throw Error(
            fmt::format("--by \"{}\": the rules file declares no such attribute{}; it declares: {}",
                        by, did_you_mean(by, policy.attribute_keys()),
                        join(policy.attribute_keys(), ", ")),
            kExitUsage);
    // The surveyed customers' values, streamed from the saved fold as `due` reads it: memory
    // follows the survey, not the data directory.
    std::map<std::string, std::string> value_of;
    for (const auto& c : s.customers) value_of.emplace(c.id, "");
    std::set<std::string> found;
    {
        const DataDir view = read_snapshot(dir);
        FoldProgressLine rebuilding;  // on a terminal, while no usable cache is there
        ScheduleSource source(view, policy, load_complaint_changes(view),
                              ScanOptions{.workers = 1, .fold_progress = rebuilding.hook()});
        source.visit_all([&](const Customer& c, const CustomerHistory&, unsigned) {
            auto it = value_of.find(c.id);
            if (it == value_of.end()) return;
            found.insert(c.id);
            if (const std::string* value = c.attribute(by)) it->second = *value;
        });
    }
    Grouping g{by, {}};
    std::vector<Diagnostic> problems;  // at the id in the survey file
    for (const auto& c : s.customers) {
        if (!found.count(c.id)) {
            problems.push_back(
                {c.where,
                 fmt::format("customer \"{}\" is not in the data directory {}", c.id, dir.path())});
            continue;
        }
        g.value_of[c.id] = value_of.at(c.id);
    }
    if (!problems.empty()) throw Error(problems);
    return g;
}

// --locale, else the survey file's locale, else the rules file's survey.locale, else en.
std::string locale_for(const SurveyStatsOptions& o, const SurveyDefinition& s,
                       const Policy* policy) {
    if (!o.locale.empty()) return o.locale;
    if (!s.locale.empty()) return s.locale;
    if (policy && !policy->survey.locale.empty()) return policy->survey.locale;
    return "en";
}

std::string render(const SurveyReport& report, const std::string& format,
                   const std::string& locale) {
    if (format == "csv") return render_survey_csv(report);
    if (format == "json") return render_survey_json(report);
    if (format == "html") return render_survey_html(report, locale);
    return render_survey_table(report);
}

void run_survey_stats(const GlobalOptions& global, const SurveyStatsOptions& o) {
    const SurveyDefinition survey = parse_survey_yaml(read_text_file(o.survey), o.survey);
    std::optional<DataDir> dir;
    std::optional<Policy> policy;
    if (!global.data_dir.empty()) {
        dir = open_data(global);
        policy = load_policy(*dir);
    } else if (!o.by.empty()) {
        throw Error(
            fmt::format("--by {} needs the data directory (--data DIR or REVISIT_DATA) to read "
                        "the customers' attributes",
                        o.by),
            kExitUsage);
    }
    if (!o.output.empty()) check_output_file("--output", o.output, dir ? &*dir : nullptr);
    const std::string csv_file = responses_path(o.survey, survey.responses);
    const CsvTable table = parse_csv_table(read_text_file(csv_file), csv_file);
    ParsedResponses parsed = parse_responses(table, survey, o.skip_invalid);
    if (!parsed.errors.empty()) throw Error(parsed.errors);
    for (const auto& s : parsed.skipped) std::cerr << "revisit: skipped " << s << '\n';

    const Threshold threshold = threshold_for(survey, dir, policy ? &*policy : nullptr);
    std::optional<Grouping> grouping;
    if (!o.by.empty()) grouping = grouping_for(survey, o.by, *dir, *policy);
    SurveyReport report =
        compute_survey_report(survey, parsed.responses, threshold, grouping ? &*grouping : nullptr);
    report.skipped = std::move(parsed.skipped);

    const std::string text =
        render(report, o.format, locale_for(o, survey, policy ? &*policy : nullptr));
    if (o.output.empty())
        std::cout << text << std::flush;
    else
        write_file_atomic(o.output, text);
    if (o.require_valid && !report.all().valid)
        throw Error(fmt::format("survey {} is not valid: {}", survey.id,
                                verdict_text(report.all(), threshold)),
                    kExitSurveyInvalid);
}
}  // namespace

void register_survey_stats(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<SurveyStatsOptions>();
    auto* cmd = app.add_subcommand(
        "survey-stats", "questionnaire return rate, validity and satisfaction statistics");
    cmd->add_option("survey", o->survey, "the survey definition (YAML, docs/survey.md)")
        ->required();
    cmd->add_option("--by", o->by,
                    "break down by a customer attribute (needs --data), e.g. project");
    cmd->add_option("--format", o->format, "table, csv, json or html")
        ->check(CLI::IsMember({"table", "csv", "json", "html"}));
    cmd->add_option("--locale", o->locale,
                    "the HTML report's labels: en or zh-CN (default: the survey file's "
                    "locale, else the rules file's survey.locale, else en)")
        ->check(CLI::IsMember(kReportLocales));
    cmd->add_flag("--require-valid", o->require_valid,
                  "exit 4 when returns do not exceed the threshold (S1-valid)");
    cmd->add_flag("--skip-invalid", o->skip_invalid,
                  "leave out bad response rows, listing them on stderr");
    cmd->add_option("--output,-o", o->output, "write to FILE (atomically) instead of stdout");
    cmd->callback([&global, o] { run_survey_stats(global, *o); });
}

}  // namespace revisit::cli
