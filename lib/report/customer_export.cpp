#include "report/customer_export.h"

#include <nlohmann/json.hpp>

#include "csv/csv.h"
#include "util/text.h"

namespace revisit {

CustomerExport::CustomerExport(const Policy& policy, Format format, bool excel)
    : header_{"id", "name", "phone", "owners", "created"}, format_(format), excel_(excel) {
    for (const auto& a : policy.attributes) {
        header_.push_back(a.key);
        attributes_.push_back(a.key);
    }
}

std::vector<std::string> CustomerExport::fields(const Customer& c) const {
    std::vector<std::string> row{c.id, c.name, c.phone, join(c.owners, ";"), c.created.str()};
    for (const auto& key : attributes_) {
        const std::string* v = c.attribute(key);
        row.push_back(v ? *v : "");
    }
    return row;
}

std::string CustomerExport::begin() const {
    if (format_ == Format::Json) return "";
    // Excel wants a BOM to read UTF-8, and CRLF line ends.
    return (excel_ ? "\xEF\xBB\xBF" : "") + csv_line(header_, excel_ ? "\r\n" : "\n");
}

std::string CustomerExport::row(const Customer& c) {
    std::vector<std::string> row = fields(c);
    if (format_ == Format::Csv) {
        if (excel_)
            for (auto& cell : row) cell = excel_safe(cell);
        return csv_line(row, excel_ ? "\r\n" : "\n");
    }
    // The layout nlohmann's dump(2) gives the whole array: each object indented by two.
    nlohmann::ordered_json obj;
    for (size_t i = 0; i < header_.size(); ++i) obj[header_[i]] = row[i];
    std::string out = rows_++ == 0 ? "[\n  " : ",\n  ";
    for (char ch : obj.dump(2)) {
        out += ch;
        if (ch == '\n') out += "  ";
    }
    return out;
}

std::string CustomerExport::end() const {
    if (format_ == Format::Csv) return "";
    return rows_ == 0 ? "[]\n" : "\n]\n";
}

}  // namespace revisit
