#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "error_report.h"
#include "journal_sample.h"
#include "policy/policy.h"
#include "policy/policy_loader.h"
#include "util/error.h"

using namespace revisit;

namespace {

using Lines = std::vector<std::string>;

std::string read_source_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Lines 1-16 of every broken rules text below; rules start on line 17.
const std::string kHead =
    "company: 测试公司\n"                                                          // 1
    "owners: {min: 2, clause: 第八条}\n"                                           // 2
    "attributes:\n"                                                                // 3
    "  stage: {type: enum, values: [call-in, visitor, closed], required: true}\n"  // 4
    "  grade: {type: enum, values: [A, B, C, D]}\n"                                // 5
    "  key: {type: bool}\n"                                                        // 6
    "channels:\n"                                                                  // 7
    "  - {id: visit}\n"                                                            // 8
    "  - {id: phone}\n"                                                            // 9
    "  - {id: sms}\n"                                                              // 10
    "outcomes:\n"                                                                  // 11
    "  - {id: reached, counts: true}\n"                                            // 12
    "variables: {hotline: 400-000-0000}\n"                                         // 13
    "templates:\n"                                                                 // 14
    "  holiday: \"{salutation}，{holiday}快乐！{hotline}\"\n"                      // 15
    "rules:\n";                                                                    // 16

// Two good rules, lines 17-28.
const std::string kRules =
    "  - id: first\n"               // 17
    "    clause: 第一条\n"          // 18
    "    when: {stage: call-in}\n"  // 19
    "    anchor: created\n"         // 20
    "    within: 0d\n"              // 21
    "    channel: phone\n"          // 22
    "  - id: second\n"              // 23
    "    clause: 第二条\n"          // 24
    "    anchor: rule:first\n"      // 25
    "    start: 1d\n"               // 26
    "    within: 3d\n"              // 27
    "    channel: phone\n";         // 28

Lines check(const std::string& text) { return check_policy(text, "rules.yaml"); }

// The good head with one rule (starting on line 17) after it.
Lines check_rule(const std::string& rule) { return check(kHead + rule); }

}  // namespace

TEST_CASE("policy: every shipped rules file loads without a problem") {
    const std::filesystem::path dir = std::filesystem::path(REVISIT_SOURCE_DIR) / "rules";
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".yaml") continue;
        ++files;
        const std::string name = entry.path().filename().string();
        CAPTURE(name);
        const std::string text = read_source_file(entry.path());
        CHECK(check_policy(text, name) == Lines{});
        const Policy policy = parse_policy(text, name);
        CHECK_FALSE(policy.company.empty());
        CHECK_FALSE(policy.rules.empty());
        for (const auto& rule : policy.rules) {
            CAPTURE(rule.id);
            CHECK_FALSE(rule.clause.empty());  // every rule cites its article
        }
    }
    CHECK(files >= 1);
}

TEST_CASE("policy: rules/sales-center.yaml says what SEEDS.md part 3 says") {
    const Policy p = parse_policy(read_source_file(REVISIT_SOURCE_DIR "/rules/sales-center.yaml"),
                                  "sales-center.yaml");
    CHECK(p.company == "居然·青年城营销中心");
    CHECK(p.calendar == "cn");
    CHECK(p.rules.size() == 18);
    CHECK(p.channel_ids() == Lines{"visit", "phone", "sms"});
    REQUIRE(p.call_windows.size() == 2);  // 第五条3: 10:00-11:30 and 15:30-17:00
    CHECK(p.call_windows[0].from == 10 * 60);
    CHECK(p.call_windows[1].to == 17 * 60);
    const Rule* r = p.rule("S0.3-1.2");
    REQUIRE(r != nullptr);
    CHECK(r->clause == "第一条2");
    CHECK(r->kind == Rule::Kind::Once);
    CHECK(r->anchor.str() == "rule:S0.3-1.1");
    CHECK(r->start.str() == "1d");
    CHECK(r->within.str() == "3d");
    CHECK(r->where.line == 92);
    CHECK(p.rule("S0.3-3.2")->every.str() == "15d");     // half-monthly
    const Rule* milestone = p.rule("S0.3-4-milestone");  // 第四条2: everyone, every milestone
    REQUIRE(milestone != nullptr);
    CHECK(milestone->kind == Rule::Kind::Milestones);
    CHECK(milestone->milestone_kinds.empty());
    REQUIRE(p.attribute("stage") != nullptr);
    CHECK(p.attribute("stage")->required);
}

TEST_CASE("policy: parse_policy resolves condition keys and rule anchors to indexes") {
    Policy p = parse_policy(kHead + kRules +
                                "  - {id: third, clause: 三, when: {grade: [A, B], key: 'yes'},\n"
                                "     unless: {stage: closed}, anchor: 'rule:second', every: 3d,\n"
                                "     channel: phone}\n",
                            "rules.yaml");
    REQUIRE(p.rules.size() == 3);
    CHECK(p.rules[0].when.attribute_index == std::vector<int>{0});  // stage
    CHECK(p.rules[0].anchor.rule_index == -1);                      // created
    CHECK(p.rules[1].when.attribute_index.empty());
    CHECK(p.rules[1].anchor.rule_index == 0);                          // rule:first
    CHECK(p.rules[2].when.attribute_index == std::vector<int>{1, 2});  // grade, key
    CHECK(p.rules[2].unless.attribute_index == std::vector<int>{0});
    CHECK(p.rules[2].anchor.rule_index == 1);
    // Again after a change by hand: an attribute in front moves every index by one.
    AttributeSpec source;
    source.key = "source";
    p.attributes.insert(p.attributes.begin(), source);
    p.resolve_names();
    CHECK(p.rules[2].when.attribute_index == std::vector<int>{2, 3});
}

TEST_CASE("policy: the test's own head and rules are clean") {
    CHECK(check(kHead + kRules) == Lines{});
    const Policy p = parse_policy(kHead + kRules, "rules.yaml");
    CHECK(p.owners.min == 2);
    CHECK(p.owners.clause == "第八条");
    CHECK(p.rules.size() == 2);
    CHECK(p.rule("second")->where.line == 23);
    CHECK(p.rule("second")->where.column == 5);
}

TEST_CASE("policy: unknown keys, with a did-you-mean") {
    CHECK(check(kHead + kRules + "calender: cn\n") ==
          Lines{"rules.yaml:29:1: unknown key \"calender\" in the rules file (did you mean "
                "\"calendar\"?)"});
    // Without a close match the message lists the allowed keys.
    std::string head = kHead;
    head.replace(head.find("{min: 2"), 7, "{maximum: 3, min: 2");
    CHECK(check(head + kRules) ==
          Lines{"rules.yaml:2:10: unknown key \"maximum\" in owners; allowed: min, clause"});
    CHECK(
        check_rule(
            "  - id: x\n    clause: c\n    within: 0d\n    channel: phone\n    chanel: sms\n") ==
        Lines{"rules.yaml:21:5: unknown key \"chanel\" in rule \"x\" (did you mean \"channel\"?)"});
}

TEST_CASE("policy: a value holding a control character is refused where it is") {
    const Lines got =
        check_rule("  - id: x\n    clause: \"a\\x01b\"\n    within: 0d\n    channel: phone\n");
    CHECK(got == Lines{"rules.yaml:18:13: the article this rule implements contains a control "
                       "character (U+0001); only text, line ends and tabs are allowed"});
}

TEST_CASE("policy: when/unless name declared attributes and values") {
    CHECK(check_rule("  - id: x\n    clause: c\n    when: {stages: call-in}\n    within: 0d\n    "
                     "channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" when refers to unknown attribute \"stages\" (did you "
                "mean \"stage\"?)"});
    CHECK(
        check_rule("  - id: x\n    clause: c\n    when: {grade: E}\n    within: 0d\n    channel: "
                   "phone\n") ==
        Lines{"rules.yaml:19:19: \"E\" is not an allowed value of \"grade\"; allowed: A, B, C, D"});
    CHECK(
        check_rule("  - id: x\n    clause: c\n    unless: {key: maybe}\n    within: 0d\n    "
                   "channel: phone\n") ==
        Lines{"rules.yaml:19:19: \"maybe\" is not an allowed value of \"key\"; allowed: yes, no"});
}

TEST_CASE("policy: spans") {
    CHECK(check_rule("  - id: x\n    clause: c\n    within: 3dd\n    channel: phone\n") ==
          Lines{"rules.yaml:19:13: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, "
                "half-monthly or monthly, got \"3dd\""});
    // A bad within is reported once, not again as "start is after within".
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: 1d\n    within: 3dd\n    channel: phone\n") ==
          Lines{"rules.yaml:20:13: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, "
                "half-monthly or monthly, got \"3dd\""});
    CHECK(check_rule("  - id: x\n    clause: c\n    every: fortnightly\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, "
                "half-monthly or monthly, got \"fortnightly\""});
}

TEST_CASE("policy: channels and templates must be declared") {
    CHECK(check_rule("  - id: x\n    clause: c\n    within: 0d\n    channel: phones\n") ==
          Lines{"rules.yaml:20:14: unknown channel \"phones\" (did you mean \"phone\"?); allowed: "
                "visit, phone, sms"});
    CHECK(check_rule("  - id: x\n    clause: c\n    within: 0d\n    channel: fax\n") ==
          Lines{"rules.yaml:20:14: unknown channel \"fax\"; allowed: visit, phone, sms"});
    CHECK(check_rule("  - id: x\n    clause: c\n    on: holidays\n    channel: sms\n    template: "
                     "holidy\n") ==
          Lines{"rules.yaml:21:15: unknown template \"holidy\" (did you mean \"holiday\"?)"});
    std::string head = kHead;
    head.replace(head.find("{holiday}"), 9, "{holday}");
    CHECK(check(head + kRules) ==
          Lines{"rules.yaml:15:12: template \"holiday\" uses unknown placeholder {holday} (did you "
                "mean "
                "\"holiday\"?); known: salutation, name, owner, holiday, milestone, date, reason, "
                "company, hotline"});
}

TEST_CASE("policy: rule anchors must name a rule and must not loop") {
    CHECK(
        check_rule("  - id: x\n    clause: c\n    anchor: rule:fist\n    within: 0d\n    channel: "
                   "phone\n" +
                   kRules) ==
        Lines{
            "rules.yaml:19:13: anchor refers to unknown rule \"fist\" (did you mean \"first\"?)"});
    CHECK(
        check_rule(
            "  - id: a\n    clause: c\n    anchor: rule:b\n    within: 1d\n    channel: phone\n"
            "  - id: b\n    clause: c\n    anchor: rule:a\n    within: 1d\n    channel: phone\n"
            "  - id: c\n    clause: c\n    anchor: rule:c\n    within: 1d\n    channel: phone\n") ==
        Lines{"rules.yaml:19:13: rule \"a\" can never fire: its anchors form a loop",
              "rules.yaml:24:13: rule \"b\" can never fire: its anchors form a loop",
              "rules.yaml:29:13: rule \"c\" can never fire: its anchors form a loop"});
    // A rule anchored on a loop cannot fire either.
    CHECK(
        check_rule(
            "  - id: a\n    clause: c\n    anchor: rule:a\n    within: 1d\n    channel: phone\n"
            "  - id: b\n    clause: c\n    anchor: rule:a\n    within: 1d\n    channel: phone\n") ==
        Lines{"rules.yaml:19:13: rule \"a\" can never fire: its anchors form a loop",
              "rules.yaml:24:13: rule \"b\" can never fire: its anchors form a loop"});
}

TEST_CASE("policy: rules that can never fire") {
    CHECK(check_rule("  - id: x\n    clause: c\n    when: {stage: [call-in, visitor]}\n"
                     "    unless: {stage: [visitor, call-in, closed]}\n    within: 0d\n    "
                     "channel: phone\n") ==
          Lines{"rules.yaml:20:13: rule \"x\" can never fire: \"unless\" excludes every value "
                "\"when\" allows"});
    // unless excluding only some of the values is fine
    CHECK(check_rule("  - id: x\n    clause: c\n    when: {stage: [call-in, visitor]}\n"
                     "    unless: {stage: visitor}\n    within: 0d\n    channel: phone\n") ==
          Lines{});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: 5d\n    within: 3d\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" can never be met: start 5d is after within 3d"});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: 1w\n    within: 3d\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" can never be met: start 1w is after within 3d"});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: 2d\n    within: 24h\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" can never be met: start 2d is after within 24h"});
    // Spans that may overlap are accepted: a month can be 28 days, working days can be many.
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: 1m\n    within: 30d\n    channel: phone\n") ==
          Lines{});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: 3d\n    within: 3wd\n    channel: phone\n") ==
          Lines{});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: 3d\n    within: 3d\n    channel: phone\n") ==
          Lines{});
    // Before the anchor: -1d starts the day before; -23h may start that day too.
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -1d\n    within: -2d\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" can never be met: start -1d is after within -2d"});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -23h\n    within: -1d\n    channel: phone\n") ==
          Lines{});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -1d\n    within: -30h\n    channel: phone\n") ==
          Lines{});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -1m\n    within: -3w\n    channel: phone\n") ==
          Lines{});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -1w\n    within: -1m\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" can never be met: start -1w is after within -1m"});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -1d\n    within: -1m\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" can never be met: start -1d is after within -1m"});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -2d\n    within: -3wd\n    channel: phone\n") ==
          Lines{"rules.yaml:19:12: rule \"x\" can never be met: start -2d is after within -3wd"});
    CHECK(check_rule(
              "  - id: x\n    clause: c\n    start: -5d\n    within: -3wd\n    channel: phone\n") ==
          Lines{});
}

TEST_CASE("policy: rule shape") {
    CHECK(check(kHead + kRules +
                "  - id: first\n    clause: c\n    within: 0d\n    channel: phone\n") ==
          Lines{"rules.yaml:29:9: rule id \"first\" is used twice"});
    CHECK(check_rule("  - id: x\n    within: 0d\n    channel: phone\n") ==
          Lines{"rules.yaml:17:5: rule \"x\" needs \"clause\""});
    CHECK(
        check_rule(
            "  - id: x\n    clause: c\n    within: 3d\n    every: weekly\n    channel: phone\n") ==
        Lines{"rules.yaml:17:5: rule \"x\" needs exactly one of \"within\" (once), \"every\" "
              "(recurring) or \"on\" (holidays/milestones)"});
    CHECK(check_rule("  - id: x\n    clause: c\n    channel: phone\n") ==
          Lines{"rules.yaml:17:5: rule \"x\" needs exactly one of \"within\" (once), \"every\" "
                "(recurring) or \"on\" (holidays/milestones)"});
    // A list item that is not a rule does not confuse the checks of the rules after it.
    CHECK(check_rule(
              "  - just text\n  - id: x\n    clause: c\n    anchor: rule:nope\n    within: 0d\n"
              "    channel: phone\n") ==
          Lines{"rules.yaml:17:5: expected a rule (a map of key: value), got \"just text\"",
                "rules.yaml:20:13: anchor refers to unknown rule \"nope\""});
}

TEST_CASE("policy: a tab in the indentation is named as such, where it is") {
    // yaml-cpp: "illegal map value", "illegal block entry", "illegal tab when looking for
    // indentation", each somewhere on the line.
    CHECK(check("company: x\nowners:\n\tmin: 2\n") ==
          Lines{"rules.yaml:3:1: tab character in indentation; indent with spaces"});
    CHECK(check("company: x\nchannels:\n\t- {id: a}\n") ==
          Lines{"rules.yaml:3:1: tab character in indentation; indent with spaces"});
    CHECK(check("company: x\nowners:\n  min: 2\n  \tclause: y\n") ==
          Lines{"rules.yaml:4:3: tab character in indentation; indent with spaces"});
    CHECK(check("company: x\n\t\nrules: []\n") ==
          Lines{"rules.yaml:2:1: tab character in indentation; indent with spaces"});
    // Tabs elsewhere are fine: after a value, inside a block text, between flow items.
    CHECK(check("company: x\t# tab\nrules: []\ntemplates:\n  a: |\n    x\n    \ty\n") == Lines{});
}

TEST_CASE("policy: an unclosed or mismatched bracket is reported where it opens") {
    CHECK(check("company: x\nchannels: [phone, sms\noutcomes:\n  - {id: reached}\n") ==
          Lines{"rules.yaml:2:11: \"[\" is never closed: a list ends with \"]\""});
    CHECK(check("company: x\nowners: {min: 2\nrules: []\n") ==
          Lines{"rules.yaml:2:9: \"{\" is never closed: a map ends with \"}\""});
    // The innermost one open; brackets in quotes, comments, block texts and plain texts in
    // block context are not counted.
    CHECK(check("company: \"[x\"  # [\nvariables:\n  a: see [1\n  b: '['\n  c: [[x, y], [z\n"
                "templates:\n  t: |\n    [\n") ==
          Lines{"rules.yaml:5:15: \"[\" is never closed: a list ends with \"]\""});
    CHECK(check("company: x\ntemplates:\n  t: |\n    [\n  u: [a\n") ==
          Lines{"rules.yaml:5:6: \"[\" is never closed: a list ends with \"]\""});
    CHECK(check("company: x\nchannels: [{id: phone}\n") ==
          Lines{"rules.yaml:2:11: \"[\" is never closed: a list ends with \"]\""});
    CHECK(check("company: x\nattributes:\n  grade: {type: enum, values: [A, B}\n") ==
          Lines{"rules.yaml:3:31: \"[\" is closed by \"}\" on line 3: a list ends with \"]\""});
    CHECK(check("company: x\nrules: []]\n") == Lines{"rules.yaml:2:10: \"]\" closes nothing"});
}

TEST_CASE("policy: YAML syntax errors carry the place") {
    // Where the list opens, not where yaml-cpp gave up (2:6).
    CHECK(check("company: [测试\nrules: []\n") ==
          Lines{"rules.yaml:1:10: \"[\" is never closed: a list ends with \"]\""});
    CHECK(check("company: x\n  bad indent: y\n") ==
          Lines{"rules.yaml:2:13: illegal map value (a value containing \": \" must be quoted, "
                "e.g. reason: \"a: b\")"});
    CHECK(check("") ==
          Lines{"rules.yaml: expected a rules file (a map of key: value), got nothing"});
    CHECK(check("company: \xff\n") == Lines{"rules.yaml: file is not valid UTF-8"});
}

TEST_CASE("policy: check_policy reports every problem of a file, in file order") {
    const std::string text =
        kHead +
        "  - id: a\n"                           // 17
        "    clause: c\n"                       // 18
        "    anchor: rule:zzz\n"                // 19  unknown rule (found after all rules are read)
        "    within: 0d\n"                      // 20
        "    channel: phone\n"                  // 21
        "  - id: b\n"                           // 22  no clause
        "    when: {grade: E}\n"                // 23  bad value
        "    every: 3dd\n"                      // 24  bad span
        "    channel: fax\n"                    // 25  unknown channel
        "restraints:\n"                         // 26
        "  - {when: {stages: x}, factor: 2}\n"  // 27 unknown attribute
        "calender: cn\n";                       // 28  unknown top-level key (checked first)
    const Lines expected{
        "rules.yaml:19:13: anchor refers to unknown rule \"zzz\"",
        "rules.yaml:22:5: rule \"b\" needs \"clause\"",
        "rules.yaml:23:19: \"E\" is not an allowed value of \"grade\"; allowed: A, B, C, D",
        "rules.yaml:24:12: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, half-monthly "
        "or monthly, got \"3dd\"",
        "rules.yaml:25:14: unknown channel \"fax\"; allowed: visit, phone, sms",
        "rules.yaml:27:13: restraint when refers to unknown attribute \"stages\" (did you mean "
        "\"stage\"?)",
        "rules.yaml:28:1: unknown key \"calender\" in the rules file (did you mean \"calendar\"?)",
    };
    CHECK(check(text) == expected);
    // parse_policy throws one Error holding the same lines.
    std::string joined;
    for (const auto& line : expected) joined += (joined.empty() ? "" : "\n") + line;
    CHECK_THROWS_WITH_AS(parse_policy(text, "rules.yaml"), joined.c_str(), Error);
}

TEST_CASE("policy: each problem shows its line, with a caret under the column") {
    auto report = [](const std::string& text) {
        return test::report_of([&] { parse_policy(text, "rules.yaml"); });
    };
    // Indentation before the column is not shown.
    CHECK(report(kHead + "  - id: x\n    clause: c\n    within: 0d\n    channel: phone\n"
                         "    chanel: sms\n") ==
          "rules.yaml:21:5: unknown key \"chanel\" in rule \"x\" (did you mean \"channel\"?)\n"
          "  chanel: sms\n"
          "  ^\n");
    // Every problem has its own line; a CJK character takes two terminal columns.
    CHECK(
        report("company: 测试\nattributes:\n  等级: {type: enm}\ncalender: cn\n") ==
        "rules.yaml:3:14: unknown type \"enm\" (did you mean \"enum\"?); allowed: enum, text, "
        "bool, date\n"
        "  等级: {type: enm}\n"
        "               ^\n"
        "rules.yaml:4:1: unknown key \"calender\" in the rules file (did you mean \"calendar\"?)\n"
        "  calender: cn\n"
        "  ^\n");
    // A tab (in a quoted value) is shown as spaces to the next stop of 8.
    CHECK(report("company: 测试\nowners: {clause: \"a\tb\", mx: 2}\n") ==
          "rules.yaml:2:25: unknown key \"mx\" in owners; allowed: min, clause\n"
          "  owners: {clause: \"a     b\", mx: 2}\n"
          "                              ^\n");
    // No line to show: the file as a whole.
    CHECK(report("company: \xff\n") == "rules.yaml: file is not valid UTF-8\n");
}

TEST_CASE("policy: a line wider than 72 columns is cut around the column") {
    auto report = [](const std::string& text) {
        return test::report_of([&] { parse_policy(text, "rules.yaml"); });
    };
    const std::string x(50, 'x');
    CHECK(report("company: c\nrules:\n  - {id: r, clause: \"" + x +
                 "\", within: 0d, channel: phon}\n") ==
          "rules.yaml:3:96: unknown channel \"phon\": the rules file declares no channels (add a "
          "\"channels:\" list)\n"
          "  ..." +
              std::string(43, 'x') + "\", within: 0d, channel: phon}\n" +
              "                                                                        ^\n");
    // Near the start: shown from the start, cut on the right.
    const std::string y(80, 'y');
    CHECK(report("company: c\ntemplates:\n  hi: \"" + y + "{nme}\"\n") ==
          "rules.yaml:3:7: template \"hi\" uses unknown placeholder {nme} (did you mean "
          "\"name\"?); known: salutation, name, owner, holiday, milestone, date, reason, "
          "company\n"
          "  hi: \"" +
              std::string(67, 'y') + "...\n" + "      ^\n");
}

TEST_CASE("policy: parse_span reads every form") {
    auto span = [](const std::string& text) {
        auto s = parse_span(text);
        return s ? s->str() : std::string("-");
    };
    CHECK(span("same-day") == "0d");
    CHECK(span("weekly") == "1w");
    CHECK(span("half-monthly") == "15d");
    CHECK(span("monthly") == "1m");
    CHECK(span("0d") == "0d");
    CHECK(span("3d") == "3d");
    CHECK(span("2w") == "2w");
    CHECK(span("1m") == "1m");
    CHECK(span("24h") == "24h");
    CHECK(span("5wd") == "5wd");
    CHECK(span("9999d") == "9999d");
    CHECK(parse_span("5wd")->unit == Span::Unit::WorkingDays);
    CHECK(parse_span("5wd")->amount == 5);
    CHECK(parse_span("24h")->unit == Span::Unit::Hours);
    CHECK(parse_span("2w")->unit == Span::Unit::Weeks);
    CHECK(parse_span("1m")->unit == Span::Unit::Months);
    CHECK(parse_span("half-monthly")->unit == Span::Unit::Days);
    // Negative spans count back from the anchor ("a day before the appointment").
    CHECK(span("-1d") == "-1d");
    CHECK(span("-24h") == "-24h");
    CHECK(parse_span("-2wd")->amount == -2);
    for (const std::string bad :
         {"", "d", "3", "3dd", "3D", "3 d", " 3d", "--1d", "+1d", "1.5d", "10000d", "-10000d", "3y",
          "Weekly", "biweekly", "3wdd", "-weekly"}) {
        CAPTURE(bad);
        CHECK(span(bad) == "-");
    }
}

TEST_CASE("policy: attribute values are checked against their declaration") {
    const Policy p = parse_policy(kHead + kRules, "rules.yaml");
    CHECK(check_attribute(p, "grade", "A") == "");
    CHECK(check_attribute(p, "grade", "") == "");
    CHECK(check_attribute(p, "stage", "") == "attribute \"stage\" is required");
    CHECK(check_attribute(p, "key", "true") ==
          "\"true\" is not an allowed value of \"key\"; allowed: yes, no");
    CHECK(check_attribute(p, "grade", "A\nB") == "attribute \"grade\" must be a single line");
    CHECK(check_attribute(p, "grad", "A") ==
          "unknown attribute \"grad\" (did you mean \"grade\"?); the rules file declares: stage, "
          "grade, key");
}

TEST_CASE("policy: findings and revisit_rate load, with every mistake located") {
    const Policy p = test::journal_policy();
    REQUIRE(p.findings.ids() == Lines{"quality", "service"});
    CHECK(p.findings.kind("service")->departments == Lines{"生产部", "销售部"});
    CHECK(p.findings.kind("quality")->label == "产品质量");
    CHECK(p.revisit_rate.target == 0.8);
    CHECK(p.revisit_rate.clause == "4.4");
    CHECK(parse_policy("company: x\n", "r.yaml").revisit_rate.target == 0.9);

    const std::string head = "company: x\n";
    CHECK(check_policy(head + "findings:\n  quality: {departments: [], lable: x}\n", "r.yaml") ==
          Lines{"r.yaml:3:26: finding \"quality\" is routed to no department",
                "r.yaml:3:30: unknown key \"lable\" in finding \"quality\"; allowed: departments, "
                "label, clause"});
    CHECK(check_policy(head + "findings:\n  quality: {label: x}\n", "r.yaml") ==
          Lines{"r.yaml:3:12: finding \"quality\" needs \"departments\""});
    CHECK(check_policy(head + "findings: [quality]\n", "r.yaml") ==
          Lines{"r.yaml:2:11: expected findings: kind -> {departments, label, clause} (a map of "
                "key: value), got a list"});
    CHECK(check_policy(head + "revisit_rate: {target: 90}\n", "r.yaml") ==
          Lines{"r.yaml:2:24: 90 is out of range: expected 0 to 1"});
}
