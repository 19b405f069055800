#include <doctest/doctest.h>

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
