// lib/model/customer_import: columns that collide, creation times ahead of the clock.

#include <doctest/doctest.h>

#include "csv/csv.h"
#include "model/customer_edit.h"
#include "model/customer_import.h"
#include "util/error.h"

using namespace revisit;

namespace {

DateTime t(const char* text) { return DateTime::parse(text).value(); }

Policy one_owner_policy() {
    Policy p;
    p.file = "rules.yaml";
    p.owners = {1, ""};
    return p;
}

// The plan of `csv` as `import customers` makes it, at 2026-04-01 09:00 by the clock.
ImportPlan plan(const std::string& csv, const std::map<std::string, std::string>& map = {},
                const char* default_at = "2026-04-01 09:00") {
    return plan_customer_import(one_owner_policy(), CustomerBook(), parse_csv_table(csv, "in.csv"),
                                map, t(default_at), t("2026-04-01 09:00"), "importer");
}

}  // namespace

TEST_CASE("customer import: two columns that give one field are refused, naming both") {
    CHECK(diagnostic_texts(plan("name,phone,owners,name\n张三,13800138000,王,李四\n").problems) ==
          std::vector<std::string>{"in.csv:1:19: columns 1 \"name\" and 4 \"name\" both give "
                                   "\"name\"; keep one of them"});
    CHECK(diagnostic_texts(
              plan("name,姓名,phone,owners\n张三,李四,13800138000,王\n", {{"姓名", "name"}})
                  .problems) ==
          std::vector<std::string>{"in.csv:1:6: columns 1 \"name\" and 2 \"姓名\" (--map "
                                   "姓名=name) both give \"name\"; keep one of them"});
    // Two mapped columns, and a third copy: each later one is named with the first.
    CHECK(diagnostic_texts(plan("手机,电话,name,owners,phone\n1,2,张三,王,3\n",
                                {{"手机", "phone"}, {"电话", "phone"}})
                               .problems) ==
          std::vector<std::string>{
              "in.csv:1:4: columns 1 \"手机\" (--map 手机=phone) and 2 \"电话\" (--map "
              "电话=phone) both give \"phone\"; keep one of them",
              "in.csv:1:19: columns 1 \"手机\" (--map 手机=phone) and 5 \"phone\" both give "
              "\"phone\"; keep one of them"});
    const ImportPlan ok = plan("姓名,phone,owners\n张三,13800138000,王\n", {{"姓名", "name"}});
    CHECK(ok.problems.empty());
    CHECK(ok.records.size() == 1);
}

TEST_CASE("customer import: a creation time ahead of the clock is refused as log-call's --at") {
    const ImportPlan p = plan(
        "name,phone,owners,created\n"
        "张三,13800138000,王,2026-04-01 09:10\n"  // within the 10 minutes clocks may differ
        "李四,13900139000,王,2099-01-01 10:00\n"
        "王五,13700137000,王,2026-04-01 09:11\n");
    CHECK(diagnostic_texts(p.problems) ==
          std::vector<std::string>{
              "in.csv:3:18: created 2099-01-01 10:00 is in the future (now 2026-04-01 09:00)",
              "in.csv:4:18: created 2026-04-01 09:11 is in the future (now 2026-04-01 09:00)"});
    // --at, for the rows without a created time: one problem, not one a row.
    CHECK(
        diagnostic_texts(plan("name,phone,owners\n张三,13800138000,王\n李四,13900139000,王\n", {},
                              "2099-01-01 10:00")
                             .problems) ==
        std::vector<std::string>{"--at 2099-01-01 10:00 is in the future (now 2026-04-01 09:00)"});
    // The one check log-call makes too.
    CHECK(future_time_problem("--at", t("2026-04-01 09:10"), t("2026-04-01 09:00")) == "");
    CHECK(future_time_problem("--at", t("2026-04-01 09:11"), t("2026-04-01 09:00")) ==
          "--at 2026-04-01 09:11 is in the future (now 2026-04-01 09:00)");
}

TEST_CASE("customer import: phones typed full-width are the half-width numbers") {
    const ImportPlan p = plan("name,phone,owners\n张三,１３９－１１１１－３３３３,王\n");
    CHECK(p.problems.empty());
    REQUIRE(p.records.size() == 1);
    CHECK(p.records[0].phone == "13911113333");
}
