#include <doctest/doctest.h>

#include "csv/csv.h"
#include "model/customer.h"
#include "model/customer_csv.h"
#include "model/customer_edit.h"
#include "model/customer_import.h"
#include "util/error.h"

using namespace revisit;

namespace {

DateTime t(const char* text) { return DateTime::parse(text).value(); }

CustomerRecord add(const char* at, const std::string& id, const std::string& name,
                   const std::string& phone, std::vector<std::string> owners, KeyValues set = {}) {
    return CustomerRecord{t(at),          "add",    id,    name, phone, std::move(owners),
                          std::move(set), "tester", "test"};
}

CustomerRecord update(const char* at, const std::string& id, KeyValues set,
                      std::string phone = "") {
    CustomerRecord r;
    r.at = t(at);
    r.op = "update";
    r.id = id;
    r.phone = std::move(phone);
    r.set = std::move(set);
    return r;
}

AttributeSpec enum_attribute(const std::string& key, std::vector<std::string> values,
                             std::string default_value = "", bool required = false) {
    AttributeSpec a;
    a.key = key;
    a.type = AttributeSpec::Type::Enum;
    a.values = std::move(values);
    a.default_value = std::move(default_value);
    a.required = required;
    return a;
}

// 第八条: every customer is known to at least two staff (S0.1-8).
Policy two_owner_policy() {
    Policy p;
    p.file = "rules.yaml";
    p.owners = {2, "第八条"};
    p.attributes.push_back(enum_attribute("stage", {"call-in", "visitor", "closed"}, "", true));
    p.attributes.push_back(enum_attribute("grade", {"A", "B", "C", "D"}, "C"));
    AttributeSpec key;
    key.key = "key";
    key.type = AttributeSpec::Type::Bool;
    p.attributes.push_back(key);
    return p;
}

// Two customers, 张三 (C000001) and 李四 (C000002).
CustomerBook sample_book() {
    CustomerBook book;
    REQUIRE(book.apply(add("2026-03-01 10:00", "C000001", "张三", "13800138000", {"王", "李"},
                           {{"stage", "call-in"}, {"grade", "B"}})) == "");
    REQUIRE(book.apply(add("2026-03-02 11:00", "C000002", "李四", "010-65529988", {"王", "赵"},
                           {{"stage", "visitor"}})) == "");
    return book;
}

std::string book_error(const std::string& text) {
    try {
        load_customer_book(text, "customers.csv");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

const std::string kHeader = "at,op,id,name,phone,owners,attributes,by,source\n";

CustomerInput input(std::string name, std::string phone, std::vector<std::string> owners,
                    KeyValues set = {}) {
    CustomerInput in;
    in.name = std::move(name);
    in.phone = std::move(phone);
    in.owners = std::move(owners);
    in.set = std::move(set);
    return in;
}

ImportPlan plan(const std::string& csv, const std::map<std::string, std::string>& map = {},
                const CustomerBook& book = CustomerBook()) {
    return plan_customer_import(two_owner_policy(), book, parse_csv_table(csv, "in.csv"), map,
                                t("2026-04-01 09:00"), t("2026-04-01 09:00"), "importer");
}

}  // namespace

TEST_CASE("customer: folding records gives the current state and its history") {
    CustomerBook book = sample_book();
    REQUIRE(book.apply(update("2026-03-03 09:00", "C000001", {{"stage", "visitor"}})) == "");
    REQUIRE(book.apply(update("2026-03-04 09:00", "C000001", {{"grade", ""}, {"key", "yes"}})) ==
            "");
    REQUIRE(book.apply(update("2026-03-05 09:00", "C000001", {{"stage", "call-in"}})) == "");
    REQUIRE(book.apply(update("2026-03-06 09:00", "C000001", {{"stage", "visitor"}})) == "");

    const Customer* c = book.find("C000001");
    REQUIRE(c != nullptr);
    CHECK(c->name == "张三");  // updates without a name keep it
    CHECK(c->owners == std::vector<std::string>{"王", "李"});
    CHECK(c->created == t("2026-03-01 10:00"));
    REQUIRE(c->attribute("stage") != nullptr);
    CHECK(*c->attribute("stage") == "visitor");
    CHECK(c->attribute("grade") == nullptr);  // cleared by an empty value
    CHECK(*c->attribute("key") == "yes");
    CHECK(c->attribute("nope") == nullptr);
    // Attributes stay in the order they were first set.
    CHECK(c->attributes == KeyValues{{"stage", "visitor"}, {"grade", ""}, {"key", "yes"}});
    CHECK(c->changes.size() == 7);
    // when_set answers with the latest time the value was taken.
    CHECK(c->when_set("stage", "visitor") == t("2026-03-06 09:00"));
    CHECK(c->when_set("stage", "call-in") == t("2026-03-05 09:00"));
    CHECK(c->when_set("grade", "B") == t("2026-03-01 10:00"));
    CHECK(c->when_set("stage", "closed") == std::nullopt);
    CHECK(book.size() == 2);
    CHECK(book.find("C000003") == nullptr);
}

TEST_CASE("customer: the phone index follows a phone change") {
    CustomerBook book = sample_book();
    CHECK(book.find_by_phone("13800138000")->id == "C000001");
    REQUIRE(book.apply(update("2026-03-03 09:00", "C000001", {}, "13900139000")) == "");
    CHECK(book.find("C000001")->phone == "13900139000");
    CHECK(book.find_by_phone("13800138000") == nullptr);
    CHECK(book.find_by_phone("13900139000")->id == "C000001");
    CHECK(book.find_by_phone("010-65529988")->id == "C000002");
}

TEST_CASE("customer: a shared phone stays indexed when its first holder changes number") {
    CustomerBook book = sample_book();
    REQUIRE(book.apply(add("2026-03-03 09:00", "C000003", "张三的太太", "13800138000",
                           {"王", "李"})) == "");
    CHECK(book.find_by_phone("13800138000")->id == "C000001");  // the first holder answers
    REQUIRE(book.apply(update("2026-03-04 09:00", "C000001", {}, "13900139000")) == "");
    REQUIRE(book.find_by_phone("13800138000") != nullptr);
    CHECK(book.find_by_phone("13800138000")->id == "C000003");
}

TEST_CASE("customer: records that do not fit the book are refused") {
    CustomerBook book = sample_book();
    CHECK(book.apply(add("2026-03-03 09:00", "C000001", "x", "13700137000", {"a"})) ==
          "customer \"C000001\" already exists");
    CHECK(book.apply(update("2026-03-03 09:00", "C000009", {})) ==
          "update of unknown customer \"C000009\"");
    CustomerRecord r = update("2026-03-03 09:00", "C000001", {});
    r.op = "delete";
    CHECK(book.apply(r) == "unknown op \"delete\"; expected add or update");
    CHECK(book.size() == 2);
}

TEST_CASE("customer: generated ids skip taken ones; ids are safe in paths") {
    CustomerBook book;
    CHECK(book.next_id() == "C000001");
    REQUIRE(book.apply(add("2026-03-01 10:00", "C000002", "a", "13800138000", {"x"})) == "");
    CHECK(book.next_id() == "C000003");
    CHECK(is_valid_id("C000001"));
    CHECK(is_valid_id("vip_2026-01.b"));
    CHECK(is_valid_id(std::string(32, 'a')));
    CHECK_FALSE(is_valid_id(std::string(33, 'a')));
    CHECK_FALSE(is_valid_id(""));
    CHECK_FALSE(is_valid_id("../x"));
    CHECK_FALSE(is_valid_id("a/b"));
    CHECK_FALSE(is_valid_id("a..b"));
    CHECK_FALSE(is_valid_id(".hidden"));
    CHECK_FALSE(is_valid_id("-rf"));
    CHECK_FALSE(is_valid_id("客户1"));
    CHECK_FALSE(is_valid_id("a b"));
}

TEST_CASE("customer csv: hostile fields survive a write/read round trip") {
    const std::vector<CustomerRecord> records{
        add("2026-03-01 10:00", "C000001", "Smith, \"Bob\"\nJr.", "13800138000",
            {"王小明", "O'Brien, Pat"}, {{"stage", "call-in"}, {"note", "a, \"b\" = c"}}),
        add("2026-03-01 10:05", "C000002", "=HYPERLINK(\"x\")", "010-65529988-123", {"李"}),
        update("2026-03-02 08:00", "C000001", {{"stage", "visitor"}, {"note", ""}}, "13900139000"),
    };
    std::string text = csv_line(customer_columns());
    for (const auto& r : records) text += csv_line(customer_record_fields(r));

    // Every cell reads back as written.
    const CsvTable table = parse_csv_table(text, "customers.csv");
    REQUIRE(table.rows.size() == 3);
    for (size_t i = 0; i < records.size(); ++i)
        CHECK(table.rows[i].fields == customer_record_fields(records[i]));
    CHECK(table.rows[0].fields[5] == "王小明;O'Brien, Pat");
    CHECK(table.rows[0].fields[6] == "stage=call-in\nnote=a, \"b\" = c");

    const CustomerBook book = load_customer_book(text, "customers.csv");
    const Customer* c = book.find("C000001");
    REQUIRE(c != nullptr);
    CHECK(c->name == "Smith, \"Bob\"\nJr.");
    CHECK(c->phone == "13900139000");
    CHECK(c->owners == std::vector<std::string>{"王小明", "O'Brien, Pat"});
    CHECK(*c->attribute("stage") == "visitor");
    CHECK(c->attribute("note") == nullptr);
    CHECK(c->when_set("note", "a, \"b\" = c") == t("2026-03-01 10:00"));
    CHECK(book.find("C000002")->name == "=HYPERLINK(\"x\")");
    CHECK(book.find("C000002")->owners == std::vector<std::string>{"李"});
}

TEST_CASE("customer csv: a journal saved with a BOM and CRLF line ends reads the same") {
    std::string lf =
        csv_line(customer_columns()) +
        csv_line(customer_record_fields(add("2026-03-01 10:00", "C000001", "张三", "13800138000",
                                            {"王", "李"}, {{"stage", "call-in"}, {"grade", "B"}})));
    std::string crlf = "\xEF\xBB\xBF";
    for (char ch : lf) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    const CustomerBook book = load_customer_book(crlf, "customers.csv");
    const Customer* c = book.find("C000001");
    REQUIRE(c != nullptr);
    CHECK(c->attributes == KeyValues{{"stage", "call-in"}, {"grade", "B"}});
    CHECK(c->owners == std::vector<std::string>{"王", "李"});
}

TEST_CASE("customer csv: key=value cells") {
    CHECK(format_key_values({{"a", "1"}, {"b", "x=y"}, {"c", ""}}) == "a=1\nb=x=y\nc=");
    CHECK(parse_key_values("a=1\nb=x=y\nc=\nno equals sign\n") ==
          KeyValues{{"a", "1"}, {"b", "x=y"}, {"c", ""}});
    CHECK(parse_key_values("") == KeyValues{});
}

TEST_CASE("customer csv: load errors name the file and line") {
    const std::string good =
        "2026-03-01 10:00,add,C000001,张三,13800138000,王;李,stage=call-in,t,test\n";
    CHECK(book_error("") == "customers.csv:1: empty file: expected a header row");
    CHECK(book_error("at,op,id,name,phone,owners,attributes,by\n") ==
          "customers.csv:1: missing column \"source\"; expected columns: "
          "at,op,id,name,phone,owners,attributes,by,source");
    CHECK(
        book_error(kHeader + "2026-13-01 10:00,add,C000001,张三,13800138000,王,,t,test\n") ==
        "customers.csv:2:1: bad time \"2026-13-01 10:00\" in column at; expected YYYY-MM-DD HH:MM");
    CHECK(book_error(kHeader + good + "2026-03-01 10:00,add,../x,李四,13900139000,王,,t,test\n") ==
          "customers.csv:3:22: bad customer id \"../x\"");
    CHECK(book_error(kHeader + good + good) ==
          "customers.csv:3: customer \"C000001\" already exists");
    CHECK(book_error(kHeader + "2026-03-01 10:00,update,C000009,,,,stage=visitor,t,test\n") ==
          "customers.csv:2: update of unknown customer \"C000009\"");
    CHECK(book_error(kHeader + good + "2026-03-01 10:00,delete,C000001,,,,,t,test\n") ==
          "customers.csv:3:18: unknown op \"delete\"; expected add or update");
    CHECK(book_error(kHeader + good + "2026-03-01 10:00,update,C000001\n") ==
          "customers.csv:3:32: expected 9 fields as in the header, found 3");
    // A record spanning lines (a quoted newline) moves the next record's line number.
    CHECK(book_error(
              kHeader +
              "2026-03-01 "
              "10:00,add,C000001,\"张\n三\",13800138000,王,\"stage=call-in\ngrade=B\",t,test\n" +
              good) == "customers.csv:5: customer \"C000001\" already exists");
}

TEST_CASE("customer edit: a good add record, with the policy's defaults filled in") {
    const CustomerBook book = sample_book();
    std::vector<std::string> problems;
    const CustomerRecord r =
        make_add_record(two_owner_policy(), book,
                        input(" 王五 ", "+86 137-0013-7000", {"王", "李"}, {{"stage", "visitor"}}),
                        t("2026-03-05 14:30"), problems);
    CHECK(problems.empty());
    CHECK(r.op == "add");
    CHECK(r.id == "C000003");
    CHECK(r.name == "王五");
    CHECK(r.phone == "13700137000");
    CHECK(r.at == t("2026-03-05 14:30"));
    CHECK(r.set == KeyValues{{"stage", "visitor"}, {"grade", "C"}});  // grade: default C
}

TEST_CASE("customer edit: every problem of an add is listed") {
    const Policy policy = two_owner_policy();
    const CustomerBook book = sample_book();
    auto problems_of = [&](const CustomerInput& in) {
        std::vector<std::string> problems;
        make_add_record(policy, book, in, t("2026-03-05 14:30"), problems);
        return problems;
    };
    CHECK(problems_of(CustomerInput{}) ==
          std::vector<std::string>{
              "a customer needs a name (--name)", "a customer needs a phone number (--phone)",
              "a customer needs at least 2 different owners (--owner), got 0 [第八条]",
              "attribute \"stage\" is required (--set stage=...)"});
    CHECK(problems_of(input("王五", "12345", {"王", "李"}, {{"stage", "visitor"}})) ==
          std::vector<std::string>{
              "\"12345\" is not a phone number: expected a mobile (11 digits, 1[3-9]...) or a "
              "landline with area code (010-12345678)"});
    // The same staff member twice is one owner.
    CHECK(problems_of(input("王五", "13700137000", {"王", "王"}, {{"stage", "visitor"}})) ==
          std::vector<std::string>{
              "a customer needs at least 2 different owners (--owner), got 1 [第八条]"});
    CHECK(problems_of(input("王五", "13700137000", {"王", "a;b"}, {{"stage", "visitor"}})) ==
          std::vector<std::string>{"bad owner \"a;b\": a staff name, without \";\""});
    CHECK(
        problems_of(
            input("王五", "13700137000", {"王", "李"}, {{"stage", "visitor"}, {"grede", "A"}})) ==
        std::vector<std::string>{"unknown attribute \"grede\" (did you mean \"grade\"?); the rules "
                                 "file declares: stage, grade, key"});
    CHECK(problems_of(
              input("王五", "13700137000", {"王", "李"}, {{"stage", "visitor"}, {"grade", "E"}})) ==
          std::vector<std::string>{
              "\"E\" is not an allowed value of \"grade\"; allowed: A, B, C, D"});
    CHECK(
        problems_of(
            input("王五", "13700137000", {"王", "李"}, {{"stage", "visitor"}, {"key", "maybe"}})) ==
        std::vector<std::string>{"\"maybe\" is not an allowed value of \"key\"; allowed: yes, no"});
    CHECK(problems_of(input("王五", "13700137000", {"王", "李"},
                            {{"stage", "visitor"}, {"stage", "closed"}})) ==
          std::vector<std::string>{"attribute \"stage\" is set twice"});
    CHECK(problems_of(input("王\n五", "13700137000", {"王", "李"}, {{"stage", "visitor"}})) ==
          std::vector<std::string>{"name must be a single line"});
    CustomerInput bad_id = input("王五", "13700137000", {"王", "李"}, {{"stage", "visitor"}});
    bad_id.id = "../x";
    CHECK(problems_of(bad_id) ==
          std::vector<std::string>{"bad id \"../x\": use 1-32 letters, digits, '-', '_' or '.'"});
    bad_id.id = "C000002";
    CHECK(problems_of(bad_id) ==
          std::vector<std::string>{"customer C000002 already exists (李四)"});
}

TEST_CASE("customer edit: a phone another customer has needs --allow-duplicate") {
    const Policy policy = two_owner_policy();
    const CustomerBook book = sample_book();
    CustomerInput in =
        input("张三的太太", "+86 138 0013 8000", {"王", "李"}, {{"stage", "visitor"}});
    std::vector<std::string> problems;
    make_add_record(policy, book, in, t("2026-03-05 14:30"), problems);
    CHECK(problems == std::vector<std::string>{
                          "phone 13800138000 already belongs to customer C000001 (张三); use "
                          "--allow-duplicate if this is really another customer"});
    in.allow_duplicate_phone = true;
    problems.clear();
    const CustomerRecord r = make_add_record(policy, book, in, t("2026-03-05 14:30"), problems);
    CHECK(problems.empty());
    CHECK(r.phone == "13800138000");
}

TEST_CASE("customer edit: update records carry only what changes") {
    const Policy policy = two_owner_policy();
    const CustomerBook book = sample_book();
    std::vector<std::string> problems;
    CustomerInput change;
    change.name = "张三";            // current: dropped
    change.phone = "138 0013 8000";  // current once normalised: dropped
    change.set = {{"stage", "visitor"}, {"grade", "B"}, {"key", ""}};  // only stage changes
    CustomerRecord r =
        make_update_record(policy, book, "C000001", change, t("2026-03-05 14:30"), problems);
    CHECK(problems.empty());
    CHECK(r.op == "update");
    CHECK(r.id == "C000001");
    CHECK(r.name.empty());
    CHECK(r.phone.empty());
    CHECK(r.owners.empty());
    CHECK(r.set == KeyValues{{"stage", "visitor"}});

    // Another customer's phone is a duplicate; clearing a required attribute is refused.
    change = CustomerInput{};
    change.phone = "(010) 6552 9988";
    change.set = {{"stage", ""}};
    problems.clear();
    make_update_record(policy, book, "C000001", change, t("2026-03-05 14:30"), problems);
    CHECK(problems == std::vector<std::string>{
                          "phone 010-65529988 already belongs to customer C000002 (李四); use "
                          "--allow-duplicate if this is really another customer",
                          "attribute \"stage\" is required"});

    change = CustomerInput{};
    change.owners = {"王"};
    problems.clear();
    make_update_record(policy, book, "C000001", change, t("2026-03-05 14:30"), problems);
    CHECK(problems ==
          std::vector<std::string>{
              "a customer needs at least 2 different owners (--owner), got 1 [第八条]"});

    change = CustomerInput{};
    change.set = {{"key", "yes"}};
    problems.clear();
    make_update_record(policy, book, "C000001", change, t("2026-02-01 00:00"), problems);
    CHECK(problems == std::vector<std::string>{
                          "2026-02-01 00:00 is before the customer was added (2026-03-01 10:00)"});
}

TEST_CASE("customer edit: nothing to change, and unknown ids with suggestions") {
    const Policy policy = two_owner_policy();
    const CustomerBook book = sample_book();
    std::vector<std::string> problems;
    CustomerInput same;
    same.name = "张三";
    same.owners = {"王", "李"};
    same.set = {{"grade", "B"}};
    make_update_record(policy, book, "C000001", same, t("2026-03-05 14:30"), problems);
    CHECK(problems ==
          std::vector<std::string>{"nothing to change: every given value is already current"});

    auto unknown = [&](const std::string& id) {
        std::vector<std::string> p;
        make_update_record(policy, book, id, same, t("2026-03-05 14:30"), p);
        REQUIRE(p.size() == 1);
        return p[0];
    };
    CHECK(unknown("c000001x") ==
          "unknown customer \"c000001x\"; did you mean: C000001 张三 13800138000; "
          "C000002 李四 010-65529988");
    CHECK(unknown("张三") == "unknown customer \"张三\"; did you mean: C000001 张三 13800138000");
    CHECK(unknown("9988") == "unknown customer \"9988\"; did you mean: C000002 李四 010-65529988");
    CHECK(unknown("nobody") == "unknown customer \"nobody\"");
}

TEST_CASE("customer edit: key=value assignments from the command line") {
    std::vector<std::string> problems;
    CHECK(parse_assignments({"stage=visitor", " grade = B ", "note=a=b", "key="}, problems) ==
          KeyValues{{"stage", "visitor"}, {"grade", "B"}, {"note", "a=b"}, {"key", ""}});
    CHECK(problems.empty());
    parse_assignments({"stage", "=x"}, problems);
    CHECK(problems == std::vector<std::string>{"expected key=value, got \"stage\"",
                                               "expected key=value, got \"=x\""});
}

TEST_CASE("customer import: good rows become add records in file order") {
    const ImportPlan p = plan(
        "name,phone,owners,stage,created\n"
        "张三,138 0013 8000,王;李,call-in,2026-03-01 10:00\n"
        "李四,(010) 6552 9988,王、赵,visitor,\n"
        "王五,+86 137 0013 7000,\"王, 孙\",closed,2026-03-02\n"
        "赵六,13600136000, 王 ; 李 ;,visitor,\n");
    CHECK(p.problems.empty());
    REQUIRE(p.records.size() == 4);
    CHECK(p.records[0].id == "C000001");
    CHECK(p.records[0].phone == "13800138000");
    CHECK(p.records[0].at == t("2026-03-01 10:00"));
    CHECK(p.records[0].by == "importer");
    CHECK(p.records[0].source == "import");
    CHECK(p.records[0].set == KeyValues{{"stage", "call-in"}, {"grade", "C"}});
    CHECK(p.records[1].id == "C000002");
    CHECK(p.records[1].at == t("2026-04-01 09:00"));  // no created: the default time
    // Owners split on ";", "、" and ",", trimmed, empty parts dropped.
    CHECK(p.records[0].owners == std::vector<std::string>{"王", "李"});
    CHECK(p.records[1].owners == std::vector<std::string>{"王", "赵"});
    CHECK(p.records[2].owners == std::vector<std::string>{"王", "孙"});
    CHECK(p.records[3].owners == std::vector<std::string>{"王", "李"});
    CHECK(p.records[2].at == t("2026-03-02 00:00"));
}

TEST_CASE("customer import: every problem, with its line, and nothing is partial") {
    CustomerBook book = sample_book();
    const ImportPlan p = plan(
        "name,phone,owners,stage,created\n"
        "王五,13700137000,王;李,visitor,\n"
        ",12345,王,visitor,\n"
        "\"多行\n名字\",13600136000,王;李,visitor,\n"
        "孙七,137-0013-7000,王;李,visitor,yesterday\n"
        "周八,13800138000,王;李,lead,\n",
        {}, book);
    CHECK(diagnostic_texts(p.problems) ==
          std::vector<std::string>{
              "in.csv:3: a customer needs a name (--name)",
              "in.csv:3: \"12345\" is not a phone number: expected a mobile (11 digits, 1[3-9]...) "
              "or a landline with area code (010-12345678)",
              "in.csv:3: a customer needs at least 2 different owners (--owner), got 1 [第八条]",
              "in.csv:4: name must be a single line",
              // a phone an earlier row of the same file takes
              "in.csv:6:30: created \"yesterday\" is not a date or \"YYYY-MM-DD HH:MM\"",
              "in.csv:6: phone 13700137000 already belongs to customer C000003 (王五); use "
              "--allow-duplicate if this is really another customer",
              // a phone the book already has
              "in.csv:7: phone 13800138000 already belongs to customer C000001 (张三); use "
              "--allow-duplicate if this is really another customer",
              "in.csv:7: \"lead\" is not an allowed value of \"stage\"; allowed: call-in, visitor, "
              "closed"});
}

TEST_CASE("customer import: columns are fields, or mapped to them with --map") {
    const ImportPlan mapped =
        plan("姓名,手机,负责人,stage,grade\n张三,13800138000,王/李,call-in,A\n",
             {{"姓名", "name"}, {"手机", "phone"}, {"负责人", "owners"}});
    CHECK(diagnostic_texts(mapped.problems) ==
          std::vector<std::string>{
              "in.csv:2: a customer needs at least 2 different owners (--owner), got 1 [第八条]"});
    const ImportPlan ok = plan("姓名,手机,负责人,stage,grade\n张三,13800138000,王、李,call-in,A\n",
                               {{"姓名", "name"}, {"手机", "phone"}, {"负责人", "owners"}});
    CHECK(ok.problems.empty());
    REQUIRE(ok.records.size() == 1);
    CHECK(ok.records[0].name == "张三");
    CHECK(ok.records[0].set == KeyValues{{"stage", "call-in"}, {"grade", "A"}});

    const ImportPlan bad =
        plan("姓名,phone,grede,备注\n张三,13800138000,A,x\n", {{"手机", "phone"}});
    CHECK(bad.records.empty());
    CHECK(
        diagnostic_texts(bad.problems) ==
        std::vector<std::string>{
            "in.csv:1: --map names column \"手机\", which the file does not have",
            "in.csv:1:1: column \"姓名\" is not a customer field; fields: id, name, phone, owners, "
            "created, stage, grade, key (map a column with --map COLUMN=FIELD)",
            "in.csv:1:10: column \"grede\" is not a customer field (did you mean \"grade\"?); "
            "fields: id, "
            "name, phone, owners, created, stage, grade, key (map a column with --map "
            "COLUMN=FIELD)",
            "in.csv:1:16: column \"备注\" is not a customer field; fields: id, name, phone, "
            "owners, "
            "created, stage, grade, key (map a column with --map COLUMN=FIELD)",
            "in.csv:1: no column gives \"name\""});
}
