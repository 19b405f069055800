#include <doctest/doctest.h>

#include <cmath>

#include "error_report.h"
#include "survey/statistics.h"
#include "survey/survey.h"
#include "survey/survey_format.h"
#include "survey/survey_html.h"
#include "survey/survey_report.h"

using namespace revisit;

namespace {

std::string survey_error(const std::string& yaml) {
    try {
        parse_survey_yaml(yaml, "s.yaml");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

// Two dimensions, weights 3 and 1, four customers surveyed.
const char* const kSurvey = R"(id: t1
project: 一期
sent_on: 2026-03-01
surveyed: [C1, C2, C3, C4]
scale: {min: 1, max: 5}
dimensions:
  - name: 工程质量
    weight: 3
    questions:
      - {id: q1, text: 房屋质量}
      - {id: q2}
  - name: 物业管理服务
    weight: 1
    questions:
      - {id: q3}
responses: responses.csv
other_columns: [备注]
)";

ParsedResponses responses_of(const SurveyDefinition& s, const std::string& csv, bool skip = false) {
    return parse_responses(parse_csv_table(csv, "r.csv"), s, skip);
}

}  // namespace

// ---- statistics

TEST_CASE("survey/statistics: Wilson interval for 81 of 263 is 0.2553-0.3662") {
    const Interval w = wilson_interval(81, 263, 1.96);
    CHECK(w.low == doctest::Approx(0.2553).epsilon(0.0002));
    CHECK(w.high == doctest::Approx(0.3662).epsilon(0.0002));
    CHECK(w.low == doctest::Approx(0.25529).epsilon(1e-4));
    CHECK(w.high == doctest::Approx(0.36621).epsilon(1e-4));
}

TEST_CASE("survey/statistics: Wilson edge cases") {
    // 0 of 10: lower bound 0, upper z²/(n+z²) = 3.8416/13.8416.
    const Interval none = wilson_interval(0, 10);
    CHECK(none.low == 0);
    CHECK(none.high == doctest::Approx(0.277540));
    // 3 of 3: centre (1 + z²/6)/(1 + z²/3), half z/(1+z²/3)·sqrt(z²/36): 0.4385 to 1.
    const Interval all = wilson_interval(3, 3);
    CHECK(all.low == doctest::Approx(0.43850).epsilon(1e-4));
    CHECK(all.high == doctest::Approx(1.0));
    const Interval empty = wilson_interval(0, 0);
    CHECK(empty.low == 0);
    CHECK(empty.high == 1);
}

TEST_CASE("survey/statistics: Cronbach's alpha against a published data set") {
    // thinkdeeply.cc/posts/survey-reliability: 10 respondents, 4 Likert items; R's
    // ltm::cronbach.alpha gives 0.674 (covariance form 4·0.309/(0.908+3·0.309)).
    const std::vector<std::vector<double>> data{
        {3, 3, 3, 3}, {3, 3, 4, 3}, {3, 3, 3, 1}, {5, 4, 4, 5}, {2, 1, 4, 4},
        {4, 4, 4, 5}, {3, 2, 3, 3}, {3, 4, 3, 3}, {4, 2, 2, 3}, {3, 3, 2, 3}};
    const auto alpha = cronbach_alpha(data);
    REQUIRE(alpha);
    CHECK(*alpha == doctest::Approx(0.674).epsilon(0.001));
    CHECK(*alpha == doctest::Approx(0.6737267).epsilon(1e-6));
}

TEST_CASE("survey/statistics: Cronbach's alpha by hand") {
    // Items (1,2,3) and (2,3,3): variances 1 and 1/3, totals (3,5,6) variance 7/3;
    // alpha = 2·(1 - (4/3)/(7/3)) = 6/7.
    auto a = cronbach_alpha({{1, 2}, {2, 3}, {3, 3}});
    REQUIRE(a);
    CHECK(*a == doctest::Approx(6.0 / 7.0));
    // Identical items are perfectly consistent.
    CHECK(*cronbach_alpha({{1, 1}, {2, 2}, {3, 3}}) == doctest::Approx(1.0));
    // Undefined: one item, one respondent, no variance in the totals.
    CHECK_FALSE(cronbach_alpha({{1}, {2}, {3}}));
    CHECK_FALSE(cronbach_alpha({{1, 2}}));
    CHECK_FALSE(cronbach_alpha({{3, 3}, {3, 3}}));
}

TEST_CASE("survey/statistics: margin of error with the finite-population correction") {
    // 1.96·sqrt(.25/100)·sqrt(900/999) = 0.098 · 0.949158 = 0.0930175
    CHECK(margin_of_error_fpc(0.5, 100, 1000) == doctest::Approx(0.0930175).epsilon(1e-6));
    // A huge population: the textbook 1.96·0.05 = 0.098.
    CHECK(margin_of_error_fpc(0.5, 100, 1e9) == doctest::Approx(0.098).epsilon(1e-6));
    CHECK(margin_of_error_fpc(0.5, 40, 40) == 0);  // everyone answered: no sampling error
    CHECK(margin_of_error_fpc(1.0, 10, 100) == 0);
    CHECK(finite_population_correction(2, 4) == doctest::Approx(0.8164966));
}

TEST_CASE("survey/statistics: mean, variance, mean interval") {
    CHECK(mean({2, 3, 4}) == 3);
    CHECK(mean({}) == 0);
    CHECK(sample_variance({2, 3, 4}) == 1);
    // 2 and 3 out of 4: 2.5 ± 1.96·sqrt(0.5/2)·sqrt(2/3) = 2.5 ± 0.800167
    auto ci = mean_interval_fpc({2, 3}, 4);
    REQUIRE(ci);
    CHECK(ci->low == doctest::Approx(1.699833));
    CHECK(ci->high == doctest::Approx(3.300167));
    CHECK_FALSE(mean_interval_fpc({4}, 10));
}

// ---- survey file

TEST_CASE("survey/survey: a survey file is read") {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    CHECK(s.id == "t1");
    CHECK(s.project == "一期");
    CHECK(s.sent_on.str() == "2026-03-01");
    CHECK(s.surveyed == 4);
    REQUIRE(s.customers.size() == 4);
    CHECK(s.customers[2].where.prefix() == "s.yaml:4:20: ");
    CHECK(s.weighted());
    CHECK(s.question_ids() == std::vector<std::string>{"q1", "q2", "q3"});
    CHECK(s.dimensions[0].questions[0].text == "房屋质量");
    CHECK(s.scale.describe() == "1 to 5");
    CHECK(s.scale.describe_satisfied() == "5, 4");
    CHECK(s.scale.satisfied_from() == 4);
}

TEST_CASE("survey/survey: a count instead of ids, and a labelled scale") {
    const SurveyDefinition s = parse_survey_yaml(R"(id: t2
project: p
sent_on: 2026-03-01
surveyed: 120
scale:
  labels: {满意: 3, 基本满意: 2, 不满意: 1}
dimensions:
  - name: 服务态度
    questions: [{id: a1}]
responses: r.csv
valid_return_rate_above: 0.3
)",
                                                 "s.yaml");
    CHECK(s.surveyed == 120);
    CHECK_FALSE(s.lists_customers());
    CHECK_FALSE(s.weighted());
    CHECK(s.valid_return_rate_above == 0.3);
    CHECK(s.scale.describe() == "满意=3, 基本满意=2, 不满意=1");
    CHECK(s.scale.describe_satisfied() == "满意, 基本满意");
    std::string problem;
    CHECK(s.scale.score("基本满意", problem) == 2.0);
    CHECK_FALSE(s.scale.score("一般", problem));
    CHECK(
        problem ==
        "\"一般\" is not a label of the scale; expected one of \"满意\", \"基本满意\", \"不满意\"");
}

TEST_CASE("survey/survey: every problem in a survey file is reported with line and column") {
    CHECK(survey_error(R"(id: t1
projct: 一期
sent_on: 2026-3-1
surveyed: [C1, C1, "bad id"]
scale: {min: 5, max: 1}
dimensions:
  - name: 工程质量
    weight: 2
    questions:
      - {id: q1}
      - {id: q1}
  - name: 物业管理服务
    questions: []
responses: r.csv
)") == "s.yaml:1:1: the survey file needs \"project\"\n"
       "s.yaml:2:1: unknown key \"projct\" in the survey file (did you mean \"project\"?)\n"
       "s.yaml:3:10: expected a date YYYY-MM-DD, got \"2026-3-1\"\n"
       "s.yaml:4:16: customer \"C1\" is listed twice (first on line 4)\n"
       "s.yaml:4:20: \"bad id\" is not a customer id (letters, digits, - and _, 1-32 long)\n"
       "s.yaml:5:22: scale max (1) must be greater than min (5)\n"
       "s.yaml:11:14: question \"q1\" appears twice (first on line 10)\n"
       "s.yaml:12:5: dimension \"物业管理服务\" has no weight, but others have one: give every "
       "dimension a weight, or none\n"
       "s.yaml:13:16: dimension \"物业管理服务\" has no questions");
}

TEST_CASE("survey/survey: scale, dimension and column mistakes") {
    CHECK(survey_error(
              "id: x\nproject: p\nsent_on: 2026-01-01\nsurveyed: []\n"
              "scale: {min: 1, max: 5, labels: {a: 1}}\ndimensions: []\nresponses: r.csv\n") ==
          "s.yaml:4:11: surveyed lists no customers\n"
          "s.yaml:5:8: a scale has either min and max, or labels, not both\n"
          "s.yaml:6:13: a survey needs at least one dimension");
    CHECK(survey_error("id: x\nproject: p\nsent_on: 2026-01-01\nsurveyed: many\n"
                       "scale: {labels: {好: 1, 很好: 1}}\n"
                       "dimensions:\n  - name: d\n    weight: 0\n    questons: [{id: respondent}]\n"
                       "responses: r.csv\n") ==
          "s.yaml:4:11: expected a whole number, got \"many\"\n"
          "s.yaml:5:17: a scale needs at least two different scores\n"
          "s.yaml:7:5: a dimension needs \"questions\"\n"
          "s.yaml:8:13: a weight must be greater than 0\n"
          "s.yaml:9:5: unknown key \"questons\" in a dimension (did you mean \"questions\"?)");
    CHECK(survey_error(
              "id: x\nproject: p\nsent_on: 2026-01-01\nsurveyed: 3\nscale: {min: 1, max: 5}\n"
              "other_columns: [备注]\n"
              "dimensions:\n  - name: d\n    questions: [{id: respondent}, {id: 备注}]\n"
              "responses: r.csv\n") ==
          "s.yaml:9:22: question id \"respondent\" is the respondent column\n"
          "s.yaml:9:40: question id \"备注\" is also listed in other_columns");
}

// ---- responses

TEST_CASE("survey/responses: blank is missing, never zero") {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    auto p = responses_of(s, "respondent,q1,q2,q3,备注\nC1,5,4,2,好\nC2, 4 ,,3,\n");
    CHECK(p.errors.empty());
    REQUIRE(p.responses.size() == 2);
    CHECK(p.responses[1].respondent == "C2");
    CHECK(p.responses[1].line == 3);
    CHECK(p.responses[1].answers[0] == 4.0);
    CHECK_FALSE(p.responses[1].answers[1].has_value());
}

TEST_CASE("survey/responses: every bad row and column is reported with file and line") {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    const std::string csv =
        "respondent,q1,q3,q9,备注\n"
        "C1,5,4,,ok\n"
        "C2,6,x,,\n"
        "C7,3,3,,\n"
        "C1,2,2,,\n"
        ",1,1,,\n"
        "C3,2,2,,\n";
    const std::vector<std::string> row_problems{
        "r.csv:3:4: q1: 6 is outside the scale 1 to 5",
        "r.csv:3:6: q3: \"x\" is not a score on the scale 1 to 5",
        "r.csv:4:1: respondent \"C7\" is not among those surveyed (did you mean \"C1\"?)",
        "r.csv:5:1: respondent \"C1\" already answered on line 2",
        "r.csv:6:1: respondent is blank"};
    const std::vector<std::string> column_problems{
        "r.csv:1:18: unknown question column \"q9\" (did you mean \"q1\"?)",
        "r.csv:1: missing question column \"q2\" (工程质量)"};
    auto strict = responses_of(s, csv);
    std::vector<std::string> all = column_problems;
    all.insert(all.end(), row_problems.begin(), row_problems.end());
    CHECK(diagnostic_texts(strict.errors) == all);
    CHECK(strict.skipped.empty());

    auto lenient = responses_of(s, csv, true);
    CHECK(diagnostic_texts(lenient.errors) == column_problems);  // a column cannot be skipped
    CHECK(lenient.skipped == row_problems);
    REQUIRE(lenient.responses.size() == 2);
    CHECK(lenient.responses[0].respondent == "C1");
    CHECK(lenient.responses[1].respondent == "C3");
}

TEST_CASE(
    "survey/responses: problems show their line: a caret under the cell, none for the header") {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    const auto p =
        responses_of(s, "respondent,q1,q3,备注\n\"C1\",5,2,\"很好\n\"\nC2,3,\"很好\",\n");
    CHECK(test::report(Error(p.errors)) ==
          "r.csv:1: missing question column \"q2\" (工程质量)\n"
          "  respondent,q1,q3,备注\n"
          "r.csv:4:6: q3: \"很好\" is not a score on the scale 1 to 5\n"
          "  C2,3,\"很好\",\n"
          "       ^\n");
}

TEST_CASE("survey/survey: a problem in the survey file shows its line and a caret") {
    CHECK(test::report_of([] {
              parse_survey_yaml(
                  "id: x\nproject: 二期\nsent_on: 2026-01-01\nsurveyed: 3\n"
                  "scale: {min: 1, max: 5, step: 1}\n"
                  "dimensions: [{name: 工程质量, questions: [{id: q1, txt: 房屋}]}]\n"
                  "responses: r.csv\n",
                  "s.yaml");
          }) ==
          "s.yaml:5:25: unknown key \"step\" in scale; allowed: min, max, labels\n"
          "  scale: {min: 1, max: 5, step: 1}\n"
          "                          ^\n"
          "s.yaml:6:48: unknown key \"txt\" in a question (did you mean \"text\"?)\n"
          "  dimensions: [{name: 工程质量, questions: [{id: q1, txt: 房屋}]}]\n"
          "                                                     ^\n");
}

TEST_CASE("survey/responses: the respondent column, and more returns than sent") {
    const SurveyDefinition listed = parse_survey_yaml(kSurvey, "s.yaml");
    CHECK(diagnostic_texts(responses_of(listed, "q1,q2,q3\n1,2,3\n").errors) ==
          std::vector<std::string>{"r.csv:1: missing respondent column \"respondent\": the survey "
                                   "lists the customers it was sent to"});
    CHECK(diagnostic_texts(responses_of(listed, "respondent,q1,q2,q3,q1\n").errors) ==
          std::vector<std::string>{"r.csv:1:21: column \"q1\" appears twice"});
    CHECK(diagnostic_texts(responses_of(listed, "respondent,q1,q2,q3,意见\n").errors) ==
          std::vector<std::string>{"r.csv:1:21: unknown question column \"意见\"; list it in "
                                   "other_columns if it is not a question"});
    const SurveyDefinition counted = parse_survey_yaml(
        "id: c\nproject: p\nsent_on: 2026-01-01\nsurveyed: 2\nscale: {min: 1, max: 3}\n"
        "dimensions: [{name: d, questions: [{id: q}]}]\nresponses: r.csv\n",
        "c.yaml");
    CHECK(responses_of(counted, "q\n1\n2\n").errors.empty());
    CHECK(
        diagnostic_texts(responses_of(counted, "q\n1\n2\n3\n").errors) ==
        std::vector<std::string>{"r.csv: 3 questionnaires returned, but c.yaml says 2 were sent"});
}

// ---- report

TEST_CASE("survey/report: exactly the threshold is not enough (S1-valid)") {
    CHECK_FALSE(is_valid_return(1, 4, 0.25));
    CHECK(is_valid_return(2, 4, 0.25));
    CHECK_FALSE(is_valid_return(10, 40, 0.25));
    CHECK(is_valid_return(11, 40, 0.25));
    CHECK_FALSE(is_valid_return(3, 10, 0.3));
    CHECK_FALSE(is_valid_return(25, 100, 0.25));
    CHECK(is_valid_return(26, 100, 0.25));
    CHECK_FALSE(is_valid_return(0, 0, 0.25));
}

TEST_CASE("survey/report: hand-computed dimensions and a weighted overall") {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    auto p = responses_of(s, "respondent,q1,q2,q3,备注\nC1,5,4,2,\nC2,4,,3,\n");
    REQUIRE(p.errors.empty());
    const SurveyReport r = compute_survey_report(s, p.responses, Threshold{});
    REQUIRE(r.groups.size() == 1);
    const GroupReport& g = r.all();
    CHECK(g.sent == 4);
    CHECK(g.returned == 2);
    CHECK(g.valid);
    CHECK(verdict_text(g, r.threshold) == "valid: 2 of 4 returned (50.0%), more than 25%");
    const DimensionStats& quality = g.dimensions[0];
    CHECK(quality.answers == 3);  // the blank q2 is not a 0
    CHECK(*quality.mean == doctest::Approx(13.0 / 3));
    CHECK(quality.satisfied == 3);
    CHECK(*quality.satisfaction_rate == 1.0);
    CHECK(quality.satisfaction_ci->low == doctest::Approx(0.43850).epsilon(1e-4));
    CHECK(*quality.margin_of_error == 0);
    CHECK_FALSE(quality.alpha);  // only C1 answered both questions
    CHECK(quality.alpha_respondents == 1);
    const DimensionStats& service = g.dimensions[1];
    CHECK(*service.mean == 2.5);
    CHECK(*service.satisfaction_rate == 0);
    CHECK(service.mean_ci->low == doctest::Approx(1.699833));
    CHECK_FALSE(service.alpha);
    CHECK(service.alpha_respondents == 0);
    // Overall: (3·13/3 + 1·2.5)/4 and (3·1 + 1·0)/4; MOE on 5 answers of 4·3 possible.
    CHECK(*g.overall.mean == doctest::Approx(3.875));
    CHECK(*g.overall.satisfaction_rate == doctest::Approx(0.75));
    CHECK(g.overall.answers == 5);
    CHECK(g.overall.satisfied == 3);
    CHECK(*g.overall.margin_of_error ==
          doctest::Approx(1.96 * std::sqrt(0.1875 / 5) * std::sqrt(7.0 / 11)));
}

TEST_CASE("survey/report: unweighted overall is the plain mean of dimension means") {
    std::string yaml = kSurvey;
    yaml.replace(yaml.find("    weight: 3\n"), 14, "");
    yaml.replace(yaml.find("    weight: 1\n"), 14, "");
    const SurveyDefinition s = parse_survey_yaml(yaml, "s.yaml");
    auto p = responses_of(s, "respondent,q1,q2,q3,备注\nC1,5,4,2,\nC2,4,,3,\n");
    const SurveyReport r = compute_survey_report(s, p.responses, Threshold{});
    CHECK(*r.all().overall.mean == doctest::Approx((13.0 / 3 + 2.5) / 2));
    CHECK(*r.all().overall.satisfaction_rate == doctest::Approx(0.5));
}

TEST_CASE("survey/report: groups by attribute, each with its own verdict") {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    auto p = responses_of(s, "respondent,q1,q2,q3,备注\nC1,5,4,2,\nC2,4,,3,\n");
    Grouping by{"project", {{"C1", "一期"}, {"C2", "二期"}, {"C3", "一期"}, {"C4", ""}}};
    const SurveyReport r = compute_survey_report(s, p.responses, Threshold{}, &by);
    REQUIRE(r.groups.size() == 4);
    CHECK(r.groups[0].label() == "(all)");
    CHECK(r.groups[1].label() == "一期");
    CHECK(r.groups[1].sent == 2);
    CHECK(r.groups[1].returned == 1);
    CHECK(r.groups[1].valid);
    CHECK(*r.groups[1].dimensions[1].mean == 2);
    CHECK(r.groups[2].label() == "二期");
    CHECK(r.groups[2].returned == 1);
    CHECK(r.groups[3].label() == "(unset)");
    CHECK(r.groups[3].sent == 1);
    CHECK(r.groups[3].returned == 0);
    CHECK_FALSE(r.groups[3].valid);
    CHECK_FALSE(r.groups[3].dimensions[0].mean);
    CHECK(r.groups[3].dimensions[0].answers == 0);
}

TEST_CASE("survey/html: self-contained and escaped") {
    std::string yaml = kSurvey;
    yaml.replace(yaml.find("id: t1"), 6, "id: t1\ntitle: \"<script>alert(1)</script> & 回访\"");
    const SurveyDefinition s = parse_survey_yaml(yaml, "s.yaml");
    auto p = responses_of(s, "respondent,q1,q2,q3,备注\nC1,5,4,2,\nC2,4,,3,\n");
    const std::string html = render_survey_html(compute_survey_report(s, p.responses, Threshold{}));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 回访") != std::string::npos);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
    CHECK(html.find("工程质量") != std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("http") == std::string::npos);
    CHECK(html_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("survey/format: percentages, thresholds and verdicts") {
    CHECK(format_percent(0.34166) == "34.2%");
    CHECK(format_threshold(0.25) == "25%");
    CHECK(format_threshold(0.333) == "33.3%");
    GroupReport g;
    g.sent = 40;
    g.returned = 10;
    g.return_rate = 0.25;
    g.valid = is_valid_return(10, 40, 0.25);
    CHECK(verdict_text(g, Threshold{}) == "invalid: 10 of 40 returned (25.0%), not more than 25%");
}

TEST_CASE("survey/format: csv and json carry every group and dimension") {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    auto p = responses_of(s, "respondent,q1,q2,q3,备注\nC1,5,4,2,\nC2,4,,3,\n");
    const SurveyReport r = compute_survey_report(s, p.responses, Threshold{});
    const std::string csv = render_survey_csv(r);
    CHECK(csv.find("(all),工程质量,3,2,4,2,0.5000,true,0.25,default,3,2,4.3333,") !=
          std::string::npos);
    CHECK(csv.find("(all),overall,,3,4,2,0.5000,true,0.25,default,5,2,3.8750,,,3,0.7500,") !=
          std::string::npos);
    const std::string json = render_survey_json(r);
    CHECK(json.find("\"weight\": 3,") != std::string::npos);
    CHECK(json.find("\"mean\": 3.875,") != std::string::npos);
    CHECK(json.find("\"source\": \"default\",") != std::string::npos);
}

TEST_CASE("survey: text in the file that no report could show is refused where it is") {
    // Found by fuzz_survey: a control byte in the id reached the JSON writer, which threw.
    const std::string survey = kSurvey;
    const std::string with_control =
        "id: t\x01"
        "1\n" +
        survey.substr(survey.find('\n') + 1);
    CHECK(survey_error(with_control) ==
          "s.yaml:1:5: a survey id contains a control character (U+0001); only text, line ends "
          "and tabs are allowed");
    // The fuzzer's input: yaml-cpp reads "\x01\0N\x1a" as bytes that are not UTF-8.
    const std::string nul =
        std::string("id: 202\x01\0N\x1aner\n", 15) + survey.substr(survey.find('\n') + 1);
    CHECK(survey_error(nul) == "s.yaml:1:5: a survey id is not valid UTF-8");
    const std::string bad_utf8 = "id: t1\ntitle: \xE7\xBF\n" + survey.substr(survey.find('\n') + 1);
    CHECK(survey_error(bad_utf8) == "s.yaml: file is not valid UTF-8");
}
