#include "util/encoding.h"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"
#include "util/text.h"

namespace revisit {

std::optional<TextEncoding> parse_text_encoding(std::string_view name) {
    const std::string n = to_lower_ascii(name);
    if (n == "utf-8" || n == "utf8") return TextEncoding::Utf8;
    if (n == "gb18030" || n == "gbk" || n == "gb2312") return TextEncoding::Gb18030;
    return std::nullopt;
}

namespace {

// Closes the conversion descriptor however the conversion ends.
struct Converter {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    ~Converter() {
        if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
    }
};

// Where byte `pos` of GB18030 `bytes` is, with `done` the UTF-8 of the bytes before it: line
// ends are ASCII in GB18030, so lines count alike; the line shows its undecoded rest as "?".
Location gb18030_location(std::string_view bytes, size_t pos, const std::string& done,
                          const std::string& file) {
    const size_t line_start = done.rfind('\n') + 1;  // npos + 1 == 0
    int line = 1;
    for (const char c : done) line += c == '\n';
    const std::string before = done.substr(line_start);
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string text = before + std::string(bytes.substr(pos, end - pos));
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return locate_in_line(file, line, character_count(before) + 1, text, before.size());
}

}  // namespace

std::string to_utf8(std::string_view bytes, TextEncoding encoding, const std::string& file) {
    if (encoding == TextEncoding::Utf8) return std::string(bytes);
    bool ascii = true;
    for (const char c : bytes) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return std::string(bytes);
    if (is_valid_utf8(bytes))
        throw Error(Location{file},
                    "is UTF-8 already, not GB18030 (read as GB18030 its Chinese text would be "
                    "garbled); leave out --encoding");
    Converter conv;
    if (conv.cd == reinterpret_cast<iconv_t>(-1))
        throw Error(
            fmt::format("cannot convert from GB18030: iconv_open: {}", std::strerror(errno)));
    std::string out;
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
    size_t in_left = bytes.size();
    char buffer[16384];
    while (in_left > 0) {
        char* dst = buffer;
        size_t dst_left = sizeof buffer;
        const size_t rc = iconv(conv.cd, &in, &in_left, &dst, &dst_left);
        out.append(buffer, dst - buffer);
        if (rc != static_cast<size_t>(-1) || errno == E2BIG) continue;
        const size_t pos = static_cast<size_t>(in - bytes.data());
        throw Error(gb18030_location(bytes, pos, out, file),
                    errno == EINVAL ? "GB18030 text cut off at the end of the file"
                                    : "not valid GB18030 (or GBK) text");
    }
    return out;
}

}  // namespace revisit
