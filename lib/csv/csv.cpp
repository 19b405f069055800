#include "csv/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "util/text.h"

namespace revisit {

CsvReader::CsvReader(std::string_view text, std::string file_name)
    : text_(text), file_(std::move(file_name)) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
}

CsvReader::CsvReader(std::string_view text, std::string file_name, int first_line, bool partial)
    : text_(text), file_(std::move(file_name)), line_(first_line), partial_(partial) {}

bool CsvReader::cut_off(size_t record_start, int record_line, size_t record_line_start) {
    pos_ = record_start;
    line_ = record_line;
    line_start_ = record_line_start;
    needs_more_ = true;
    return false;
}

Location CsvReader::at(int line, size_t line_start, size_t pos) const {
    return locate(file_, line, text_.substr(line_start), pos - line_start);
}

bool CsvReader::line_unfinished(size_t pos) const {
    return partial_ && text_.find('\n', pos) == std::string_view::npos;
}

bool CsvReader::next(CsvRecord& record) {
    record.fields.clear();
    record.quoted.clear();
    needs_more_ = false;
    bad_utf8_.reset();
    if (pos_ >= text_.size()) return partial_ ? cut_off(pos_, line_, line_start_) : false;
    record.line = line_;
    const size_t record_start = pos_, record_line_start = line_start_;
    const int record_line = line_;
    const auto more = [&] { return cut_off(record_start, record_line, record_line_start); };
    std::string field;
    for (;;) {
        const size_t field_start = pos_, field_line_start = line_start_;
        const int field_line = line_;
        const bool quoted = pos_ < text_.size() && text_[pos_] == '"';
        if (quoted) {
            ++pos_;
            for (;;) {
                if (pos_ >= text_.size()) {
                    if (partial_) return more();
                    throw Error(at(field_line, field_line_start, field_start),
                                "unterminated quoted field (a \" opened here is never closed)");
                }
                const char c = text_[pos_++];
                if (c == '"') {
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        field += '"';
                        ++pos_;
                        continue;
                    }
                    break;
                }
                if (c == '\n') ++line_, line_start_ = pos_;
                field += c;
            }
            if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
                text_[pos_] != '\r') {
                if (line_unfinished(pos_)) return more();
                throw Error(at(line_, line_start_, pos_),
                            "expected a comma or end of line after a closing quote");
            }
            record.quoted.push_back(record.fields.size());
        } else {
            while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
                   !(text_[pos_] == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] == '\n')))
                field += text_[pos_++];
        }
        // With more text to come, a record is complete only once its line end is seen
        // (a CR at the very end may still be followed by an LF).
        if (partial_ && (pos_ >= text_.size() || (text_[pos_] == '\r' && pos_ + 1 >= text_.size())))
            return more();
        if (!is_valid_utf8(field)) {
            if (line_unfinished(field_start)) return more();
            Location where = at(field_line, field_line_start, field_start);
            if (!keep_bad_utf8_) throw Error(where, "invalid UTF-8 in field");
            if (!bad_utf8_) bad_utf8_ = std::move(where);
        }
        record.fields.push_back(std::move(field));
        field.clear();
        if (pos_ >= text_.size()) return true;
        const char c = text_[pos_++];
        if (c == ',') continue;
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        line_start_ = pos_;
        return true;
    }
}

namespace {

// The text of a record as it was written (quoted fields quoted again, their quotes doubled)
// and where each field starts in it, then its end.
struct RecordText {
    std::string text;
    std::vector<size_t> starts;
    explicit RecordText(const CsvRecord& r) {
        auto quoted = r.quoted.begin();
        for (size_t i = 0; i < r.fields.size(); ++i) {
            if (i > 0) text += ',';
            starts.push_back(text.size());
            while (quoted != r.quoted.end() && *quoted < i) ++quoted;
            if (quoted != r.quoted.end() && *quoted == i) {
                text += '"';
                for (const char c : r.fields[i]) text.append(c == '"' ? 2 : 1, c);
                text += '"';
            } else {
                text += r.fields[i];
            }
        }
        starts.push_back(text.size());
    }
};

// Calls at(i, location) for the start of each field i that want(i), walking the text once:
// lines and columns are counted as it goes, so that a record of many fields costs no more
// than its length.
template <class Want, class At>
void walk(const RecordText& t, const std::string& file, int first_line, Want want, At at) {
    int line = first_line, column = 1;
    size_t line_start = 0, counted = 0;
    size_t line_end = std::string::npos;  // of the line holding `counted`, once looked for
    for (size_t i = 0; i < t.starts.size(); ++i) {
        const size_t pos = t.starts[i];
        for (; counted < pos; ++counted) {
            const char c = t.text[counted];
            if (c == '\n') {
                ++line, column = 1, line_start = counted + 1;
                line_end = std::string::npos;
            } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++column;
            }
        }
        if (!want(i)) continue;
        if (line_end == std::string::npos)
            line_end = std::min(t.text.find('\n', pos), t.text.size());
        std::string_view source(t.text.data() + line_start, line_end - line_start);
        if (!source.empty() && source.back() == '\r') source.remove_suffix(1);
        at(i, locate_in_line(file, line, column, source, pos - line_start));
    }
}

}  // namespace

Location CsvRecord::location(const std::string& file, size_t field) const {
    field = std::min(field, fields.size());  // past the last: the end
    Location out;
    walk(
        RecordText(*this), file, line, [&](size_t i) { return i == field; },
        [&](size_t, Location where) { out = std::move(where); });
    return out;
}

std::vector<Location> CsvRecord::locations(const std::string& file) const {
    std::vector<Location> out;
    walk(
        RecordText(*this), file, line, [](size_t) { return true; },
        [&](size_t, Location where) { out.push_back(std::move(where)); });
    return out;
}

void CsvChunkReader::feed(std::string_view chunk) {
    if (consumed_ > 0 && consumed_ * 2 >= buffer_.size()) {  // drop what was read, now and then
        buffer_.erase(0, consumed_);
        consumed_ = 0;
    }
    buffer_.append(chunk);
}

bool CsvChunkReader::next(CsvRecord& record) {
    if (!started_) {
        if (buffer_.size() < 3 && !finished_) return false;  // wait to see a whole BOM
        if (buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) consumed_ = 3;
        started_ = true;
    }
    std::string_view rest(buffer_);
    rest.remove_prefix(consumed_);
    CsvReader reader(rest, file_, line_, !finished_);
    if (!reader.next(record)) return false;
    consumed_ += reader.consumed();
    line_ = reader.line();
    return true;
}

std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file_name) {
    CsvReader reader(text, file_name);
    std::vector<CsvRecord> out;
    CsvRecord record;
    while (reader.next(record)) out.push_back(record);
    return out;
}

int CsvTable::column(std::string_view name) const {
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return static_cast<int>(i);
    return -1;
}

namespace {

// Both parse_csv_table: `problems` null stops at the first bad row.
CsvTable read_table(std::string_view text, const std::string& file_name,
                    std::vector<Diagnostic>* problems) {
    CsvTable table;
    table.file = file_name;
    CsvReader reader(text, file_name);
    if (problems) reader.keep_bad_utf8();
    CsvRecord record;
    // A bad row is a problem, or the Error when there is no list to keep it in.
    const auto bad = [&](Location where, std::string message) {
        if (!problems) throw Error(where, message);
        problems->push_back({std::move(where), std::move(message)});
    };
    if (!reader.next(record))
        throw Error(Location{file_name, 1, 0}, "empty file: expected a header row");
    if (reader.bad_utf8()) {
        bad(*reader.bad_utf8(), "invalid UTF-8 in field");
        return table;
    }
    table.header = record.fields;
    for (auto& h : table.header) h = std::string(trim(h));
    table.header_row = record;
    while (reader.next(record)) {
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
        if (reader.bad_utf8())
            bad(*reader.bad_utf8(), "invalid UTF-8 in field");
        else if (record.fields.size() != table.header.size())
            bad(record.location(file_name, table.header.size()),
                fmt::format("expected {} fields as in the header, found {}", table.header.size(),
                            record.fields.size()));
        else
            table.rows.push_back(record);
    }
    return table;
}

}  // namespace

CsvTable parse_csv_table(std::string_view text, const std::string& file_name) {
    return read_table(text, file_name, nullptr);
}

CsvTable parse_csv_table(std::string_view text, const std::string& file_name,
                         std::vector<Diagnostic>& problems) {
    try {
        return read_table(text, file_name, &problems);
    } catch (const Error& e) {  // malformed quoting (or an empty file): no record after it
        if (e.exit_code() != kExitError) throw;
        problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
        return CsvTable{};
    }
}

std::vector<int> require_columns(const std::vector<std::string>& header,
                                 const std::vector<std::string>& names, const std::string& file) {
    std::vector<int> index;
    for (const auto& name : names) {
        int found = -1;
        for (size_t i = 0; i < header.size(); ++i)
            if (trim(header[i]) == name) found = static_cast<int>(i);
        if (found < 0)
            throw Error(
                Location{file, 1, 0},
                fmt::format("missing column \"{}\"; expected columns: {}", name, join(names, ",")));
        index.push_back(found);
    }
    return index;
}

size_t column_of(const std::vector<int>& index, const std::vector<std::string>& names,
                 std::string_view name) {
    const auto at = std::find(names.begin(), names.end(), name) - names.begin();
    return static_cast<size_t>(index.at(static_cast<size_t>(at)));
}

namespace {

// What a byte asks of a field: 1 = quoting (comma, CR, LF), 2 = a doubled quote as well.
constexpr auto kSpecial = [] {
    std::array<unsigned char, 256> t{};
    t[','] = t['\r'] = t['\n'] = 1;
    t['"'] = 3;
    return t;
}();

// Whether `value` holds a comma, quote, CR or LF: eight bytes at a time, as csv_line runs
// for every line of a large call list.
bool has_special(std::string_view value) {
    constexpr uint64_t kLow = 0x0101010101010101, kHigh = 0x8080808080808080;
    auto zero_byte = [](uint64_t x) { return (x - kLow) & ~x & kHigh; };  // nonzero iff a byte is 0
    const char* p = value.data();
    size_t n = value.size();
    uint64_t found = 0;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        found |= zero_byte(w ^ (kLow * ',')) | zero_byte(w ^ (kLow * '"')) |
                 zero_byte(w ^ (kLow * '\r')) | zero_byte(w ^ (kLow * '\n'));
    }
    unsigned rest = 0;
    for (; n > 0; ++p, --n) rest |= kSpecial[static_cast<unsigned char>(*p)];
    return found != 0 || rest != 0;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view value) {
    unsigned seen = !value.empty() && (value.front() == ' ' || value.back() == ' ');
    if (has_special(value))
        for (char c : value) seen |= kSpecial[static_cast<unsigned char>(c)];
    if (seen == 0) {
        out.append(value);
        return;
    }
    out += '"';
    if (!(seen & 2)) {
        out.append(value);
    } else {
        for (char c : value) {
            if (c == '"') out += '"';
            out += c;
        }
    }
    out += '"';
}

std::string csv_field(std::string_view value) {
    std::string out;
    append_csv_field(out, value);
    return out;
}

std::string csv_line(const std::vector<std::string>& fields, std::string_view eol) {
    size_t size = eol.size() + fields.size();
    for (const auto& f : fields) size += f.size();
    std::string out;
    out.reserve(size + 8);  // room for a few quotes
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        append_csv_field(out, fields[i]);
    }
    out += eol;
    return out;
}

bool formula_like(std::string_view value) {
    if (value.empty() || std::string_view("=+-@\t\r").find(value.front()) == std::string_view::npos)
        return false;
    if (value.front() != '+' && value.front() != '-') return true;
    // A sign, digits and at most one decimal point, with a digit: a number, not a formula.
    bool digit = false, point = false;
    for (char c : value.substr(1)) {
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c == '.' && !point)
            point = true;
        else
            return true;
    }
    return !digit;
}

std::string excel_safe(std::string_view value) {
    return formula_like(value) ? "'" + std::string(value) : std::string(value);
}

}  // namespace revisit
