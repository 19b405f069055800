#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <unordered_map>

#include "complaint/complaint.h"
#include "model/contact.h"
#include "model/contact_edit.h"
#include "model/customer_edit.h"
#include "report/history.h"
#include "store/complaint_store.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "temp_files.h"

using namespace revisit;
using revisit::test::slurp;
using revisit::test::spit;
using revisit::test::TempDir;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

DataDir new_dir(const TempDir& tmp, const std::string& name = "data") {
    std::vector<std::pair<std::string, std::string>> files = journal_headers();
    files.emplace_back("rules.yaml", "# not read by these tests\n");
    files.emplace_back(kCustomersFile, csv_line(customer_columns()));
    return DataDir::create(tmp / name, files);
}

DateTime t0() { return DateTime::parse("2025-01-01 09:00").value(); }

CustomerRecord add(const std::string& id, const std::string& phone, long minute,
                   const std::string& name = "") {
    CustomerRecord r;
    r.at = t0().add_minutes(minute);
    r.op = "add";
    r.id = id;
    r.name = name.empty() ? "客户" + id : name;
    r.phone = phone;
    r.owners = {"张三"};
    r.set = {{"stage", "call-in"}};
    r.by = "tester";
    r.source = "test";
    return r;
}

CustomerRecord update(const std::string& id, long minute, KeyValues set,
                      const std::string& phone = "", const std::string& name = "") {
    CustomerRecord r;
    r.at = t0().add_minutes(minute);
    r.op = "update";
    r.id = id;
    r.name = name;
    r.phone = phone;
    r.set = std::move(set);
    r.by = "tester";
    r.source = "test";
    return r;
}

ContactRecord contact(const std::string& id, const std::string& customer, long minute,
                      KeyValues set = {}, const std::string& amends = "") {
    ContactRecord c;
    c.id = id;
    c.at = t0().add_minutes(minute);
    c.customer = customer;
    c.channel = "phone";
    c.outcome = "reached";
    c.staff = "张三";
    c.note = "说：\"好的\"\n再联系";
    c.set = std::move(set);
    c.amends = amends;
    c.logged_at = c.at.add_minutes(5);
    return c;
}

void same_customer(const Customer* expected, const Customer* got, const std::string& what) {
    CAPTURE(what);
    REQUIRE((expected == nullptr) == (got == nullptr));
    if (!expected) return;
    CHECK(got->id == expected->id);
    CHECK(got->name == expected->name);
    CHECK(got->phone == expected->phone);
    CHECK(got->owners == expected->owners);
    CHECK(got->attributes == expected->attributes);
    CHECK(got->created == expected->created);
    REQUIRE(got->changes.size() == expected->changes.size());
    for (size_t i = 0; i < got->changes.size(); ++i) {
        CHECK(got->changes[i].at == expected->changes[i].at);
        CHECK(got->changes[i].key == expected->changes[i].key);
        CHECK(got->changes[i].value == expected->changes[i].value);
    }
}

// Every id and phone looked up through the index answers as the whole book does.
void check_lookups(const DataDir& dir, const std::vector<std::string>& ids,
                   const std::vector<std::string>& phones, const IndexOptions& options) {
    const CustomerBook full = load_customers(dir);
    for (const auto& id : ids) {
        const CustomerBook book = lookup_customers(dir, {{id}, {}}, options);
        same_customer(full.find(id), book.find(id), id);
        CHECK(book.next_id() == full.next_id());
        CHECK(book.size() <= 1);
    }
    for (const auto& phone : phones) {
        const CustomerBook book = lookup_customers(dir, {{}, {phone}}, options);
        const Customer* expected = full.find_by_phone(phone);
        const Customer* got = book.find_by_phone(phone);
        CAPTURE(phone);
        REQUIRE((expected == nullptr) == (got == nullptr));
        if (expected) CHECK(got->id == expected->id);
    }
}

// A journal of `n` customers sharing phones from a small pool, with updates changing
// names, phones and attributes.
struct Generated {
    std::vector<std::string> ids, phones;
    std::map<std::string, long> added;  // minute each id was added
};
Generated generate_customers(const DataDir& dir, int n, std::mt19937& rng, long& minute) {
    Generated g;
    for (int i = 0; i < n / 2; ++i) g.phones.push_back(std::to_string(13800000000LL + i * 7919));
    std::vector<CustomerRecord> batch;
    for (int i = 0; i < n; ++i) {
        const std::string id =
            i % 17 == 5 ? "VIP-" + std::to_string(i) : fmt::format("C{:06}", i + 1);
        g.ids.push_back(id);
        batch.push_back(add(id, g.phones[rng() % g.phones.size()], minute += 3));
        g.added[id] = minute;
        if (rng() % 3 == 0) {
            const std::string& who = g.ids[rng() % g.ids.size()];
            const int kind = static_cast<int>(rng() % 3);
            batch.push_back(update(who, minute += 2,
                                   kind == 0 ? KeyValues{{"stage", "visitor"}} : KeyValues{},
                                   kind == 1 ? g.phones[rng() % g.phones.size()] : "",
                                   kind == 2 ? "改名" + std::to_string(i) : ""));
        }
        if (batch.size() >= 40) {
            append_customer_records(dir, batch);
            batch.clear();
        }
    }
    append_customer_records(dir, batch);
    return g;
}

std::string index_file(const DataDir& dir, const char* name = "customers.idx") {
    return dir.file(std::string(".cache/") + name);
}

// Two different strings starting with `prefix` whose index hashes are equal.
std::pair<std::string, std::string> colliding(const std::string& prefix) {
    std::unordered_map<uint32_t, std::string> seen;
    for (long n = 0;; ++n) {
        std::string s = prefix + std::to_string(n);
        auto [it, fresh] = seen.emplace(index_key_hash(s), s);
        if (!fresh) return {it->second, s};
    }
}

// Who has `phone` in `book` ("" for nobody).
std::string owner(const CustomerBook& book, const std::string& phone) {
    const Customer* c = book.find_by_phone(phone);
    return c ? c->id : "";
}

const IndexOptions kAlways{0};          // every lookup extends the index to the end
const IndexOptions kNever{1ULL << 40};  // never writes an index file

}  // namespace

TEST_CASE("index: lookups by id and by phone answer as the whole book does") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::mt19937 rng(7);
    long minute = 0;
    const Generated g = generate_customers(dir, 300, rng, minute);
    std::vector<std::string> ids = g.ids;
    ids.insert(ids.end(), {"C999999", "nobody", "c000001"});
    check_lookups(dir, ids, g.phones, kAlways);
    CHECK(fs::exists(index_file(dir)));
    CHECK(mode_of(dir.file(".cache")) == 0700);
    CHECK(mode_of(index_file(dir)) == 0600);
    // The same answers from the file alone (nothing left to scan) and from no file at all.
    check_lookups(dir, ids, g.phones, kNever);
    fs::remove_all(dir.file(".cache"));
    check_lookups(dir, ids, g.phones, kNever);
    CHECK_FALSE(fs::exists(dir.file(".cache")));
}

TEST_CASE(
    "index: several ids and phones at once, folded in journal order, next_id of the whole "
    "journal") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    append_customer_records(dir,
                            {add("C000001", "13800138000", 0), add("C000002", "13900139000", 1),
                             add("X", "13700137000", 2), add("C000007", "13600136000", 3)});
    append_customer_records(
        dir, {update("C000001", 10, {}, "13700137000"), update("X", 11, {}, "13500135000"),
              update("C000002", 12, {{"stage", "visitor"}})});
    lookup_customers(dir, {}, kAlways);  // writes the index
    append_customer_records(
        dir, {add("C000009", "13400134000", 20), update("X", 21, {}, "13700137000")});
    const CustomerBook book =
        lookup_customers(dir, {{"C000002", "nobody"}, {"13700137000"}}, kNever);
    // 13700137000: X had it first, lost it to C000001, then took it back; C000001 keeps it.
    const CustomerBook full = load_customers(dir);
    CHECK(book.size() == 3);
    for (const char* id : {"C000001", "C000002", "X"})
        same_customer(full.find(id), book.find(id), id);
    CHECK(owner(book, "13700137000") == owner(full, "13700137000"));
    CHECK(owner(book, "13700137000") == "C000001");
    CHECK(book.next_id() == "C000010");
    CHECK(book.all()[0].id == "C000001");  // in the order they were added
    CHECK(book.all()[2].id == "X");
}

TEST_CASE(
    "index: records beyond what the index covers are scanned, and the index extended past the "
    "limit") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::mt19937 rng(11);
    long minute = 0;
    Generated g = generate_customers(dir, 100, rng, minute);
    lookup_customers(dir, {{"C000001"}, {}}, kAlways);
    const std::string first = slurp(index_file(dir));
    REQUIRE(!first.empty());
    // More customers and changes to earlier ones, all beyond the index.
    append_customer_records(dir,
                            {add("C000500", "18800188000", minute += 1),
                             update("C000002", minute += 1, {{"stage", "visitor"}}, "18800188001"),
                             update("C000500", minute += 1, {}, "", "后来改名")});
    std::vector<std::string> ids = g.ids;
    ids.push_back("C000500");
    std::vector<std::string> phones = g.phones;
    phones.insert(phones.end(), {"18800188000", "18800188001"});
    check_lookups(dir, ids, phones, kNever);
    CHECK(slurp(index_file(dir)) == first);  // a tail within the limit is only read
    check_lookups(dir, ids, phones, IndexOptions{100});
    const std::string extended = slurp(index_file(dir));
    CHECK(extended != first);  // beyond it, the index is written anew to cover the tail
    check_lookups(dir, ids, phones, kNever);
    // Extending gives the same file as building from scratch.
    fs::remove(index_file(dir));
    lookup_customers(dir, {}, kAlways);
    CHECK(slurp(index_file(dir)) == extended);
}

TEST_CASE("index: a small journal gets no index file") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    append_customer_records(dir, {add("C000001", "13800138000", 0)});
    CHECK(lookup_customers(dir, {{"C000001"}, {}}).find("C000001") != nullptr);
    CHECK_FALSE(fs::exists(dir.file(".cache")));
}

TEST_CASE(
    "index: a damaged, truncated, foreign or other-version index file is ignored and rebuilt") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::mt19937 rng(3);
    long minute = 0;
    const Generated g = generate_customers(dir, 200, rng, minute);
    lookup_customers(dir, {}, kAlways);
    const std::string good = slurp(index_file(dir));
    REQUIRE(good.size() > 200);

    const DataDir other = new_dir(tmp, "other");
    append_customer_records(other,
                            {add("C000001", "13800138000", 0), add("C000002", "13900139000", 0)});
    lookup_customers(other, {}, kAlways);
    const std::string foreign = slurp(index_file(other));

    auto flip = [&](size_t at) {
        std::string s = good;
        s[at] = static_cast<char>(s[at] ^ 0x40);
        return s;
    };
    const std::vector<std::pair<const char*, std::string>> cases{
        {"empty", ""},
        {"truncated", good.substr(0, good.size() / 2)},
        {"one entry short", good.substr(0, good.size() - 16)},
        {"longer", good + "x"},
        {"garbage", std::string(good.size(), 'x')},
        {"magic", flip(0)},
        {"version", flip(8)},
        {"covered length", flip(17)},
        {"section table", flip(100)},
        {"first entry", flip(good.size() - 16 * 300)},
        {"last entry's offset", flip(good.size() - 3)},
        {"another directory's index", foreign},
    };
    for (const auto& [what, content] : cases) {
        CAPTURE(what);
        spit(index_file(dir), content);
        check_lookups(dir, g.ids, g.phones, kAlways);
        CHECK(slurp(index_file(dir)) == good);  // rebuilt, the same as before
    }
}

TEST_CASE("index: a journal edited behind the index's back is detected") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::vector<CustomerRecord> records;
    for (int i = 1; i <= 400; ++i)
        records.push_back(add(fmt::format("C{:06}", i), std::to_string(13800000000LL + i), i));
    append_customer_records(dir, records);
    const std::string journal = slurp(dir.file(kCustomersFile));
    REQUIRE(journal.size() > 20000);
    lookup_customers(dir, {}, kAlways);
    const std::string good = slurp(index_file(dir));

    auto edited = [&](const std::string& from, const std::string& to) {
        std::string s = journal;
        const auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        REQUIRE(from.size() == to.size());
        return s.replace(at, from.size(), to);
    };
    SUBCASE("a phone changed near the end: the fingerprint differs") {
        spit(dir.file(kCustomersFile), edited("13800000399", "13800009999"));
        CHECK(owner(lookup_customers(dir, {{}, {"13800009999"}}, kNever), "13800009999") ==
              "C000399");
        CHECK(owner(lookup_customers(dir, {{}, {"13800000399"}}, kNever), "13800000399").empty());
    }
    SUBCASE("an id changed at the start") {
        spit(dir.file(kCustomersFile), edited("C000002", "C000902"));
        CHECK(lookup_customers(dir, {{"C000902"}, {}}, kNever).find("C000902") != nullptr);
        CHECK(lookup_customers(dir, {{"C000002"}, {}}, kNever).find("C000002") == nullptr);
    }
    SUBCASE("a phone changed in the middle, same length: the record read back does not match") {
        spit(dir.file(kCustomersFile), edited("13800000200", "13800000999"));
        CHECK(owner(lookup_customers(dir, {{}, {"13800000200"}}, kAlways), "13800000200").empty());
        CHECK(owner(lookup_customers(dir, {{}, {"13800000999"}}, kNever), "13800000999") ==
              "C000200");
        CHECK(slurp(index_file(dir)) != good);  // rebuilt
    }
    SUBCASE("records removed: the journal is shorter than the index covers") {
        spit(dir.file(kCustomersFile),
             journal.substr(0, journal.rfind('\n', journal.find("C000300")) + 1));
        CHECK(lookup_customers(dir, {{"C000350"}, {}}, kNever).find("C000350") == nullptr);
        CHECK(lookup_customers(dir, {{"C000299"}, {}}, kNever).find("C000299") != nullptr);
        CHECK(lookup_customers(dir, {{"C000001"}, {}}, kNever).next_id() == "C000300");
    }
    SUBCASE("records inserted at the start: every offset moved") {
        const size_t header_end = journal.find('\n') + 1;
        std::string s = journal;
        s.insert(header_end, csv_line(customer_record_fields(add("A1", "13100131000", 0))));
        spit(dir.file(kCustomersFile), s);
        CHECK(lookup_customers(dir, {{"C000100"}, {}}, kNever).find("C000100") != nullptr);
        CHECK(lookup_customers(dir, {{"A1"}, {}}, kNever).find("A1") != nullptr);
    }
}

TEST_CASE("index: ids and phones whose hashes collide are told apart by the records") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    const auto [id1, id2] = colliding("C");
    const auto [phone1, phone2] = colliding("1390");
    REQUIRE(index_key_hash(id1) == index_key_hash(id2));
    REQUIRE(index_key_hash(phone1) == index_key_hash(phone2));
    append_customer_records(dir, {add(id1, phone1, 0), add("B", "13800138000", 1),
                                  add(id2, phone2, 2), update(id1, 3, {{"stage", "visitor"}})});
    lookup_customers(dir, {}, kAlways);
    for (const auto& options : {kNever, kAlways}) {
        const CustomerBook one = lookup_customers(dir, {{id1}, {}}, options);
        REQUIRE(one.size() == 1);
        CHECK(one.find(id1)->phone == phone1);
        CHECK(*one.find(id1)->attribute("stage") == "visitor");
        CHECK(one.find(id2) == nullptr);
        const CustomerBook two = lookup_customers(dir, {{}, {phone2}}, options);
        REQUIRE(two.size() == 1);
        CHECK(owner(two, phone2) == id2);
        CHECK(two.find_by_phone(phone1) == nullptr);
    }
}

TEST_CASE("index: without a writable .cache every lookup still answers") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::mt19937 rng(5);
    long minute = 0;
    const Generated g = generate_customers(dir, 60, rng, minute);
    SUBCASE(".cache is a file") {
        spit(dir.file(".cache"), "not a directory");
        check_lookups(dir, g.ids, g.phones, kAlways);
        CHECK(slurp(dir.file(".cache")) == "not a directory");
    }
    SUBCASE("the index is a directory") {
        fs::create_directories(index_file(dir));
        check_lookups(dir, g.ids, g.phones, kAlways);
        CHECK(fs::is_directory(index_file(dir)));
    }
}

TEST_CASE("index: a last record without its line end is read but left out of the index") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    append_customer_records(dir,
                            {add("C000001", "13800138000", 0), add("C000002", "13900139000", 1)});
    std::string text = slurp(dir.file(kCustomersFile));
    text += csv_line(customer_record_fields(add("C000003", "13700137000", 2)));
    text.pop_back();
    spit(dir.file(kCustomersFile), text);
    CHECK(lookup_customers(dir, {{"C000003"}, {}}, kAlways).find("C000003") != nullptr);
    CHECK(lookup_customers(dir, {{"C000001"}, {}}, kNever).next_id() == "C000004");
    CHECK(!owner(lookup_customers(dir, {{}, {"13700137000"}}, kNever), "13700137000").empty());
}

TEST_CASE("index: a malformed record is reported at its line, as load_customers does") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::mt19937 rng(9);
    long minute = 0;
    generate_customers(dir, 50, rng, minute);
    lookup_customers(dir, {}, kAlways);
    std::string text = slurp(dir.file(kCustomersFile));
    text += "2025-13-01 10:00,update,C000003,,,,,tester,test\n";
    spit(dir.file(kCustomersFile), text);
    std::string message;
    try {
        lookup_customers(dir, {{"C000003"}, {}}, kNever);
    } catch (const Error& e) {
        message = e.what();
    }
    CHECK(message.find("customers.csv:") != std::string::npos);
    CHECK(message.find("bad time \"2025-13-01 10:00\"") != std::string::npos);
    // Other customers are not read, so they can still be written.
    CHECK(lookup_customers(dir, {{"C000004"}, {}}, kNever).find("C000004") != nullptr);
}

TEST_CASE("index: a lookup reads only the records of the customers asked for") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::vector<CustomerRecord> records;
    for (int i = 1; i <= 400; ++i)
        records.push_back(add(fmt::format("C{:06}", i), std::to_string(13800000000LL + i), i));
    append_customer_records(dir, records);
    lookup_customers(dir, {}, kAlways);
    // Damage a record in the middle, where the fingerprint does not look: a whole read fails.
    std::string text = slurp(dir.file(kCustomersFile));
    const auto at = text.find(",C000200,");
    text[at + 1] = '"';
    spit(dir.file(kCustomersFile), text);
    CHECK_THROWS_AS(load_customers(dir), Error);
    const CustomerBook book =
        lookup_customers(dir, {{"C000100", "C000300"}, {"13800000001"}}, kNever);
    CHECK(book.size() == 3);
    CHECK(book.next_id() == "C000401");
    // Asked for, the damaged record is read, found wrong and the index rebuilt: the journal's
    // error.
    CHECK_THROWS_AS(lookup_customers(dir, {{}, {"13800000200"}}, kNever), Error);
}

TEST_CASE("index: an unknown id brings the customers its did-you-mean hint names") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    append_customer_records(
        dir, {add("C000001", "13800138000", 0, "王小明"), add("C000002", "13900139000", 1, "李静"),
              add("C000003", "13700137000", 2, "张伟")});
    append_customer_records(dir, {update("C000003", 3, {}, "", "王小明")});
    const CustomerBook full = load_customers(dir);
    for (const std::string typed : {"C00001", "王小明", "0013900", "c000002", "nothing-like-it"}) {
        CAPTURE(typed);
        const CustomerBook book = lookup_customers(dir, {{typed}, {}, true}, kAlways);
        CHECK(unknown_customer_message(book, typed) == unknown_customer_message(full, typed));
    }
}

// A timeline in one string: each entry's time, kind, by, changes, contact and what amends it.
std::string timeline_text(const std::vector<TimelineEntry>& entries) {
    std::string out;
    for (const auto& e : entries) {
        out += fmt::format("{} {} {} {} {}", e.at.str(), timeline_kind_name(e.kind), e.by, e.source,
                           format_key_values(e.changes));
        if (e.contact)
            out += fmt::format(" {} {} {}", e.contact->id, e.contact->amends, e.superseded_by);
        out += "\n";
    }
    return out;
}

TEST_CASE(
    "index: one customer's state as load_customer_state folds it, contacts and complaints "
    "included") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    std::mt19937 rng(17);
    long minute = 0;
    const Generated g = generate_customers(dir, 120, rng, minute);
    // Contacts, some changing attributes, some amending earlier ones; the times interleave
    // with customers.csv, so the fold must go by time.
    const std::vector<std::string> stages{"call-in", "visitor", "closed"};
    std::vector<std::pair<ContactRecord, long>> written;
    int number = 0;
    auto log = [&](int count) {
        std::string lines;
        for (int i = 0; i < count; ++i) {
            const std::string id = fmt::format("K{:06}", ++number);
            ContactRecord c;
            long at = 0;
            if (!written.empty() && rng() % 6 == 0) {
                const auto& [old, old_at] = written[rng() % written.size()];
                at = old_at + 1;
                c = contact(id, old.customer, at, KeyValues{{"stage", stages[rng() % 3]}}, old.id);
            } else {
                const std::string& who = g.ids[rng() % 40];  // few customers, many contacts each
                at = g.added.at(who) + static_cast<long>(rng() % 2000);
                c = contact(id, who, at,
                            rng() % 3 == 0 ? KeyValues{{"stage", stages[rng() % 3]}} : KeyValues{});
            }
            lines += csv_line(contact_record_fields(c));
            written.emplace_back(c, at);
        }
        dir.append(kContactsFile, csv_line(contact_columns()), lines);
    };
    log(600);
    // A record of another customer amending one of g.ids[0]'s (a journal edited by hand).
    for (const auto& [c, at] : written)
        if (c.customer == g.ids[0]) {
            ContactRecord foreign = contact(fmt::format("K{:06}", ++number), g.ids[60], at + 1,
                                            KeyValues{{"stage", "closed"}}, c.id);
            dir.append(kContactsFile, csv_line(contact_columns()),
                       csv_line(contact_record_fields(foreign)));
            written.emplace_back(foreign, at + 1);
            break;
        }
    for (int i = 0; i < 30; ++i) {
        ComplaintEvent e;
        e.kind = ComplaintEventKind::Open;
        e.complaint = fmt::format("P{:06}", i + 1);
        e.id = e.complaint + "-1";
        e.customer = g.ids[rng() % 40];
        e.at = t0().add_minutes(g.added.at(e.customer) + static_cast<long>(rng() % 2000));
        e.category = "service";
        e.source = "direct";
        e.severity = "normal";
        e.staff = "张三";
        e.deadline = Deadline{e.at.add_minutes(3 * 1440), false};
        e.set = {{"key", "yes"}};
        e.logged_at = e.at;
        append_complaint_event(dir, e);
    }
    lookup_customer_state(dir, g.ids[0], {}, kAlways);  // writes both indexes
    CHECK(fs::exists(index_file(dir, "contacts.idx")));
    log(80);  // a tail beyond contacts.idx
    append_customer_records(dir, {update(g.ids[1], minute += 1, {{"stage", "closed"}})});

    const std::vector<ComplaintEvent> events = load_complaint_events(dir);
    const CustomerState full = load_customer_state(dir);
    const auto all_records =
        parse_customer_records(dir.read(kCustomersFile), dir.file(kCustomersFile));
    const auto all_contacts = parse_contacts(dir.read(kContactsFile), dir.file(kContactsFile));
    for (const auto& options : {kNever, kAlways}) {
        for (size_t i = 0; i < 70; ++i) {
            const std::string& id = g.ids[i];
            const CustomerJournal one = lookup_customer_journal(dir, id, events, options);
            REQUIRE(one.found);
            same_customer(full.book.find(id), one.book.find(id), id);
            CHECK(lookup_customer_state(dir, id, events, options).find(id)->attributes ==
                  one.book.find(id)->attributes);
            // `history` from the customer's records alone, as from the whole journals.
            CHECK(timeline_text(customer_timeline(one.records, one.contacts, id)) ==
                  timeline_text(customer_timeline(all_records, all_contacts, id)));
        }
    }
    const auto with_foreign = customer_timeline(all_records, all_contacts, g.ids[0]);
    CHECK(std::count_if(with_foreign.begin(), with_foreign.end(),
                        [](const TimelineEntry& e) { return !e.superseded_by.empty(); }) > 0);
    // An unknown customer: the book holds what the did-you-mean hint names.
    const CustomerBook none = lookup_customer_state(dir, "C00001", events, kNever);
    CHECK(none.find("C00001") == nullptr);
    CHECK(unknown_customer_message(none, "C00001") ==
          unknown_customer_message(full.book, "C00001"));
}

TEST_CASE("index: log-call --amend finds the record and what amends it as a full scan does") {
    TempDir tmp;
    const DataDir dir = new_dir(tmp);
    append_customer_records(dir,
                            {add("C000001", "13800138000", 0), add("C000002", "13900139000", 0)});
    std::mt19937 rng(23);
    int number = 0;
    auto log = [&](int count) {
        std::string lines;
        for (int i = 0; i < count; ++i) {
            const std::string id = fmt::format("K{:06}", ++number);
            const std::string amends =
                number > 5 && rng() % 5 == 0 ? fmt::format("K{:06}", rng() % (number - 1) + 1) : "";
            lines += csv_line(contact_record_fields(
                contact(id, rng() % 2 ? "C000001" : "C000002", number, {}, amends)));
        }
        dir.append(kContactsFile, csv_line(contact_columns()), lines);
    };
    log(1000);  // several checkpoints (one every 256 records)
    lookup_amend_target(dir, "K000001", kAlways);
    CHECK(fs::exists(index_file(dir, "contacts.idx")));
    log(100);
    auto check_all = [&](const IndexOptions& options) {
        const std::vector<ContactRecord> journal =
            parse_contacts(slurp(dir.file(kContactsFile)), dir.file(kContactsFile));
        std::vector<std::string> ids{"K000000", "K0", "K1", "K999999", "X1", "K0000010"};
        for (int n = 1; n <= number; n += (n < 10 || n > number - 10) ? 1 : 41)
            ids.push_back(fmt::format("K{:06}", n));
        for (const auto& id : ids) {
            CAPTURE(id);
            const AmendTarget expected = find_amend_target(journal, id);
            const AmendTarget got = lookup_amend_target(dir, id, options);
            CHECK(got.id == expected.id);
            REQUIRE(got.original.has_value() == expected.original.has_value());
            if (expected.original) {
                CHECK(got.original->id == expected.original->id);
                CHECK(got.original->at == expected.original->at);
                CHECK(got.original->note == expected.original->note);
            }
            CHECK(got.amended_by == expected.amended_by);
        }
    };
    check_all(kNever);
    check_all(kAlways);
    SUBCASE("ids that do not increase: a full scan") {
        append_contact(dir, contact("K000007", "C000001", 5000, {}, "K000003"));
        ++number;
        check_all(kNever);
        check_all(kAlways);
    }
}
