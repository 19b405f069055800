#include <doctest/doctest.h>

#include "csv/csv.h"
#include "error_report.h"

using namespace revisit;

namespace {
std::vector<std::vector<std::string>> fields_of(std::string_view text) {
    std::vector<std::vector<std::string>> out;
    for (auto& r : parse_csv(text, "t.csv")) out.push_back(r.fields);
    return out;
}
std::string error_of(std::string_view text) {
    try {
        parse_csv(text, "t.csv");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("csv: hostile fields survive a write/read round trip") {
    const std::vector<std::string> hostile{"plain",
                                           "with,comma",
                                           "with \"quotes\"",
                                           "multi\nline",
                                           "crlf\r\ninside",
                                           "王先生，您好",
                                           "",
                                           " edge spaces ",
                                           "=1+1",
                                           "\"",
                                           ",",
                                           "trailing\n"};
    const std::string text = csv_line(hostile) + csv_line({"a", "b"});
    auto rows = fields_of(text);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == hostile);
    CHECK(rows[1] == std::vector<std::string>{"a", "b"});
}

TEST_CASE("csv: BOM, CRLF, no trailing newline, empty fields") {
    auto rows = fields_of("\xEF\xBB\xBFid,name\r\n1,张三\r\n2,\r\n3,李四");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == std::vector<std::string>{"id", "name"});
    CHECK(rows[1] == std::vector<std::string>{"1", "张三"});
    CHECK(rows[2] == std::vector<std::string>{"2", ""});
    CHECK(rows[3] == std::vector<std::string>{"3", "李四"});
}

TEST_CASE("csv: records remember the line they start on") {
    auto recs = parse_csv("h\n\"a\nb\"\nc\n", "t.csv");
    REQUIRE(recs.size() == 3);
    CHECK(recs[1].line == 2);
    CHECK(recs[2].line == 4);
}

TEST_CASE("csv: malformed input is reported with file, line and column") {
    CHECK(error_of("a,b\n1,\"open\n") ==
          "t.csv:2:3: unterminated quoted field (a \" opened here is never closed)");
    CHECK(error_of("a,b\n\"x\"y,2\n") ==
          "t.csv:2:4: expected a comma or end of line after a closing quote");
    CHECK(error_of("a\n\xff\n") == "t.csv:2:1: invalid UTF-8 in field");
}

TEST_CASE("csv: tables check the field count against the header") {
    auto table = parse_csv_table("id,name\n1,a\n\n2,b\n", "t.csv");
    CHECK(table.rows.size() == 2);
    CHECK(table.column("name") == 1);
    CHECK(table.column("nope") == -1);
    CHECK_THROWS_WITH_AS(parse_csv_table("id,name\n1,a,extra\n", "t.csv"),
                         "t.csv:2:5: expected 2 fields as in the header, found 3", Error);
}

// ---- errors show their line, with a caret under the column

namespace {
std::string report_of_csv(std::string_view text) {
    return test::report_of([&] { parse_csv_table(text, "t.csv"); });
}
}  // namespace

TEST_CASE("csv: a malformed field shows its line and a caret, columns in characters") {
    CHECK(report_of_csv("a,b\n1,\"open\n") ==
          "t.csv:2:3: unterminated quoted field (a \" opened here is never closed)\n"
          "  1,\"open\n"
          "    ^\n");
    // Wide characters take two terminal columns: the caret stays under the "x".
    CHECK(report_of_csv("名字,备注\n张三,\"好\"x\n") ==
          "t.csv:2:7: expected a comma or end of line after a closing quote\n"
          "  张三,\"好\"x\n"
          "           ^\n");
    // Bytes that are not text are shown as "?", and CR LF line ends are not shown.
    CHECK(report_of_csv("a,b\r\n1,\xff\x01z\r\n") ==
          "t.csv:2:3: invalid UTF-8 in field\n"
          "  1,??z\n"
          "    ^\n");
    // Too few fields: the caret after the line's end, where the next field would be.
    CHECK(report_of_csv("id,at,op\nC1,2026-01-01 09:00\n") ==
          "t.csv:2:20: expected 3 fields as in the header, found 2\n"
          "  C1,2026-01-01 09:00\n"
          "                     ^\n");
}

TEST_CASE("csv: a tab in the line is shown as spaces to the next stop of 8") {
    CHECK(report_of_csv("a,b\nx\ty,\"q\"z\n") ==
          "t.csv:2:8: expected a comma or end of line after a closing quote\n"
          "  x       y,\"q\"z\n"
          "               ^\n");
    // Blanks before the column are not shown.
    CHECK(report_of_csv("a,b\n\t x,\"q\"z\n") ==
          "t.csv:2:8: expected a comma or end of line after a closing quote\n"
          "  x,\"q\"z\n"
          "       ^\n");
}

TEST_CASE("csv: a long line is cut around the column") {
    const std::string x(90, 'x');
    CHECK(report_of_csv("a,b\n" + x + ",y,z\n") ==
          "t.csv:2:94: expected 2 fields as in the header, found 3\n"
          "  ..." +
              std::string(68, 'x') + ",y,z\n" +
              "                                                                            ^\n");
    const std::string y(100, 'y');
    CHECK(report_of_csv("a\n" + x + ",\"q\"!," + y + "\n") ==
          "t.csv:2:95: expected a comma or end of line after a closing quote\n"
          "  ..." +
              std::string(32, 'x') + ",\"q\"!," + std::string(34, 'y') + "...\n" +
              "                                         ^\n");
    // Near the start, the line is shown from its start.
    CHECK(report_of_csv("a\n\"q\"!" + y + "\n") ==
          "t.csv:2:4: expected a comma or end of line after a closing quote\n"
          "  \"q\"!" +
              std::string(68, 'y') + "...\n" + "     ^\n");
}

TEST_CASE("csv: in a record over several lines, the line the field is on") {
    // The third field starts on the record's second line (a note holding a line end).
    const std::string text = "id,note,at\n1,\"line one\nline two\",bad,x\n";
    CHECK(report_of_csv(text) ==
          "t.csv:3:15: expected 3 fields as in the header, found 4\n"
          "  line two\",bad,x\n"
          "                ^\n");
    const auto records = parse_csv("id,note,at\r\n1,\"a\r\n\"\"b\"\"\",c\r\n", "t.csv");
    REQUIRE(records.size() == 2);
    const Location at = records[1].location("t.csv", 2);
    CHECK(at.prefix() == "t.csv:3:8: ");
    CHECK(at.source == "\"\"b\"\"\",c");
    CHECK(records[1].location("t.csv", 0).prefix() == "t.csv:2:1: ");
    CHECK(records[1].location("t.csv", 3).prefix() == "t.csv:3:9: ");  // after the end
    // A quote in the middle of an unquoted field is text, and written back as it was.
    const auto plain = parse_csv("a,b\nx\"y,z\n", "t.csv");
    CHECK(plain[1].location("t.csv", 1).prefix() == "t.csv:2:5: ");
    CHECK(plain[1].location("t.csv", 1).source == "x\"y,z");
}

TEST_CASE("csv: a chunk reader waits for the rest of a line before failing on it") {
    CsvChunkReader reader("t.csv");
    reader.feed("h\n\"x\"y");
    CsvRecord record;
    CHECK(reader.next(record));
    CHECK_FALSE(reader.next(record));  // the line is not complete yet
    reader.feed(",2,");
    CHECK_FALSE(reader.next(record));
    reader.feed("3\nnext\n");
    CHECK(test::report_of([&] { reader.next(record); }) ==
          "t.csv:2:4: expected a comma or end of line after a closing quote\n"
          "  \"x\"y,2,3\n"
          "     ^\n");
    // At the end of the input, what there is.
    CsvChunkReader last("t.csv");
    last.feed("h\n\xff,b");
    CHECK(last.next(record));
    CHECK_FALSE(last.next(record));
    last.finish();
    CHECK(test::report_of([&] { last.next(record); }) ==
          "t.csv:2:1: invalid UTF-8 in field\n"
          "  ?,b\n"
          "  ^\n");
}

TEST_CASE("csv: spreadsheet formulas are neutralised") {
    CHECK(excel_safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")");
    CHECK(excel_safe("+86 138") == "'+86 138");
    CHECK(excel_safe("-5+1") == "'-5+1");
    CHECK(excel_safe("@SUM") == "'@SUM");
    CHECK(excel_safe("\tx") == "'\tx");
    CHECK(excel_safe("\r1") == "'\r1");
    CHECK(excel_safe("王") == "王");
    // Numbers stay numbers; a lone sign or point is not one.
    for (const char* number : {"-5", "+8613800138000", "-1.5", "+.5", "-3."}) {
        CAPTURE(number);
        CHECK_FALSE(formula_like(number));
        CHECK(excel_safe(number) == number);
    }
    for (const char* formula : {"-", "+", "-.", "-1.2.3", "-1e5", "=1", "@", "-2+3", "+86 138"})
        CHECK(formula_like(formula));
    for (const char* text : {"", "1=2", "a-b", "0755-8888", " =1", "'=1"})
        CHECK_FALSE(formula_like(text));
}

TEST_CASE("csv: records fed in pieces of any size read as the whole text does") {
    const std::string text =
        "\xEF\xBB\xBFid,note\r\n1,\"a\r\nb\"\r\n2,\"x,\"\"y\"\"\"\n3,王\r4,end";
    const auto whole = parse_csv(text, "t.csv");
    for (size_t piece : {1, 2, 3, 5, 7, 64}) {
        CsvChunkReader reader("t.csv");
        std::vector<CsvRecord> got;
        CsvRecord record;
        for (size_t i = 0; i < text.size(); i += piece) {
            reader.feed(std::string_view(text).substr(i, piece));
            while (reader.next(record)) got.push_back(record);
        }
        reader.finish();
        while (reader.next(record)) got.push_back(record);
        REQUIRE(got.size() == whole.size());
        for (size_t i = 0; i < got.size(); ++i) {
            CHECK(got[i].fields == whole[i].fields);
            CHECK(got[i].line == whole[i].line);
        }
    }
}

TEST_CASE("csv: a chunk reader reports a quote left open at the end with its place") {
    CsvChunkReader reader("t.csv");
    reader.feed("a\n\"open");
    CsvRecord record;
    CHECK(reader.next(record));
    CHECK_FALSE(reader.next(record));
    reader.finish();
    CHECK_THROWS_WITH_AS(reader.next(record),
                         "t.csv:2:1: unterminated quoted field (a \" opened here is never closed)",
                         Error);
}

TEST_CASE("csv: a field is quoted exactly when it needs it, wherever the byte is") {
    // The rule csv_field documents, written out plainly.
    auto reference = [](const std::string& v) {
        const bool quote = v.find_first_of(",\"\r\n") != std::string::npos ||
                           (!v.empty() && (v.front() == ' ' || v.back() == ' '));
        if (!quote) return v;
        std::string out = "\"";
        for (char c : v) {
            if (c == '"') out += '"';
            out += c;
        }
        return out + "\"";
    };
    for (size_t n = 1; n <= 20; ++n)
        for (size_t i = 0; i < n; ++i)
            for (char c : {',', '"', '\r', '\n', ' ', 'a', '\x80', '\xff'}) {
                std::string v(n, 'a');
                v[i] = c;
                CAPTURE(v);
                CHECK(csv_field(v) == reference(v));
                std::string line = "x,";
                append_csv_field(line, v);
                CHECK(line == "x," + reference(v));
            }
    CHECK(csv_field("") == "");
    CHECK(csv_field("王先生，您好") == "王先生，您好");  // a fullwidth comma needs no quotes
    CHECK(csv_field("来电当日回访，\"确定\"客户质量") == "\"来电当日回访，\"\"确定\"\"客户质量\"");
    CHECK(csv_line({"a", "b c", " d", "e,f", ""}) == "a,b c,\" d\",\"e,f\",\n");
    CHECK(csv_line({"a", "b"}, "\r\n") == "a,b\r\n");
}

TEST_CASE("csv: a table for a user to fix lists every structurally bad row") {
    std::vector<Diagnostic> problems;
    const CsvTable table = parse_csv_table(
        "name,phone\n张三,1\n坏\xff,2\n李四,3,x\n\n王五\n赵六,4\n\xfe,\xfe\n", "t.csv", problems);
    CHECK(diagnostic_texts(problems) ==
          std::vector<std::string>{"t.csv:3:1: invalid UTF-8 in field",
                                   "t.csv:4:6: expected 2 fields as in the header, found 3",
                                   "t.csv:6:3: expected 2 fields as in the header, found 1",
                                   "t.csv:8:1: invalid UTF-8 in field"});
    CHECK(test::report(Error(problems)).find("  坏?,2\n  ^\n") != std::string::npos);
    REQUIRE(table.rows.size() == 2);  // the good ones, in order
    CHECK(table.rows[0].fields == std::vector<std::string>{"张三", "1"});
    CHECK(table.rows[1].fields == std::vector<std::string>{"赵六", "4"});
    CHECK(table.rows[1].line == 7);
    // The one-error form stops at the first, as journals are read.
    CHECK_THROWS_WITH_AS(parse_csv_table("name,phone\n坏\xff,2\n李四,3,x\n", "t.csv"),
                         "t.csv:2:1: invalid UTF-8 in field", Error);
}

TEST_CASE("csv: a bad header or malformed quoting ends the table, with its problem") {
    std::vector<Diagnostic> problems;
    const CsvTable bad_header = parse_csv_table("na\xffme,phone\n张三,1\n", "t.csv", problems);
    CHECK(diagnostic_texts(problems) ==
          std::vector<std::string>{"t.csv:1:1: invalid UTF-8 in field"});
    CHECK(bad_header.header.empty());
    CHECK(bad_header.rows.empty());
    problems.clear();
    const CsvTable quoted =
        parse_csv_table("name,phone\n张三,1,x\n\"李四\"x,2\n王五,3\n", "t.csv", problems);
    CHECK(diagnostic_texts(problems) ==
          std::vector<std::string>{
              "t.csv:2:6: expected 2 fields as in the header, found 3",
              "t.csv:3:5: expected a comma or end of line after a closing quote"});
    CHECK(quoted.rows.empty());
    problems.clear();
    parse_csv_table("", "t.csv", problems);
    CHECK(diagnostic_texts(problems) ==
          std::vector<std::string>{"t.csv:1: empty file: expected a header row"});
}
