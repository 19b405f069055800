#include "store/index/csv_journal.h"

#include <fmt/format.h>

#include <optional>
#include <string_view>

#include "store/index/format.h"
#include "util/error.h"

namespace revisit::index {

CsvJournal::CsvJournal(const DataDir& dir, const std::string& name)
    : file_(io::JournalFile::open(dir, name)) {
    if (file_.is_directory())
        throw Error(fmt::format("cannot read {}: it is a directory", path()), kExitIo);
    if (std::optional<io::JournalHeader> h = file_.read_header()) {
        header_ = std::move(h->fields);
        data_start_ = h->data_start;
        data_line_ = h->data_line;
    }
}

CsvRecord CsvJournal::record_at(uint64_t offset, int line) const {
    if (offset < data_start_ || offset >= size()) throw IndexDamaged{};
    for (size_t n = 4096;; n *= 2) {
        const std::string text = file_.read(offset - 1, n + 1);
        if (text.empty() || text[0] != '\n') throw IndexDamaged{};
        const bool partial = offset + (text.size() - 1) < size();
        CsvReader reader(std::string_view(text).substr(1), path(), line, partial);
        CsvRecord record;
        if (reader.next(record)) {
            if (record.fields.size() == 1 && record.fields[0].empty()) throw IndexDamaged{};
            return record;
        }
        if (!reader.needs_more() || !partial) throw IndexDamaged{};
    }
}

}  // namespace revisit::index
