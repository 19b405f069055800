// lib/store/schedule_cache: scan_schedule must visit exactly what load_schedule_state (the
// whole journals folded) gives, whether the cache is missing, current, behind the journals,
// stale, damaged or saved under other rules.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "complaint/complaint.h"
#include "csv/csv.h"
#include "model/contact.h"
#include "model/customer_csv.h"
#include "store/complaint_store.h"
#include "store/data_dir.h"
#include "store/schedule_cache/scan.h"
#include "store/store.h"
#include "temp_files.h"
#include "util/error.h"

using namespace revisit;
using revisit::test::slurp;
using revisit::test::spit;
using revisit::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string rules_text() {
    return slurp(std::string(REVISIT_SOURCE_DIR) + "/rules/sales-center.yaml");
}

DateTime t(const char* text) { return DateTime::parse(text).value(); }

int phone_seq = 0;
int contact_seq = 0;

// A data directory for rules/sales-center.yaml with empty journals.
DataDir make_data(const std::string& path) {
    std::vector<std::pair<std::string, std::string>> files{
        {"rules.yaml", rules_text()},
        {kCustomersFile, csv_line(customer_columns())},
    };
    for (const auto& f : journal_headers()) files.push_back(f);
    contact_seq = 0;
    return DataDir::create(path, files);
}

void add(const DataDir& dir, const std::string& id, const char* at, KeyValues set = {}) {
    CustomerRecord r;
    r.at = t(at);
    r.op = "add";
    r.id = id;
    r.name = "客户" + id;
    r.phone = std::to_string(13900000000LL + ++phone_seq);
    r.owners = {"张三", "李四"};
    r.set = std::move(set);
    r.by = "test";
    r.source = "add-customer";
    const DirLock lock = dir.lock_exclusive();
    append_customer_records(dir, {r});
}

void update(const DataDir& dir, const std::string& id, const char* at, KeyValues set,
            const std::string& name = "", std::vector<std::string> owners = {}) {
    CustomerRecord r;
    r.at = t(at);
    r.op = "update";
    r.id = id;
    r.name = name;
    r.owners = std::move(owners);
    r.set = std::move(set);
    r.by = "test";
    r.source = "update-customer";
    const DirLock lock = dir.lock_exclusive();
    append_customer_records(dir, {r});
}

struct Contact {
    std::string customer;
    const char* at;
    std::string channel = "phone", outcome = "reached";
    KeyValues set = {};
    std::string amends = "";
    std::string promise = "", promise_note = "";
};

// Appends a contact with the next K id; returns the id.
std::string contact(const DataDir& dir, const Contact& c) {
    ContactRecord r;
    r.id = fmt::format("K{:06}", ++contact_seq);
    r.at = t(c.at);
    r.customer = c.customer;
    r.channel = c.channel;
    r.outcome = c.outcome;
    r.staff = "张三";
    r.note = "note " + r.id;
    r.promise = c.promise;
    r.promise_note = c.promise_note;
    r.set = c.set;
    r.amends = c.amends;
    r.logged_at = t("2027-12-31 00:00");
    const DirLock lock = dir.lock_exclusive();
    append_contact(dir, r);
    return r.id;
}

std::string render(const Customer& c, const CustomerHistory& h) {
    std::string out =
        fmt::format("{}|{}|{}|created {}|owners", c.id, c.name, c.phone, c.created.str());
    for (const auto& o : c.owners) out += " " + o;
    out += "|attributes";
    for (const auto& [k, v] : c.attributes) out += fmt::format(" {}={}", k, v);
    out += "|changes";
    for (const auto& ch : c.changes) out += fmt::format(" {}:{}={}", ch.at.str(), ch.key, ch.value);
    out += "|contacts";
    for (const auto& f : h.contacts)
        out += fmt::format(" {}/{}/{}/{}", f.at.str(), f.channel, f.outcome, f.record);
    out += "|promises";
    for (const auto& p : h.promises)
        out += fmt::format(" {}/{}/{}/{}/{}", p.made_at.str(), p.due.str(), p.note, p.contact_id,
                           p.callback);
    return out + "\n";
}

// The reference: every journal folded whole.
std::string reference(const DataDir& dir) {
    const Policy policy = load_policy(dir);
    const ScheduleState state = load_schedule_state(dir, policy);
    std::string out;
    for (size_t i = 0; i < state.book.size(); ++i)
        out += render(state.book.all()[i], state.histories[i]);
    return out;
}

struct Scanned {
    ScheduleScan scan;
    std::string text;
};

// The lines of `text`, sorted: what several workers visit comes in no set order.
std::string sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& l : lines) out += l;
    return out;
}

// Scans `dir`; with several workers, `text` holds their visits' lines sorted.
Scanned scan(const DataDir& dir, const ScanOptions& options = {}) {
    const Policy policy = load_policy(dir);
    Scanned s;
    std::vector<std::string> texts(options.workers);
    const DirLock lock = dir.lock_shared();
    s.scan = scan_schedule(
        dir, policy, load_complaint_changes(dir),
        [&](const Customer& c, const CustomerHistory& h, unsigned worker) {
            REQUIRE(worker < texts.size());
            texts[worker] += render(c, h);
        },
        options);
    for (const auto& t : texts) s.text += t;
    if (options.workers > 1) s.text = sorted_lines(s.text);
    return s;
}

// Scans and checks the result against the reference; returns the scan.
ScheduleScan check_scan(const DataDir& dir) {
    const std::string expected = reference(dir);
    const Scanned s = scan(dir);
    CHECK(s.text == expected);
    CHECK(s.scan.customers ==
          static_cast<size_t>(std::count(expected.begin(), expected.end(), '\n')));
    CHECK(s.scan.save_error == "");
    return s.scan;
}

template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

std::string cache_path(const DataDir& dir) { return dir.file(kScheduleCacheFile); }

// A history with the usual kinds of records, scanned once so that it is cached.
void seed(const DataDir& dir) {
    add(dir, "C1", "2026-11-20 09:00", {{"stage", "call-in"}, {"quality", "yes"}});
    add(dir, "C2", "2026-11-20 10:00", {{"stage", "visitor"}, {"grade", "A"}, {"key", "yes"}});
    add(dir, "C3", "2026-11-02 10:00", {{"stage", "visitor"}, {"grade", "C"}});
    contact(dir, {"C1", "2026-11-20 10:00", "phone", "no-answer"});
    contact(dir, {"C1", "2026-11-20 15:00"});
    contact(dir, {.customer = "C2",
                  .at = "2026-11-20 16:00",
                  .channel = "visit",
                  .promise = "2026-11-25",
                  .promise_note = "报价"});
    contact(dir, {.customer = "C3",
                  .at = "2026-11-09 10:00",
                  .set = {{"grade", "B"}},
                  .promise = "2026-11-24 15:00"});  // a callback: its minute is saved too
    update(dir, "C3", "2026-11-10 10:00", {{"objection", "yes"}});
}

}  // namespace

TEST_CASE("schedule cache: built on the first scan, then read without a tail") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    seed(dir);
    ScheduleScan s = check_scan(dir);
    CHECK(s.rebuilt);
    CHECK(s.saved);
    CHECK(fs::exists(cache_path(dir)));
    s = check_scan(dir);
    CHECK_FALSE(s.rebuilt);
    CHECK_FALSE(s.saved);
    CHECK(s.tail_records == 0);
    CHECK(s.customers == 3);
}

TEST_CASE("schedule cache: an empty data directory") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    ScheduleScan s = check_scan(dir);
    CHECK(s.rebuilt);
    CHECK(s.customers == 0);
    s = check_scan(dir);
    CHECK_FALSE(s.rebuilt);
    add(dir, "C1", "2026-11-20 09:00", {{"stage", "call-in"}});
    contact(dir, {"C1", "2026-11-20 10:00"});
    s = check_scan(dir);
    CHECK_FALSE(s.rebuilt);
    CHECK(s.tail_records == 2);
}

TEST_CASE("schedule cache: tails of adds, updates, contacts, amendments and attribute changes") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    seed(dir);
    check_scan(dir);

    SUBCASE("adds and updates of cached and new customers") {
        add(dir, "C4", "2026-11-21 09:00", {{"stage", "call-in"}});
        update(dir, "C1", "2026-11-22 09:00", {{"stage", "visitor"}, {"grade", "B"}}, "新名字");
        update(dir, "C2", "2026-11-22 09:00", {{"key", ""}}, "", {"王五"});
        update(dir, "C4", "2026-11-22 10:00", {{"quality", "yes"}});
        update(dir, "C3", "2026-11-01 10:00", {{"grade", "D"}});  // older than what is cached
        const ScheduleScan s = check_scan(dir);
        CHECK_FALSE(s.rebuilt);
        CHECK_FALSE(s.saved);
        CHECK(s.tail_records == 5);
        CHECK(check_scan(dir).tail_records == 5);  // the cache is not refreshed for a small tail
    }
    SUBCASE("contacts for cached customers and for customers added in the tail") {
        add(dir, "C4", "2026-11-21 09:00", {{"stage", "call-in"}});
        contact(dir, {"C4", "2026-11-21 10:00"});
        contact(dir, {"C1", "2026-11-19 10:00", "sms", "sent"});  // older than the cached ones
        contact(dir, {.customer = "C4", .at = "2026-11-21 11:00", .promise = "2026-11-30"});
        contact(dir, {"C2", "2026-11-26 10:00"});  // answers the cached promise
        const ScheduleScan s = check_scan(dir);
        CHECK_FALSE(s.rebuilt);
        CHECK(s.tail_records == 5);
    }
    SUBCASE("a contact for a customer added later in the tail") {
        contact(dir, {"C5", "2026-11-21 10:00"});
        add(dir, "C5", "2026-11-21 09:00", {{"stage", "call-in"}});
        CHECK_FALSE(check_scan(dir).rebuilt);
    }
    SUBCASE("an amendment of a cached contact without a set") {
        contact(
            dir,
            {.customer = "C2", .at = "2026-11-20 16:30", .channel = "phone", .amends = "K000003"});
        const ScheduleScan s = check_scan(dir);  // the promise of K000003 goes too
        CHECK_FALSE(s.rebuilt);
    }
    SUBCASE("an amendment of a tail contact, with and without a set") {
        const std::string k = contact(dir, {"C1", "2026-11-21 10:00"});
        const std::string k2 =
            contact(dir, {.customer = "C2", .at = "2026-11-21 11:00", .set = {{"grade", "B"}}});
        contact(dir, {.customer = "C1", .at = "2026-11-21 10:05", .outcome = "busy", .amends = k});
        contact(
            dir,
            {.customer = "C2", .at = "2026-11-21 11:00", .set = {{"grade", "A"}}, .amends = k2});
        CHECK_FALSE(check_scan(dir).rebuilt);
    }
    SUBCASE("a log-call --set in the tail") {
        contact(dir, {.customer = "C1",
                      .at = "2026-11-23 10:00",
                      .set = {{"stage", "visitor"}, {"grade", "C"}}});
        contact(dir,
                {.customer = "C3", .at = "2026-11-08 10:00", .set = {{"grade", "A"}}});  // older
        CHECK_FALSE(check_scan(dir).rebuilt);
    }
    SUBCASE("an amendment of a cached contact that changed attributes takes its change back") {
        // The cache keeps which contact made each change (journal/fold.h take_back): no fold.
        contact(dir, {.customer = "C3",
                      .at = "2026-11-09 10:00",
                      .set = {{"grade", "A"}},
                      .amends = "K000004"});
        const ScheduleScan s = check_scan(dir);
        CHECK_FALSE(s.rebuilt);
        CHECK_FALSE(check_scan(dir).rebuilt);
    }
    SUBCASE("an amendment that leaves a key with no change unsets it") {
        const std::string k = contact(
            dir, {.customer = "C1", .at = "2026-11-21 10:00", .set = {{"objection", "yes"}}});
        check_scan(dir);
        contact(dir, {.customer = "C1", .at = "2026-11-21 10:00", .amends = k});
        CHECK_FALSE(check_scan(dir).rebuilt);
        const ScheduleState state = load_schedule_state(dir, load_policy(dir));
        CHECK(state.book.find("C1")->attribute("objection") == nullptr);
    }
    SUBCASE("an update in the tail at the same minute as a cached attribute change of a contact") {
        // At equal times customers.csv comes before contacts.csv (journal/fold.h): the contact's
        // value wins, whichever journal the cache covers, and the cache is not folded again.
        update(dir, "C3", "2026-11-09 10:00", {{"grade", "D"}});
        CHECK_FALSE(check_scan(dir).rebuilt);
        CHECK(*load_schedule_state(dir, load_policy(dir)).book.find("C3")->attribute("grade") ==
              "B");
        update(dir, "C3", "2026-11-09 10:00", {{"extra", "1"}});
        CHECK_FALSE(check_scan(dir).rebuilt);
    }
    SUBCASE("complaints change attributes of cached and new customers") {
        add(dir, "C4", "2026-11-21 09:00", {{"stage", "call-in"}});
        for (const auto& [n, customer] : {std::pair{1, "C1"}, std::pair{2, "C4"}}) {
            ComplaintEvent e;
            e.complaint = fmt::format("P{:06}", n);
            e.id = e.complaint + "-1";
            e.at = t("2026-11-24 10:00");
            e.customer = customer;
            e.category = "quality";
            e.source = "direct";
            e.staff = "张三";
            e.note = "投诉";
            e.set = {{"dislikes-calls", "yes"}};
            e.logged_at = e.at;
            const DirLock lock = dir.lock_exclusive();
            append_complaint_event(dir, e);
        }
        CHECK_FALSE(check_scan(dir).rebuilt);
        CHECK_FALSE(check_scan(dir).rebuilt);  // complaints are never in the cache
    }
}

TEST_CASE("schedule cache: far dates survive the cache") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    add(dir, "C1", "2026-11-20 09:00", {{"stage", "call-in"}});
    contact(dir, {"C1", "7000-01-01 10:00"});
    contact(dir, {.customer = "C1", .at = "1901-01-01 10:00", .promise = "9999-12-31"});
    CHECK(check_scan(dir).rebuilt);
    CHECK_FALSE(check_scan(dir).rebuilt);
}

TEST_CASE("schedule cache: errors in the tail name the journal and the line") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    seed(dir);
    check_scan(dir);
    const Policy policy = load_policy(dir);
    const auto scan_error = [&] {
        return error_of([&] {
            const DirLock lock = dir.lock_shared();
            scan_schedule(dir, policy, {},
                          [](const Customer&, const CustomerHistory&, unsigned) {});
        });
    };
    const auto reference_error = [&] {
        return error_of([&] { load_schedule_state(dir, policy); });
    };

    SUBCASE("an update of an unknown customer") {
        update(dir, "C9", "2026-11-22 09:00", {{"stage", "visitor"}});
        CHECK(scan_error() == dir.file(kCustomersFile) + ":10: update of unknown customer \"C9\"");
        CHECK(scan_error() == reference_error());
    }
    SUBCASE("a contact for an unknown customer") {
        contact(dir, {"C9", "2026-11-22 09:00"});
        CHECK(scan_error() ==
              dir.file(kContactsFile) + ":6: contact K000005 is for unknown customer \"C9\"");
        CHECK(scan_error() == reference_error());
    }
    SUBCASE("an add of a cached customer") {
        add(dir, "C2", "2026-11-22 09:00");
        CHECK(scan_error() == reference_error());
        CHECK(scan_error().find(dir.file(kCustomersFile) + ":10:") == 0);
    }
    SUBCASE("an update before the add of a customer in the tail") {
        update(dir, "C9", "2026-11-22 09:00", {{"stage", "visitor"}});
        add(dir, "C9", "2026-11-22 10:00");
        CHECK(scan_error() == reference_error());
    }
    SUBCASE("a multi-line attributes field before the tail keeps line numbers right") {
        // seed's add of C1 has two attributes: its row spans two lines.
        update(dir, "C8", "2026-11-22 09:00", {{"a", "1"}, {"b", "2"}});
        CHECK(scan_error() == reference_error());
    }
}

TEST_CASE("schedule cache: journals changed behind the cache's back are folded again") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    seed(dir);
    check_scan(dir);
    SUBCASE("customers.csv edited in its first 4 KiB, same length") {
        std::string text = slurp(dir.file(kCustomersFile));
        const size_t at = text.find("客户C2");
        REQUIRE(at != std::string::npos);
        text.replace(at, 8, "客户X2");
        REQUIRE(text.size() == slurp(dir.file(kCustomersFile)).size());
        spit(dir.file(kCustomersFile), text);
        CHECK(check_scan(dir).rebuilt);
    }
    SUBCASE("contacts.csv edited in its first 4 KiB, same length") {
        std::string text = slurp(dir.file(kContactsFile));
        const size_t at = text.find("no-answer");
        REQUIRE(at != std::string::npos);
        text.replace(at, 9, "message-l");  // an unknown outcome: same length
        spit(dir.file(kContactsFile), text);
        CHECK(check_scan(dir).rebuilt);
    }
    SUBCASE("a journal edited in the middle of a long file, then appended to") {
        for (int i = 0; i < 200; ++i)
            contact(dir, {"C1", "2026-11-21 10:00", "phone", "no-answer"});
        check_scan(dir);  // cached (maybe from a tail)
        CHECK_FALSE(check_scan(dir).rebuilt);
        std::string text = slurp(dir.file(kContactsFile));
        REQUIRE(text.size() > 3 * 4096);
        const size_t at = text.find("no-answer", 100);
        REQUIRE(at < 4096);
        text.replace(at, 9, "wrong-num");
        spit(dir.file(kContactsFile), text);
        contact(dir, {"C2", "2026-11-22 10:00"});
        CHECK(check_scan(dir).rebuilt);
    }
    SUBCASE("a journal cut shorter than the cache") {
        std::string text = slurp(dir.file(kContactsFile));
        text.resize(text.rfind('\n', text.size() - 2) + 1);
        spit(dir.file(kContactsFile), text);
        CHECK(check_scan(dir).rebuilt);
    }
}

TEST_CASE("schedule cache: a damaged cache file is folded again, never a crash") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    seed(dir);
    check_scan(dir);
    const std::string good = slurp(cache_path(dir));
    REQUIRE(good.size() > 100);

    SUBCASE("cut at every length") {
        // Every length in the header and at the end, a sample in between (each scan rebuilds
        // and syncs a new file: every length would take long).
        for (size_t n = 0; n < good.size(); n += (n < 96 || n + 16 > good.size()) ? 1 : 29) {
            CAPTURE(n);
            spit(cache_path(dir), good.substr(0, n));
            const ScheduleScan s = check_scan(dir);
            CHECK(s.rebuilt);
            CHECK(s.saved);
        }
    }
    SUBCASE("every byte flipped, one at a time: never a crash, never a wrong fold") {
        const std::string expected = reference(dir);
        for (size_t i = 0; i < good.size(); i += (i < 96 || i + 16 > good.size()) ? 1 : 3) {
            CAPTURE(i);
            std::string bad = good;
            bad[i] = static_cast<char>(bad[i] ^ 0xff);
            spit(cache_path(dir), bad);
            Scanned s;
            CHECK_NOTHROW(s = scan(dir));
            CHECK(s.text == expected);
            // Everything is checked (header fields, checksums of records and tables, the end
            // mark) but the line counts, which only number lines in error messages.
            const bool lines_field = (i >= 28 && i < 36) || (i >= 52 && i < 60);
            if (!lines_field) CHECK(s.scan.rebuilt);
            spit(cache_path(dir), good);
        }
    }
    SUBCASE("huge counts inside a record") {
        // The first record: u32 length, id "C1", name, phone, i64 created, u16 owners ...
        const size_t changes_at = 84 + 4 + (4 + 2) + (4 + std::string("客户C1").size()) + (4 + 11) +
                                  8 + 2 + 2 * 4 + 2 + 2 * 8;
        for (const size_t at : {changes_at, changes_at + 4 + 16 * 2}) {
            CAPTURE(at);
            std::string bad = good;
            const uint32_t huge = 0xfffffff0u;
            std::memcpy(bad.data() + at, &huge, 4);
            spit(cache_path(dir), bad);
            Scanned s;
            CHECK_NOTHROW(s = scan(dir));
            CHECK(s.scan.rebuilt);
            CHECK(s.text == reference(dir));
        }
    }
    SUBCASE("a huge symbol count in the tables") {
        uint64_t tables = 0;
        std::memcpy(&tables, good.data() + 68, 8);
        REQUIRE(tables < good.size());
        std::string bad = good;
        const uint32_t huge = 0xfffffff0u;
        std::memcpy(bad.data() + tables, &huge, 4);
        spit(cache_path(dir), bad);
        Scanned s;
        CHECK_NOTHROW(s = scan(dir));
        CHECK(s.scan.rebuilt);
        CHECK(s.text == reference(dir));
    }
    SUBCASE("garbage") {
        std::string garbage;
        for (int i = 0; i < 5000; ++i) garbage += static_cast<char>((i * 7919) % 251);
        spit(cache_path(dir), garbage);
        CHECK(check_scan(dir).rebuilt);
        spit(cache_path(dir), "RVSCHED1" + garbage);
        CHECK(check_scan(dir).rebuilt);
        spit(cache_path(dir), "");
        CHECK(check_scan(dir).rebuilt);
    }
    SUBCASE("a directory in its place: folded, and the save fails") {
        fs::remove(cache_path(dir));
        fs::create_directory(cache_path(dir));
        const std::string expected = reference(dir);
        const Scanned s = scan(dir);
        CHECK(s.text == expected);
        CHECK(s.scan.rebuilt);
        CHECK_FALSE(s.scan.saved);
        CHECK(s.scan.save_error.find("schedule.bin") != std::string::npos);
    }
    SUBCASE(".cache is a file: folded, the save fails with a reason") {
        fs::remove_all(dir.file(".cache"));
        spit(dir.file(".cache"), "not a directory");
        const std::string expected = reference(dir);
        const Scanned s = scan(dir);
        CHECK(s.text == expected);
        CHECK(s.scan.rebuilt);
        CHECK_FALSE(s.scan.saved);
        CHECK(s.scan.save_error != "");
        CHECK(slurp(dir.file(".cache")) == "not a directory");
    }
}

TEST_CASE("schedule cache: saved under other channels or outcomes, folded again") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    seed(dir);
    check_scan(dir);
    std::string rules = rules_text();
    SUBCASE("a channel first") {
        const size_t at = rules.find("  - {id: visit, label: 上门}");
        REQUIRE(at != std::string::npos);
        rules.insert(at, "  - {id: letter, label: 信}\n");
    }
    SUBCASE("an outcome first") {
        const size_t at = rules.find("  - {id: reached, label: 已接通, counts: true}");
        REQUIRE(at != std::string::npos);
        rules.insert(at, "  - {id: emailed, label: 邮件, counts: false}\n");
    }
    spit(dir.file("rules.yaml"), rules);
    const ScheduleScan s = check_scan(dir);
    CHECK(s.rebuilt);
    CHECK(s.saved);
    CHECK_FALSE(check_scan(dir).rebuilt);
}

TEST_CASE("schedule cache: refreshed once the journals grew by more than the threshold") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    seed(dir);
    check_scan(dir);
    // Append straight to contacts.csv: many rows of long notes, for cached customers and
    // some with attribute changes and amendments.
    const std::string header = csv_line(contact_columns());
    std::string rows;
    int n = 100;
    while (rows.size() <= kScheduleCacheRefreshBytes) {
        ContactRecord r;
        r.id = fmt::format("K{:06}", ++n);
        r.at = DateTime::parse("2026-11-21 10:00")->add_minutes(n);
        r.customer = n % 3 == 0 ? "C1" : n % 3 == 1 ? "C2" : "C3";
        r.channel = "phone";
        r.outcome = n % 2 ? "reached" : "no-answer";
        r.staff = "张三";
        r.note = std::string(2000, 'x');
        if (n % 500 == 0) r.set = {{"grade", n % 1000 ? "A" : "B"}};
        if (n % 700 == 0) r.amends = fmt::format("K{:06}", n - 5);
        if (n % 900 == 0) r.promise = "2026-12-30";
        r.logged_at = r.at;
        rows += csv_line(contact_record_fields(r));
    }
    {
        const DirLock lock = dir.lock_exclusive();
        dir.append(kContactsFile, header, rows);
    }
    add(dir, "C4", "2026-11-21 09:00", {{"stage", "call-in"}});
    ScheduleScan s = check_scan(dir);
    CHECK_FALSE(s.rebuilt);
    CHECK(s.saved);
    CHECK(s.tail_records == static_cast<size_t>(n - 100 + 1));
    s = check_scan(dir);
    CHECK_FALSE(s.rebuilt);
    CHECK_FALSE(s.saved);
    CHECK(s.tail_records == 0);
    // And a tail after the refreshed cache, amending a contact it covers.
    contact_seq = n;
    contact(dir,
            {.customer = "C2", .at = "2026-11-30 10:00", .amends = fmt::format("K{:06}", n - 1)});
    contact(dir, {.customer = "C4", .at = "2026-11-30 10:00", .set = {{"quality", "yes"}}});
    s = check_scan(dir);
    CHECK(s.tail_records == 2);
    CHECK(check_scan(dir).tail_records == 2);
}

TEST_CASE("schedule cache: several workers visit every customer once, chunk by chunk") {
    TempDir tmp;
    const DataDir dir = make_data(tmp / "data");
    for (int i = 1; i <= 30; ++i) {
        const std::string id = fmt::format("C{}", i);
        add(dir, id, "2026-11-01 09:00", {{"stage", "visitor"}, {"grade", i % 2 ? "A" : "B"}});
        contact(dir, {id, "2026-11-02 10:00", "phone", i % 3 ? "reached" : "no-answer"});
    }
    const ScanOptions parallel{.workers = 3, .chunk_bytes = 1};  // a chunk per customer
    const auto parallel_scan = [&] { return scan(dir, parallel); };
    Scanned s = parallel_scan();  // saves the cache in chunks
    CHECK(s.scan.rebuilt);
    CHECK(s.text == sorted_lines(reference(dir)));
    s = parallel_scan();
    CHECK_FALSE(s.scan.rebuilt);
    CHECK(s.scan.customers == 30);
    CHECK(s.text == sorted_lines(reference(dir)));
    CHECK(scan(dir).text == reference(dir));  // one worker: in the order they were added

    SUBCASE("with a tail of updates, contacts and new customers") {
        update(dir, "C7", "2026-11-05 09:00", {{"grade", "C"}});
        contact(dir, {"C29", "2026-11-06 10:00"});
        add(dir, "C31", "2026-11-06 11:00", {{"stage", "call-in"}});
        contact(dir, {"C31", "2026-11-06 12:00"});
        s = parallel_scan();
        CHECK_FALSE(s.scan.rebuilt);
        CHECK(s.scan.customers == 31);
        CHECK(s.scan.tail_records == 4);
        CHECK(s.text == sorted_lines(reference(dir)));
    }
    SUBCASE(
        "a chunk damaged in the middle is found before anyone is visited: a fold, each visited "
        "once") {
        std::string bad = slurp(cache_path(dir));
        const size_t at = bad.find("客户C20");
        REQUIRE(at != std::string::npos);
        bad[at + 3] = 'X';
        spit(cache_path(dir), bad);
        s = parallel_scan();
        CHECK(s.scan.rebuilt);
        CHECK(s.scan.customers == 30);
        CHECK(s.text == sorted_lines(reference(dir)));
    }
    SUBCASE("errors are the ones a single worker reports first") {
        const Policy policy = load_policy(dir);
        add(dir, "C25", "2026-11-22 09:00");  // a second add of a cached customer
        add(dir, "C3", "2026-11-22 09:00");   // and another, earlier in the cache
        const auto scan_error = [&](unsigned workers) {
            return error_of([&] {
                const DirLock lock = dir.lock_shared();
                scan_schedule(
                    dir, policy, {}, [](const Customer&, const CustomerHistory&, unsigned) {},
                    ScanOptions{.workers = workers, .chunk_bytes = 1});
            });
        };
        const std::string single = scan_error(1);
        CHECK(single.find("customer \"C3\" already exists") != std::string::npos);
        for (int run = 0; run < 20; ++run) CHECK(scan_error(3) == single);
    }
    SUBCASE("a visitor's error stops the scan and reaches the caller") {
        const Policy policy = load_policy(dir);
        const DirLock lock = dir.lock_shared();
        CHECK_THROWS_AS(scan_schedule(
                            dir, policy, {},
                            [](const Customer& c, const CustomerHistory&, unsigned) {
                                if (c.id == "C17") throw Error("visitor failed");
                            },
                            parallel),
                        Error);
    }
}
