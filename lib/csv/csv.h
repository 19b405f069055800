#pragma once
// RFC 4180 CSV: reading (with a UTF-8 BOM and CRLF line ends tolerated, as Excel and
// WPS save them) and writing. Pure: works on strings; the store does the file I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace revisit {

struct CsvRecord {
    std::vector<std::string> fields;
    int line = 0;  // physical line (from 1) where the record starts
    // The fields that were written in quotes, by index, ascending. With the fields it gives
    // back the record's exact text, so an error can show the line without every record
    // keeping a copy.
    std::vector<size_t> quoted = {};
    // Where field `field` starts in `file`: its physical line, its column in characters and
    // that line's text. A `field` past the last one: just after the record's end, where a
    // missing field would be.
    Location location(const std::string& file, size_t field) const;
    // location() of every field and then of the end, in one pass (for a header's columns).
    std::vector<Location> locations(const std::string& file) const;
};

// Streams records out of a buffer that outlives the reader. Throws Error with
// file:line:column (and the line's text) on malformed quoting or invalid UTF-8.
class CsvReader {
  public:
    CsvReader(std::string_view text, std::string file_name);
    // `partial`: more text may follow, so a record cut off by the end of `text` is not
    // returned; next() then returns false with needs_more() set. `first_line` numbers lines.
    CsvReader(std::string_view text, std::string file_name, int first_line, bool partial);
    bool next(CsvRecord& record);  // false at end of input (or when it needs more)
    // After keep_bad_utf8(), invalid UTF-8 does not throw: the record is read whole and
    // bad_utf8() says where its first bad field starts (nullopt for a good record).
    void keep_bad_utf8() { keep_bad_utf8_ = true; }
    const std::optional<Location>& bad_utf8() const { return bad_utf8_; }
    int line() const { return line_; }
    bool needs_more() const { return needs_more_; }
    size_t consumed() const { return pos_; }  // bytes of `text` read by complete records

  private:
    // The Location of byte `pos`, which is on line `line`, starting at byte `line_start`.
    Location at(int line, size_t line_start, size_t pos) const;
    // With more text to come and no line end after `pos` yet, an error there waits for the
    // rest of its line, so that the message can show it.
    bool line_unfinished(size_t pos) const;
    bool cut_off(size_t record_start, int record_line, size_t record_line_start);
    std::string_view text_;
    std::string file_;
    size_t pos_ = 0;
    int line_ = 1;
    size_t line_start_ = 0;
    bool partial_ = false;
    bool needs_more_ = false;
    bool keep_bad_utf8_ = false;
    std::optional<Location> bad_utf8_;
};

// Records out of text that arrives in pieces (a large file read block by block), so a
// journal never has to be in memory whole.
class CsvChunkReader {
  public:
    explicit CsvChunkReader(std::string file_name) : file_(std::move(file_name)) {}
    // Text that starts at line `first_line` of a file (a journal read from an offset).
    CsvChunkReader(std::string file_name, int first_line)
        : file_(std::move(file_name)), line_(first_line), started_(first_line > 1) {}
    void feed(std::string_view chunk);
    void finish() { finished_ = true; }
    // A complete record, or false when it needs more input (or at the end, once finished).
    bool next(CsvRecord& record);

  private:
    std::string file_;
    std::string buffer_;
    size_t consumed_ = 0;
    int line_ = 1;
    bool started_ = false;
    bool finished_ = false;
};

// Reads every record. The first record is the header.
std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file_name);

// A parsed file with its header looked up by name.
struct CsvTable {
    std::string file;
    std::vector<std::string> header;  // names trimmed
    CsvRecord header_row;             // as read: header_row.location(file, i) locates column i
    std::vector<CsvRecord> rows;
    // Index of `column` in the header, -1 when absent.
    int column(std::string_view name) const;
};

// Parses and checks that every row has as many fields as the header (a row that does not
// is an Error at its first extra field, or just after its end).
CsvTable parse_csv_table(std::string_view text, const std::string& file_name);
// The same, for a file a user fixes (an import): every structurally bad row (invalid UTF-8,
// another number of fields than the header) goes to `problems`, in file order, and is left
// out of the rows. Malformed quoting, after which records cannot be told apart, ends the
// reading with its problem added. A bad header leaves the table without rows.
CsvTable parse_csv_table(std::string_view text, const std::string& file_name,
                         std::vector<Diagnostic>& problems);

// Index of each of `names` in `header` (spaces around header names ignored); throws
// Error at file:1 naming the first missing column and listing `names`.
std::vector<int> require_columns(const std::vector<std::string>& header,
                                 const std::vector<std::string>& names, const std::string& file);
// Where column `name` (one of `names`) is in a record, given require_columns()'s `index`.
size_t column_of(const std::vector<int>& index, const std::vector<std::string>& names,
                 std::string_view name);

// One field, quoted when it holds a comma, quote, CR, LF or edge spaces.
std::string csv_field(std::string_view value);
// Appends csv_field(value) to `out`: for lines built field by field without temporaries.
void append_csv_field(std::string& out, std::string_view value);
// One record terminated by `eol`.
std::string csv_line(const std::vector<std::string>& fields, std::string_view eol = "\n");

// Whether a spreadsheet would run cell `value` as a formula (OWASP CSV injection): it starts
// with = + - @ tab or CR and is not a plain number (-3, +8613800138000, -1.5 stay numbers).
bool formula_like(std::string_view value);
// Neutralises a formula_like cell with a leading apostrophe; any other is returned as it is.
std::string excel_safe(std::string_view value);

}  // namespace revisit
