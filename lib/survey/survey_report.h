#pragma once
// The survey analysis (S1-valid, S1-revisit, S2-survey): return rate and verdict, and per
// dimension and overall the answers counted, mean score, satisfaction rate with its Wilson
// interval and finite-population margin of error, and Cronbach's alpha. Optionally broken
// down by a customer attribute. Pure: definition and responses in, a value out.
// docs/survey.md gives every formula.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "survey/statistics.h"
#include "survey/survey.h"

namespace revisit {

// Alpha below this is flagged as unreliable.
inline constexpr double kAlphaLow = 0.7;

// S1-valid: a revisit by questionnaire is valid only when returns exceed this share.
struct Threshold {
    enum class Source { Default, Survey, Rules };
    double rate_above = 0.25;
    Source source = Source::Default;
    std::string file;                 // the rules or survey file it came from; empty for Default
    std::string clause;               // the article it enforces; may be empty
    std::string source_name() const;  // "default", "survey", "rules"
    std::string describe_source() const;  // "built-in default", "survey file X", "rules file X"
};

// One question's part in its dimension's reliability (psych::alpha's r.drop and alpha if
// dropped, over the same complete respondents as the dimension's alpha).
struct ItemStats {
    std::string id;                          // the question id
    std::string text;                        // what was asked; may be empty
    std::optional<double> item_rest;         // correlation with the sum of the other questions
    std::optional<double> alpha_if_dropped;  // alpha of the other questions (needs >= 2 left)
};

struct DimensionStats {
    std::string name;              // "overall" for the overall line
    std::optional<double> weight;  // as given in the survey file
    int questions = 0;
    long answers = 0;      // non-blank answers
    long respondents = 0;  // returned questionnaires with at least one answer here
    long satisfied = 0;    // answers in the top two points of the scale
    std::optional<double> mean;
    std::optional<Interval> mean_ci;  // 95%, with the finite-population correction
    // satisfied / answers; overall: the (weighted) mean of the dimension rates.
    std::optional<double> satisfaction_rate;
    std::optional<Interval> satisfaction_ci;  // 95% Wilson
    std::optional<double> margin_of_error;    // of the satisfaction rate, with the fpc
    std::optional<double> alpha;              // Cronbach's; needs >= 2 questions
    long alpha_respondents = 0;               // complete respondents alpha used
    std::optional<Interval> alpha_ci;         // 95%, Feldt's method
    std::vector<ItemStats> items;             // per question when >= 2; empty for overall
    bool alpha_low() const { return alpha && *alpha < kAlphaLow; }
};

struct GroupReport {
    std::optional<std::string> value;  // nullopt: everyone surveyed; "": attribute unset
    long sent = 0;
    long returned = 0;
    double return_rate = 0;
    bool valid = false;
    std::vector<DimensionStats> dimensions;
    DimensionStats overall;
    std::string label() const;  // "(all)", "(unset)" or the value
};

struct SurveyReport {
    std::string file, id, title, project, sent_on;
    Scale scale;
    Threshold threshold;
    std::string by;                    // the attribute groups break down by; "" for none
    std::vector<std::string> skipped;  // --skip-invalid: "file:line: problem" of rows left out
    std::vector<GroupReport> groups;   // groups[0] is everyone surveyed
    const GroupReport& all() const { return groups.front(); }
};

// Which group each surveyed customer falls in: customer id -> attribute value ("" = unset).
// Must cover every customer the survey lists.
struct Grouping {
    std::string by;
    std::map<std::string, std::string> value_of;
};

// `responses` are the rows parse_responses accepted. With `grouping`, groups after the
// first are the attribute's values in byte order, the unset group last.
SurveyReport compute_survey_report(const SurveyDefinition& survey,
                                   const std::vector<Response>& responses,
                                   const Threshold& threshold, const Grouping* grouping = nullptr);

// returned / sent > rate_above, strictly (exactly 25% is not enough).
bool is_valid_return(long returned, long sent, double rate_above);

}  // namespace revisit
