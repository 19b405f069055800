#pragma once
// `revisit export customers`: every customer's current state, one row per customer, in CSV
// or JSON, produced piece by piece as the customers are visited so that an export of a
// million customers needs memory for one row, not for the whole file. Pure.

#include <string>
#include <vector>

#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

class CustomerExport {
  public:
    enum class Format { Csv, Json };
    // `excel` (csv only): a UTF-8 BOM, CRLF line ends, formula-like cells neutralised.
    CustomerExport(const Policy& policy, Format format, bool excel);

    // The text before the first row (the header line, "[" ...), each row's text, and the
    // text after the last; together they are the whole file.
    std::string begin() const;
    std::string row(const Customer& c);
    std::string end() const;

  private:
    std::vector<std::string> fields(const Customer& c) const;

    std::vector<std::string> header_;
    std::vector<std::string> attributes_;
    Format format_;
    bool excel_;
    size_t rows_ = 0;
};

}  // namespace revisit
