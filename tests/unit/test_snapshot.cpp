// lib/store: readers read a snapshot (DataDir::snapshot, read_snapshot) and hold no lock
// while they read; writers clean up what dead processes left and never reuse an id.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "model/customer_csv.h"
#include "store/data_dir.h"
#include "store/io/journal_file.h"
#include "store/schedule_cache/scan.h"
#include "store/store.h"
#include "temp_files.h"

using namespace revisit;
using revisit::test::slurp;
using revisit::test::spit;
using revisit::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A copy of samples/sales-center (36 customers, 427 contacts, no complaints).
DataDir sample(const TempDir& tmp) {
    const std::string path = tmp / "data";
    fs::copy(std::string(REVISIT_SOURCE_DIR) + "/samples/sales-center", path,
             fs::copy_options::recursive);
    return DataDir::open(path);
}

const std::string kContactHeader =
    "id,at,customer,channel,outcome,staff,note,signature,promise,promise_note,finding,"
    "finding_note,set,amends,logged_at\n";

std::string contact_line(int n, const std::string& customer) {
    return "K9" + std::to_string(100000 + n) + ",2026-11-21 10:00," + customer +
           ",phone,reached,刘洋,after the snapshot,,,,,,,,2026-11-21 10:00\n";
}

void append_contacts(const DataDir& dir, int from, int count, const std::string& customer) {
    std::string lines;
    for (int i = from; i < from + count; ++i) lines += contact_line(i, customer);
    const DirLock lock = dir.lock_exclusive();
    dir.append(kContactsFile, kContactHeader, lines);
}

size_t records_in(const DataDir& dir, const std::string& name) {
    size_t n = 0;
    dir.read_records(name, [&](const CsvRecord&) { ++n; });
    return n;
}

// Whether nobody holds any lock on the directory: an exclusive lock is free at once.
bool lock_is_free(const DataDir& dir) {
    const int fd = ::open(dir.file(".lock").c_str(), O_RDWR | O_CLOEXEC);
    REQUIRE(fd >= 0);
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);  // releases it
    return free;
}

// Customers a scan visits, and the contacts they have.
struct Visited {
    size_t customers = 0, contacts = 0;
    ScheduleScan scan;
};
Visited scan_all(const DataDir& dir) {
    const Policy policy = load_policy(dir);
    Visited v;
    v.scan =
        scan_schedule(dir, policy, {}, [&](const Customer&, const CustomerHistory& h, unsigned) {
            ++v.customers;
            v.contacts += h.contacts.size();
        });
    return v;
}

// The pid of a process that has exited (and been reaped).
pid_t dead_pid() {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

}  // namespace

TEST_CASE("snapshot: reads see the journals as they were, whatever is appended or renamed after") {
    TempDir tmp;
    const DataDir dir = sample(tmp);
    const std::string contacts_before = slurp(dir.file(kContactsFile));
    const DataDir snap = read_snapshot(dir);
    CHECK(snap.is_snapshot());
    CHECK_FALSE(dir.is_snapshot());
    CHECK(lock_is_free(dir));  // the lock was held only while the snapshot was made

    append_contacts(dir, 1, 3, "C000002");
    write_file_atomic(dir.file(kComplaintsFile), "replaced by rename\n");

    CHECK(snap.read(kContactsFile) == contacts_before);
    CHECK(snap.readable_size(kContactsFile) == static_cast<long long>(contacts_before.size()));
    CHECK(io::JournalFile::open(snap, kContactsFile).length() == contacts_before.size());
    CHECK(records_in(snap, kContactsFile) == 428);  // the header and 427 contacts
    CHECK(records_in(dir, kContactsFile) == 431);
    CHECK(snap.read(kComplaintsFile).rfind("id,at,event,", 0) == 0);  // the file it pinned
    CHECK(dir.read(kComplaintsFile) == "replaced by rename\n");
    // A snapshot of a snapshot is the same view.
    CHECK(snap.snapshot({kContactsFile}, {}).read(kContactsFile) == contacts_before);
}

TEST_CASE("snapshot: a journal missing then stays missing; one mid-append is read to its marker") {
    TempDir tmp;
    const DataDir dir = sample(tmp);
    fs::remove(dir.file(kComplaintsFile));
    const std::string committed = slurp(dir.file(kContactsFile));
    // A killed writer: the marker holds the old length, half a record follows it.
    spit(dir.file(".pending-contacts.csv"), std::to_string(committed.size()) + "\n");
    spit(dir.file(kContactsFile), committed + "K999999,2026-11-2");
    const DataDir snap = read_snapshot(dir);
    CHECK(snap.read(kContactsFile) == committed);

    append_contacts(dir, 1, 1, "C000002");  // cuts the half record off, appends, drops the marker
    spit(dir.file(kComplaintsFile), "id,at\n");
    CHECK_FALSE(snap.exists(kComplaintsFile));
    CHECK(snap.read(kComplaintsFile, true) == "");
    CHECK(snap.read(kContactsFile) == committed);
    CHECK(dir.read(kContactsFile) == committed + contact_line(1, "C000002"));
}

TEST_CASE(
    "snapshot: a cache rebuilt from a snapshot is installed, and later appends are its tail") {
    TempDir tmp;
    const DataDir dir = sample(tmp);
    const DataDir snap = read_snapshot(dir);
    append_contacts(dir, 1, 5, "C000002");  // a writer, while the reader rebuilds

    const Visited rebuilt = scan_all(snap);
    CHECK(rebuilt.scan.rebuilt);
    CHECK(rebuilt.scan.saved);
    CHECK(rebuilt.customers == 36);
    const size_t contacts_then = rebuilt.contacts;

    // The next reader uses that cache and folds in what was appended meanwhile.
    const Visited next = scan_all(read_snapshot(dir));
    CHECK_FALSE(next.scan.rebuilt);
    CHECK(next.scan.tail_records == 5);
    CHECK(next.contacts == contacts_then + 5);

    // A snapshot holds the cache it saw, even when it is deleted after.
    const DataDir pinned = read_snapshot(dir);
    fs::remove_all(dir.file(".cache"));
    const Visited from_pinned = scan_all(pinned);
    CHECK_FALSE(from_pinned.scan.rebuilt);
    CHECK(from_pinned.contacts == contacts_then + 5);
}

TEST_CASE("store: the exclusive lock removes temporaries of dead processes, never a live one's") {
    TempDir tmp;
    const DataDir dir = sample(tmp);
    fs::create_directory(dir.file(".cache"));
    const std::string dead = std::to_string(dead_pid());
    const std::string live = std::to_string(::getpid());
    const std::vector<std::string> stale{
        ".seq-contacts.csv.tmp-" + dead, "complaints.csv.tmp-" + dead,
        ".cache/schedule.bin.tmp-" + dead, ".cache/customers.idx.tmp-" + dead,
        "calendars/cn.yaml.tmp-" + dead};
    const std::vector<std::string> kept{".cache/schedule.bin.tmp-" + live,
                                        ".seq-contacts.csv.tmp-" + live, "notes.tmp-x1",
                                        ".cache/contacts.idx.tmp-"};
    for (const auto& name : stale) spit(dir.file(name), "left by a crash");
    for (const auto& name : kept) spit(dir.file(name), "someone's");
    { const DirLock lock = dir.lock_exclusive(); }
    for (const auto& name : stale) CHECK_MESSAGE(!fs::exists(dir.file(name)), name);
    for (const auto& name : kept) CHECK_MESSAGE(fs::exists(dir.file(name)), name);
    // A reader's snapshot removes nothing.
    spit(dir.file(stale[0]), "left by a crash");
    read_snapshot(dir);
    CHECK(fs::exists(dir.file(stale[0])));
}

TEST_CASE("store: next_record_id stays above the journal's highest id, whatever .seq says") {
    TempDir tmp;
    const DataDir dir = sample(tmp);
    const DirLock lock = dir.lock_exclusive();
    spit(dir.file(".seq-contacts.csv"), "4\n");  // a backup restored: 427 contacts exist
    CHECK(next_record_id(dir, kContactsFile, "K").id == "K000428");
    spit(dir.file(".seq-contacts.csv"), "500\n");  // ahead of the journal: the counter wins
    CHECK(next_record_id(dir, kContactsFile, "K").id == "K000501");
    // The last record is found from the end, not fooled by a note's line that looks like one.
    dir.append(
        kContactsFile, kContactHeader,
        "K000430,2026-11-21 10:00,C000002,phone,reached,刘洋,\"line one\nK900000,2026-11-21 "
        "10:00,C000002,phone,reached,刘洋,,,,,,,,,2026-11-21 10:00\",,,,,,,,2026-11-21 10:00\n");
    spit(dir.file(".seq-contacts.csv"), "4\n");
    CHECK(next_record_id(dir, kContactsFile, "K").id == "K000431");

    const std::string header = slurp(dir.file(kComplaintsFile));
    const auto event = [](const std::string& id, const std::string& kind) {
        const std::string complaint = id.substr(0, 7);
        return id + ",2026-11-01 10:00," + kind + "," + complaint +
               ",C000001,,,,,,,,,,,,,2026-11-01 10:00\n";
    };
    spit(dir.file(kComplaintsFile), header + event("P000001-1", "open") +
                                        event("P000007-1", "open") + event("P000003-2", "resolve"));
    spit(dir.file(".seq-complaints.csv"), "2\n");  // the last event is of P000003; 7 is highest
    CHECK(next_record_id(dir, kComplaintsFile, "P").id == "P000008");
}
