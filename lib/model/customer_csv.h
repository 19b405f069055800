#pragma once
// customers.csv, one CustomerRecord per row (docs/file-formats.md):
//   at,op,id,name,phone,owners,attributes,by,source
// `owners` joins staff names with ";"; `attributes` holds one key=value per line.

#include <string>
#include <vector>

#include "csv/csv.h"
#include "model/customer.h"

namespace revisit {

const std::vector<std::string>& customer_columns();
std::vector<std::string> customer_record_fields(const CustomerRecord& record);

// Where each column is in a customers.csv header; throws Error naming a missing column.
struct CustomerColumns {
    std::vector<int> index;  // by position in customer_columns()
    size_t width = 0;
    static CustomerColumns from_header(const std::vector<std::string>& header,
                                       const std::string& file);
};
// One data row; throws Error with file:line when malformed.
CustomerRecord customer_from_record(const CustomerColumns& columns, const CsvRecord& row,
                                    const std::string& file);

// Every row of customers.csv text, in file order (each remembers its line).
std::vector<CustomerRecord> parse_customer_records(std::string_view text, const std::string& file);

// Folds records into a book; a record that does not fit (update of an unknown id...)
// is an Error at its file:line.
CustomerBook fold_customer_records(const std::vector<CustomerRecord>& records,
                                   const std::string& file);

// Parses every row of customers.csv text and folds it into a book. Throws Error with
// file:line for a row that is malformed or does not fit (update of an unknown id...).
CustomerBook load_customer_book(std::string_view text, const std::string& file);

std::string format_key_values(const KeyValues& kv);   // "k=v\nk2=v2"
KeyValues parse_key_values(const std::string& text);  // inverse; lines without "=" are skipped

}  // namespace revisit
