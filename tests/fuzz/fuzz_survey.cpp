// libFuzzer target: the survey definition (YAML) and the returned answers (CSV) of
// lib/survey. The input is the survey file, a line "%%", and the responses file; when the
// definition parses, the responses are checked against it, and the report is computed and
// rendered in every format. revisit::Error is a fine answer; anything else escaping, or a
// sanitizer report, is a bug. Built by tests/fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string>

#include "csv/csv.h"
#include "survey/survey.h"
#include "survey/survey_format.h"
#include "survey/survey_html.h"
#include "survey/survey_report.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const size_t split = input.find("\n%%\n");
    const std::string yaml = input.substr(0, split);
    const std::string responses = split == std::string::npos ? "" : input.substr(split + 4);
    try {
        const revisit::SurveyDefinition survey = revisit::parse_survey_yaml(yaml, "fuzz.yaml");
        const revisit::CsvTable table = revisit::parse_csv_table(responses, "fuzz.csv");
        for (bool skip : {false, true}) {
            const revisit::ParsedResponses parsed = revisit::parse_responses(table, survey, skip);
            for (const auto& d : parsed.errors) (void)revisit::source_excerpt(d.where);
            if (!parsed.errors.empty()) continue;
            revisit::Threshold threshold;
            if (survey.valid_return_rate_above)
                threshold.rate_above = *survey.valid_return_rate_above;
            const revisit::SurveyReport report =
                revisit::compute_survey_report(survey, parsed.responses, threshold);
            (void)revisit::render_survey_table(report);
            (void)revisit::render_survey_csv(report);
            (void)revisit::render_survey_json(report);
            (void)revisit::render_survey_html(report);
        }
    } catch (const revisit::Error& e) {
        for (const auto& d : e.diagnostics()) (void)revisit::source_excerpt(d.where);
    }
    return 0;
}
