// lib/report/customer_export: the rows of `export customers`, written piece by piece, make
// the file a whole render would.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "policy/policy_loader.h"
#include "report/customer_export.h"

using namespace revisit;

namespace {

const std::string kRules =
    "company: 测试公司\n"
    "attributes:\n"
    "  grade: {type: enum, values: [A, B]}\n"
    "  stage: {type: text}\n"
    "channels: [{id: phone}]\n"
    "outcomes: [{id: reached, counts: true}]\n"
    "rules: []\n";

std::vector<Customer> customers(size_t n) {
    std::vector<Customer> out;
    for (size_t i = 0; i < n; ++i) {
        Customer c;
        c.id = "C00000" + std::to_string(i + 1);
        c.name = i == 1 ? "=HYPERLINK(\"x\")" : "王小明\"二\"";
        c.phone = "1380013800" + std::to_string(i);
        c.owners = {"张三", "李四"};
        c.created = *DateTime::parse("2026-03-02 09:00");
        if (i != 2) c.set_attribute("grade", "A");
        out.push_back(c);
    }
    return out;
}

std::string whole(const Policy& p, CustomerExport::Format f, bool excel,
                  const std::vector<Customer>& list) {
    CustomerExport e(p, f, excel);
    std::string out = e.begin();
    for (const auto& c : list) out += e.row(c);
    return out + e.end();
}

}  // namespace

TEST_CASE("customer export: json rows streamed are the array dump(2) gives") {
    const Policy p = parse_policy(kRules, "rules.yaml");
    for (size_t n : {0u, 1u, 3u}) {
        CAPTURE(n);
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& c : customers(n)) {
            nlohmann::ordered_json obj;
            obj["id"] = c.id;
            obj["name"] = c.name;
            obj["phone"] = c.phone;
            obj["owners"] = "张三;李四";
            obj["created"] = "2026-03-02 09:00";
            obj["grade"] = c.id == "C000003" ? "" : "A";
            obj["stage"] = "";
            list.push_back(obj);
        }
        CHECK(whole(p, CustomerExport::Format::Json, false, customers(n)) == list.dump(2) + "\n");
    }
}

TEST_CASE("customer export: csv, and for Excel a BOM, CRLF and neutralised formulas") {
    const Policy p = parse_policy(kRules, "rules.yaml");
    CHECK(whole(p, CustomerExport::Format::Csv, false, customers(2)) ==
          "id,name,phone,owners,created,grade,stage\n"
          "C000001,\"王小明\"\"二\"\"\",13800138000,张三;李四,2026-03-02 09:00,A,\n"
          "C000002,\"=HYPERLINK(\"\"x\"\")\",13800138001,张三;李四,2026-03-02 09:00,A,\n");
    CHECK(whole(p, CustomerExport::Format::Csv, true, customers(2)) ==
          "\xEF\xBB\xBFid,name,phone,owners,created,grade,stage\r\n"
          "C000001,\"王小明\"\"二\"\"\",13800138000,张三;李四,2026-03-02 09:00,A,\r\n"
          "C000002,\"'=HYPERLINK(\"\"x\"\")\",13800138001,张三;李四,2026-03-02 09:00,A,\r\n");
}
