#pragma once
// Text in the encodings spreadsheets save CSV in, turned into the UTF-8 the rest of revisit
// reads. Chinese Excel and WPS save "CSV" as GB18030 (GBK, of which GB2312 is a part).

#include <optional>
#include <string>
#include <string_view>

namespace revisit {

enum class TextEncoding { Utf8, Gb18030 };

// "utf-8", "utf8", "gb18030", "gbk", "gb2312", in any case; nullopt for any other name.
std::optional<TextEncoding> parse_text_encoding(std::string_view name);

// `bytes` as UTF-8. UTF-8 is returned as it is (the readers check it); GB18030 is converted
// with iconv(3). Throws Error at file:line:column of the first byte that is not GB18030 (or
// of a sequence cut off by the end), and at `file` for GB18030 text that is valid UTF-8
// with non-ASCII characters: read as GB18030 it would be garbled (UTF-8 "张三" reads as
// "寮犱笁"), so it is refused rather than guessed.
std::string to_utf8(std::string_view bytes, TextEncoding encoding, const std::string& file);

}  // namespace revisit
