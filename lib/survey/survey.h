#pragma once
// A satisfaction questionnaire (S1-revisit, S2-survey, S3-survey) as its definition file
// describes it, and the questionnaires that came back. docs/survey.md documents both files.
// Pure: callers read the files (lib/store) and hand the text in.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csv/csv.h"
#include "util/date.h"
#include "util/error.h"

namespace revisit {

struct Question {
    std::string id;    // the responses.csv column
    std::string text;  // what was asked; may be empty
};

struct Dimension {
    std::string name;              // 产品策划, 工程质量 ...
    std::optional<double> weight;  // as written; every dimension has one or none does
    std::vector<Question> questions;
};

// The answer scale: whole numbers min..max, or labels mapped to numbers.
struct Scale {
    int min = 1;
    int max = 5;
    std::vector<std::pair<std::string, double>> labels;  // empty: numeric scale; file order

    bool uses_labels() const { return !labels.empty(); }
    // Distinct points of the scale, ascending.
    std::vector<double> points() const;
    // An answer at or above this counts as satisfied: the second-highest point.
    double satisfied_from() const;
    // "1 to 5" or "非常满意=5, 满意=4, ..." (highest first).
    std::string describe() const;
    // The labels (or numbers) that count as satisfied, highest first: "5, 4" or "非常满意, 满意".
    std::string describe_satisfied() const;
    // The score of one non-blank cell, or the reason it is not one ("is outside ...").
    std::optional<double> score(const std::string& cell, std::string& problem) const;
};

struct SurveyedCustomer {
    std::string id;
    Location where;  // in the survey file, for "not in the data directory" errors
};

struct SurveyDefinition {
    std::string file;  // the survey file as named on the command line
    std::string id;
    std::string title;  // optional
    std::string project;
    Date sent_on;
    std::string clause;  // optional: the article the survey serves
    std::string locale;  // optional: the report's labels, one of kReportLocales; "" unset
    std::optional<double> valid_return_rate_above;  // used only without a data directory
    std::vector<SurveyedCustomer> customers;        // empty when surveyed is a count
    long surveyed = 0;                              // how many questionnaires were sent
    Scale scale;
    std::vector<Dimension> dimensions;
    std::string responses;  // the responses CSV, relative to the survey file's folder
    std::string respondent_column = "respondent";
    std::vector<std::string> other_columns;  // CSV columns read and ignored (备注 ...)

    bool lists_customers() const { return !customers.empty(); }
    bool weighted() const;
    // Every question id, dimension by dimension: the order of Response::answers.
    std::vector<std::string> question_ids() const;
};

// Parses a survey file's text. Throws one Error listing every problem, each as
// "file:line:column: message", when there are any.
SurveyDefinition parse_survey_yaml(const std::string& text, const std::string& file);

// One returned questionnaire.
struct Response {
    int line = 0;            // in the responses file
    std::string respondent;  // customer id; may be empty when the survey gives a count
    std::vector<std::optional<double>> answers;  // per question_ids(); nullopt = not answered
};

struct ParsedResponses {
    std::vector<Response> responses;  // the rows that can be counted
    // Problems that stop the run, each at its cell (a missing column: at the header line):
    // column problems always, row problems unless skip_invalid.
    std::vector<Diagnostic> errors;
    // skip_invalid: the problems of the rows left out, each "file:line:column: message".
    std::vector<std::string> skipped;
};

// Checks the header and every row of a responses table against `survey`: unknown or
// missing question columns, scores off the scale, unknown labels, respondents not
// surveyed or answering twice. Every problem is reported, none stops the scan.
ParsedResponses parse_responses(const CsvTable& table, const SurveyDefinition& survey,
                                bool skip_invalid);

}  // namespace revisit
