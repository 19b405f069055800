#include <doctest/doctest.h>

#include "model/phone.h"

using namespace revisit;

namespace {
// normalize_phone's answer, or "-" when it refuses the text.
std::string norm(const std::string& text) { return normalize_phone(text).value_or("-"); }
}  // namespace

TEST_CASE("phone: mobiles in the usual spellings become 11 digits") {
    CHECK(norm("13800138000") == "13800138000");
    CHECK(norm("138 0013 8000") == "13800138000");
    CHECK(norm("138-0013-8000") == "13800138000");
    CHECK(norm("(138) 0013 8000") == "13800138000");
    CHECK(norm("+8613800138000") == "13800138000");
    CHECK(norm("+86 138 0013 8000") == "13800138000");
    CHECK(norm("+86-138-0013-8000") == "13800138000");
    CHECK(norm("008613800138000") == "13800138000");
    CHECK(norm("0086 138 0013 8000") == "13800138000");
    CHECK(norm("0086-138-0013-8000") == "13800138000");
    CHECK(norm("86 138 0013 8000") == "13800138000");
    CHECK(norm("  19912345678 ") == "19912345678");
}

TEST_CASE("phone: landlines keep the area code, joined by a dash") {
    CHECK(norm("010-65529988") == "010-65529988");
    CHECK(norm("010 6552 9988") == "010-65529988");
    CHECK(norm("(010) 6552 9988") == "010-65529988");
    CHECK(norm("(010)65529988") == "010-65529988");
    CHECK(norm("010-6552-9988") == "010-65529988");
    CHECK(norm("021-5888 1234") == "021-58881234");
    CHECK(norm("0755 8888 8888") == "0755-88888888");
    CHECK(norm("0755-2888888") == "0755-2888888");  // 7-digit local number
    // International form: country code, then the area code without its trunk 0.
    CHECK(norm("+86 10 6552 9988") == "010-65529988");
    CHECK(norm("+86 755 8888 8888") == "0755-88888888");
    CHECK(norm("0086 21 5888 1234") == "021-58881234");
    CHECK(norm("0086-10-6552-9988") == "010-65529988");
    CHECK(norm("+86 (0)10 6552 9988") == "010-65529988");
}

TEST_CASE("phone: landline extensions after 转, a dash, x or #") {
    CHECK(norm("010-65529988转123") == "010-65529988-123");
    CHECK(norm("010-65529988 转 8001") == "010-65529988-8001");
    CHECK(norm("010-65529988-123") == "010-65529988-123");
    CHECK(norm("0755 8888 8888-123") == "0755-88888888-123");
    CHECK(norm("(021) 5888 1234 x 55") == "021-58881234-55");
    CHECK(norm("021-58881234X55") == "021-58881234-55");
    CHECK(norm("021-58881234#55") == "021-58881234-55");
    CHECK(norm("+86 10 6552 9988-123") == "010-65529988-123");
    CHECK(norm("0086 755 8888 8888转6") == "0755-88888888-6");
}

TEST_CASE("phone: text that is neither a mobile nor a landline is refused") {
    CHECK(norm("") == "-");
    CHECK(norm("   ") == "-");
    CHECK(norm("1380013800") == "-");      // mobile one digit short
    CHECK(norm("+86 1380013800") == "-");  // ... also with the country code
    CHECK(norm("138001380001") == "-");    // 12-digit mobile
    CHECK(norm("+86 138001380001") == "-");
    CHECK(norm("12800138000") == "-");  // mobiles start 13-19
    CHECK(norm("1380013800a") == "-");
    CHECK(norm("call 13800138000") == "-");
    CHECK(norm("138.0013.8000") == "-");
    CHECK(norm("138+0013+8000") == "-");          // '+' only in front
    CHECK(norm("13800138000转12") == "-");        // mobiles have no extension
    CHECK(norm("010-6552998") == "010-6552998");  // 7 local digits are fine ...
    CHECK(norm("010-655299") == "-");             // ... 6 are too few
    CHECK(norm("010-655299881") == "-");          // 9 are too many
    CHECK(norm("010-05529988") == "-");           // local numbers start 2-9
    CHECK(norm("010-15529988") == "-");
    CHECK(norm("0755-08888888") == "-");
    CHECK(norm("0755-18888888") == "-");
    CHECK(norm("0000-88888888") == "-");              // no area code starts 00
    CHECK(norm("013-80013800") == "-");               // 010 is the only area code 01x
    CHECK(norm("010-65529988转") == "010-65529988");  // a dangling 转 adds nothing
    CHECK(norm("010-65529988转12转3") == "-");
    CHECK(norm("010-65529988-1234567") == "-");  // extensions have at most 6 digits
    CHECK(norm("010-65529988-12-3") == "-");
}

TEST_CASE("phone: full-width digits, signs and spaces read as their ASCII forms") {
    // As a Chinese input method types them in full-width mode.
    CHECK(norm("１３９１１１１３３３３") == "13911113333");
    CHECK(norm("１３９－１１１１－３３３３") == "13911113333");
    CHECK(norm("139\u30001111\u30003333") == "13911113333");  // ideographic space
    CHECK(norm("＋８６　１３９ １１１１ ３３３３") == "13911113333");
    CHECK(norm("（０１０）６５５２　９９８８") == "010-65529988");
    CHECK(norm("０１０－６５５２９９８８转１２３") == "010-65529988-123");
    CHECK(norm("０２１－５８８８１２３４＃５５") == "021-58881234-55");
    CHECK(norm("１３９１１１１３３３") == "-");  // still one digit short
    CHECK(norm("１３９１１１１３３３３Ａ") == "-");
}
