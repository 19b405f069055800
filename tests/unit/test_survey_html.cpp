// lib/survey/survey_html.h, survey_labels.h, survey_charts.h: the HTML survey report in
// English and Chinese, well-formed, escaped, self-contained and narrow-screen friendly.

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "survey/survey.h"
#include "survey/survey_html.h"
#include "survey/survey_report.h"

using namespace revisit;

namespace {

const char* const kSurvey = R"(id: t1
title: "<script>alert(1)</script> & 回访"
project: 一期
sent_on: 2026-03-01
surveyed: [C1, C2, C3, C4]
scale: {min: 1, max: 5}
dimensions:
  - name: 工程质量 & <维修>
    weight: 0.3
    questions:
      - {id: q1, text: 房屋质量 <墙面>}
      - {id: q2}
  - name: 物业管理服务
    weight: 0.15
    questions:
      - {id: q3}
responses: responses.csv
)";

std::string report_html(const std::string& locale) {
    const SurveyDefinition s = parse_survey_yaml(kSurvey, "s.yaml");
    const auto p = parse_responses(
        parse_csv_table("respondent,q1,q2,q3\nC1,5,4,2\nC2,4,3,3\nC3,2,2,5\n", "r.csv"), s, false);
    REQUIRE(p.errors.empty());
    return render_survey_html(compute_survey_report(s, p.responses, Threshold{}), locale);
}

bool has(const std::string& html, const std::string& part) {
    return html.find(part) != std::string::npos;
}

// "" when every element opened is closed, in order (void elements and <x/> excepted), else
// what went wrong. Comments, doctype and text are skipped; the report writes no others.
std::string nesting_problem(const std::string& html) {
    static const std::set<std::string> kVoid{"meta", "br", "hr", "img", "input", "link", "wbr"};
    std::vector<std::string> open;
    for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
        const size_t end = html.find('>', at);
        if (end == std::string::npos) return "unterminated tag";
        const std::string tag = html.substr(at + 1, end - at - 1);
        if (tag.empty() || tag[0] == '!') continue;
        const bool closing = tag[0] == '/';
        const std::string name = tag.substr(closing, tag.find_first_of(" /", closing) - closing);
        if (closing) {
            if (open.empty() || open.back() != name) return "</" + name + "> closes nothing open";
            open.pop_back();
        } else if (!kVoid.count(name) && tag.back() != '/') {
            open.push_back(name);
        }
    }
    return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

}  // namespace

TEST_CASE("survey/html: English by default, labels in Chinese for zh-CN") {
    const std::string en = report_html("en");
    CHECK(has(en, "<html lang=\"en\">"));
    CHECK(has(en, " — survey report</title>"));
    CHECK(has(en, "<span class=\"valid\">valid: 3 of 4 returned (75.0%), more than 25%</span>"));
    CHECK(has(en, "<th>dimension</th><th>weight</th>"));
    CHECK(has(en, "<h3>Reliability</h3>"));
    CHECK_FALSE(has(en, "顾客回访分析报告"));

    const std::string zh = report_html("zh-CN");
    CHECK(has(zh, "<html lang=\"zh-CN\">"));
    CHECK(has(zh, " — 顾客回访分析报告</title>"));
    CHECK(has(zh,
              "<h2>全部：<span class=\"valid\">有效（发放 4 份，回收 3 份，回收率 75.0%，"
              "超过 25%）</span></h2>"));
    for (const char* label :
         {"<th>量表</th>", "<th>有效标准</th><td>回收率超过 25% 方为有效</td>",
          "<th>标准来源</th><td>内置默认值", "<h2>回收率</h2>", "<th>分组</th><th>发放</th>",
          "<th>维度</th><th>权重</th><th>题数</th><th>回答数</th><th>平均分</th>",
          "<th>满意率</th><th>Wilson 95% 区间</th><th>误差范围</th><th>Cronbach α</th>",
          "<h3>信度分析</h3>", "<th>95% 置信区间（Feldt）</th><th>完整作答人数</th>",
          "<th>校正题总相关</th><th>删除该题后的 α</th>", "<td>总体</td>",
          "<figcaption>各维度满意率（误差线：Wilson 95% 区间）</figcaption>",
          "<td>1 至 5 分；满意：5, 4</td>"}) {
        CAPTURE(label);
        CHECK(has(zh, label));
    }
    CHECK_FALSE(has(zh, "returned"));
    CHECK(report_html("xx") == en);  // the loaders refuse other locales; English otherwise
}

TEST_CASE("survey/survey: locale is en or zh-CN, anything else an error at its place") {
    std::string yaml = kSurvey;
    yaml.replace(yaml.find("project:"), 0, "locale: zh-CN\n");
    CHECK(parse_survey_yaml(yaml, "s.yaml").locale == "zh-CN");
    CHECK(parse_survey_yaml(kSurvey, "s.yaml").locale.empty());
    yaml.replace(yaml.find("zh-CN"), 5, "zh_CN");
    try {
        parse_survey_yaml(yaml, "s.yaml");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "s.yaml:3:9: unknown locale \"zh_CN\" (did you mean \"zh-CN\"?); allowed: en, zh-CN");
    }
}

TEST_CASE("survey/html: numbers formatted the same way everywhere") {
    const std::string html = report_html("zh-CN");
    // Weights with the decimals the survey needs (0.30 beside 0.15); rates with one
    // decimal; intervals as [low, high]. Figures from an independent Python script (hand
    // formulae, mpmath for F): 工程质量 answers 5,4,2 and 4,3,2: mean 3.33, 95% CI
    // [2.82, 3.85] (M = 8), 3 of 6 satisfied, Wilson [18.8%, 81.2%]; alpha 0.9474 with
    // Feldt df 2 and 2: [-1.05, 1.00]; item-rest r = corr(q1, q2) = 0.9820.
    CHECK(has(html,
              "<td>工程质量 &amp; &lt;维修&gt;</td><td>0.30</td><td>2</td><td>6</td>"
              "<td>3.33</td><td>[2.82, 3.85]</td><td>50.0%</td><td>[18.8%, 81.2%]</td>"));
    CHECK(has(html,
              "<td>物业管理服务</td><td>0.15</td><td>1</td><td>3</td><td>3.33</td>"
              "<td>[2.34, 4.33]</td><td>33.3%</td><td>[6.1%, 79.2%]</td>"));
    CHECK(has(html,
              "<td rowspan=\"2\">0.95</td><td rowspan=\"2\">[-1.05, 1.00]</td>"
              "<td rowspan=\"2\">3</td>"));
    CHECK(has(html, "<td class=\"q\">q1 房屋质量 &lt;墙面&gt;</td><td>0.98</td><td>-</td>"));
}

TEST_CASE("survey/html: well-formed, escaped, self-contained, and fits a phone") {
    for (const char* locale : {"en", "zh-CN"}) {
        CAPTURE(locale);
        const std::string html = report_html(locale);
        CHECK(nesting_problem(html) == "");
        CHECK_FALSE(has(html, "<script"));
        CHECK(has(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 回访"));
        CHECK_FALSE(has(html, "src="));
        CHECK_FALSE(has(html, "http"));
        CHECK_FALSE(has(html, "<link"));
        // Every chart scales to the page; every table sits in a sideways-scrolling box.
        size_t charts = 0, tables = 0;
        for (size_t at = html.find("<svg "); at != std::string::npos;
             at = html.find("<svg ", at + 1), ++charts)
            CHECK(html.compare(at, 18, "<svg viewBox=\"0 0 ") == 0);
        CHECK(charts == 2);
        for (size_t at = html.find("<table"); at != std::string::npos;
             at = html.find("<table", at + 1), ++tables)
            CHECK(html.compare(at - 21, 21, "<div class=\"scroll\">\n") == 0);
        CHECK(tables == 4);
        CHECK(has(html, ".scroll { overflow-x: auto;"));
        CHECK(has(html, "width=\"100%\""));
        CHECK(
            has(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    }
    CHECK(nesting_problem("<p><b>x</p></b>") == "</p> closes nothing open");
    CHECK(nesting_problem("<div><br><svg><line/></svg>") == "<div> is never closed");
}
