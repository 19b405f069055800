#include <doctest/doctest.h>

#include "util/encoding.h"
#include "util/error.h"
#include "util/text.h"

using namespace revisit;

TEST_CASE("util/text: display width counts CJK as two columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("王先生") == 6);
    CHECK(display_width("A类客户") == 7);
    CHECK(display_width("，") == 2);  // fullwidth comma
    CHECK(pad_right("张三", 6) == "张三  ");
    CHECK(pad_right("toolong", 3) == "toolong");
}

TEST_CASE("util/text: UTF-8 validation") {
    CHECK(is_valid_utf8("居然·青年城"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xe4\xb8"));      // truncated
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST_CASE("util/text: did you mean") {
    const std::vector<std::string> keys{"period", "channel", "clause"};
    CHECK(did_you_mean("perod", keys) == " (did you mean \"period\"?)");
    CHECK(did_you_mean("zzzzzz", keys).empty());
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("util/text: split, join, trim") {
    CHECK(split("a;b;;c", ';') == std::vector<std::string>{"a", "b", "", "c"});
    CHECK(join({"a", "b"}, ", ") == "a, b");
    CHECK(trim("  x y \r\n") == "x y");
    CHECK(quoted_list({"A", "B"}) == "\"A\", \"B\"");
}

TEST_CASE("util/text: same_text agrees with == at every length and position") {
    for (size_t n = 0; n <= 20; ++n) {
        const std::string a(n, 'k');
        const std::string copy = a;  // another buffer
        CHECK(same_text(a, copy));
        CHECK_FALSE(same_text(a, a + "k"));
        CHECK_FALSE(same_text(a + "k", a));
        for (size_t i = 0; i < n; ++i) {
            std::string b = a;
            b[i] = 'x';
            CHECK_FALSE(same_text(a, b));
            CHECK_FALSE(same_text(b, a));
        }
    }
    CHECK(same_text("", std::string_view()));
    CHECK(same_text("S0.3-2.3-objection", std::string("S0.3-2.3-objection")));
    CHECK_FALSE(same_text("S0.3-2.3-objection", "S0.3-2.3-objectiom"));
}

TEST_CASE("util/text: fold_fullwidth gives the ASCII of full-width forms") {
    CHECK(fold_fullwidth("１３９－（０）＋＃ａＺ！～") == "139-(0)+#aZ!~");
    CHECK(fold_fullwidth("王\u3000小明") == "王 小明");
    CHECK(fold_fullwidth("，。、") == ",。、");  // U+FF0C only; the others are not full-width ASCII
    CHECK(fold_fullwidth("a\xFF"
                         "b") ==
          "a\xFF"
          "b");  // a stray byte stays
    CHECK(fold_fullwidth("") == "");
}

TEST_CASE("util/encoding: GB18030 and GBK become UTF-8") {
    CHECK(parse_text_encoding("UTF-8") == TextEncoding::Utf8);
    CHECK(parse_text_encoding("utf8") == TextEncoding::Utf8);
    CHECK(parse_text_encoding("GB18030") == TextEncoding::Gb18030);
    CHECK(parse_text_encoding("gbk") == TextEncoding::Gb18030);
    CHECK(parse_text_encoding("gb2312") == TextEncoding::Gb18030);
    CHECK(!parse_text_encoding("latin1"));
    // "姓名,手机\n张三,１３９\n" as Chinese Excel saves it (GBK, full-width digits too).
    const std::string gbk =
        "\xd0\xd5\xc3\xfb,\xca\xd6\xbb\xfa\n\xd5\xc5\xc8\xfd,\xa3\xb1\xa3\xb3\xa3\xb9\n";
    CHECK(to_utf8(gbk, TextEncoding::Gb18030, "in.csv") == "姓名,手机\n张三,１３９\n");
    // A four-byte GB18030 sequence: U+20000 𠀀.
    CHECK(to_utf8("\x95\x32\x82\x36", TextEncoding::Gb18030, "in.csv") == "\U00020000");
    CHECK(to_utf8("a,b\n", TextEncoding::Gb18030, "in.csv") == "a,b\n");  // ASCII is both
    CHECK(to_utf8("坏\xff", TextEncoding::Utf8, "in.csv") == "坏\xff");   // the readers check
    const auto error_of = [](const std::string& bytes) {
        try {
            to_utf8(bytes, TextEncoding::Gb18030, "in.csv");
        } catch (const Error& e) {
            return e.diagnostics().front().str() + "\n" + source_excerpt(e.where());
        }
        return std::string("no error");
    };
    // A byte GB18030 does not have, on line 2 after "张三,": the column counts characters.
    CHECK(error_of("a,b\n\xd5\xc5\xc8\xfd,\xffx\r\n") ==
          "in.csv:2:4: not valid GB18030 (or GBK) text\n  张三,?x\n       ^");
    CHECK(error_of("a,\xd5") ==
          "in.csv:1:3: GB18030 text cut off at the end of the file\n  a,?\n    ^");
    CHECK(error_of("名字\n") ==
          "in.csv: is UTF-8 already, not GB18030 (read as GB18030 its Chinese text would be "
          "garbled); leave out --encoding\n");
}
