#include "store/store.h"

#include "calendar/calendar_yaml.h"
#include "csv/csv.h"
#include "model/contact.h"
#include "policy/policy_loader.h"

namespace revisit {

std::vector<std::pair<std::string, std::string>> journal_headers() {
    return {{kContactsFile, csv_line(contact_columns())}};
}

Policy load_policy(const DataDir& dir) {
    return parse_policy(dir.read("rules.yaml"), dir.file("rules.yaml"));
}

WorkingCalendar load_calendar(const DataDir& dir, const Policy& policy) {
    if (policy.calendar.empty()) return WorkingCalendar();
    const std::string name = "calendars/" + policy.calendar + ".yaml";
    return parse_calendar_yaml(dir.read(name), dir.file(name));
}

CustomerBook load_customers(const DataDir& dir) {
    const std::string text = dir.read(kCustomersFile, true);
    if (text.empty()) return CustomerBook();
    return load_customer_book(text, dir.file(kCustomersFile));
}

void append_customer_records(const DataDir& dir, const std::vector<CustomerRecord>& records) {
    std::string lines;
    for (const auto& r : records) lines += csv_line(customer_record_fields(r));
    dir.append(kCustomersFile, csv_line(customer_columns()), lines);
}

}  // namespace revisit
