// libFuzzer target: lib/csv on arbitrary bytes. CsvReader record by record, then
// parse_csv_table, then writing every field back and reading it again must give the same
// fields. Every field's location must be on a line of the input, and every location, of a
// field or an error, must render as an excerpt. A revisit::Error (malformed quoting, invalid
// UTF-8, a short row) is a fine answer; anything else escaping, or a sanitizer report, is a
// bug. Built by tests/fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv.h"
#include "util/error.h"

namespace {
// A record's fields, written back as they were quoted, find lines of the input: each field
// (and the end of the record) is on a line of `text` from the record's line on, and
// location() of one field is what locations() gives for it.
void check_locations(const std::string& text, const revisit::CsvRecord& record) {
    const std::vector<revisit::Location> all = record.locations("fuzz.csv");
    if (all.size() != record.fields.size() + 1) std::abort();
    for (size_t i = 0; i < all.size(); ++i) {
        const revisit::Location& at = all[i];
        if (at.line < record.line || at.column < 1) std::abort();
        if (i == 0 && (at.line != record.line || at.column != 1)) std::abort();
        if (text.find(at.source) == std::string::npos) std::abort();
        (void)revisit::source_excerpt(at);
    }
    for (const size_t i : {size_t{0}, record.fields.size() / 2, record.fields.size()}) {
        const revisit::Location one = record.location("fuzz.csv", i);
        if (one.prefix() != all[i].prefix() || one.source != all[i].source) std::abort();
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        revisit::CsvReader reader(text, "fuzz.csv");
        revisit::CsvRecord record;
        std::string written;
        std::vector<std::vector<std::string>> records;
        while (reader.next(record)) {
            written += revisit::csv_line(record.fields);
            records.push_back(record.fields);
            for (const auto& f : record.fields) (void)revisit::excel_safe(f);
            check_locations(text, record);
        }
        // Round trip: what csv_line writes reads back as the same fields. Blank lines carry
        // no record, so only the others are compared; a first field that starts with U+FEFF
        // would read back as a BOM, so such inputs are not compared.
        if (!records.empty() && !records[0].empty() && records[0][0].rfind("\xEF\xBB\xBF", 0) == 0)
            return 0;
        revisit::CsvReader again(written, "written.csv");
        auto blank = [](const std::vector<std::string>& f) {
            return f.size() == 1 && f[0].empty();
        };
        size_t i = 0;
        while (again.next(record)) {
            if (blank(record.fields)) continue;
            while (i < records.size() && blank(records[i])) ++i;
            if (i >= records.size() || record.fields != records[i]) std::abort();
            ++i;
        }
        while (i < records.size() && blank(records[i])) ++i;
        if (i != records.size()) std::abort();
    } catch (const revisit::Error& e) {
        (void)revisit::source_excerpt(e.where());
    }
    try {
        const revisit::CsvTable table = revisit::parse_csv_table(text, "fuzz.csv");
        (void)table.column("id");
    } catch (const revisit::Error& e) {
        (void)revisit::source_excerpt(e.where());
    }
    return 0;
}
