// lib/store/io: the one file descriptor, whole reads and writes, the hashes, atomic writes
// and journals read at their committed length.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <thread>
#include <vector>

#include "store/data_dir.h"
#include "store/io/atomic_file.h"
#include "store/io/fd.h"
#include "store/io/hash.h"
#include "store/io/journal_file.h"
#include "temp_files.h"

using namespace revisit;
using revisit::test::slurp;
using revisit::test::spit;
using revisit::test::TempDir;

namespace {

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

// A data directory holding `journal` as customers.csv.
DataDir dir_with(const TempDir& tmp, const std::string& journal) {
    return DataDir::create(tmp / "data",
                           {{"rules.yaml", "# unused\n"}, {"customers.csv", journal}});
}

void on_alarm(int) {}

}  // namespace

TEST_CASE("io: Fd closes its descriptor once, when destroyed or assigned over") {
    TempDir tmp;
    spit(tmp / "f", "x");
    int first = -1, second = -1;
    {
        io::Fd a = io::open_for_read(tmp / "f");
        first = a.get();
        REQUIRE(a.valid());
        io::Fd b = std::move(a);
        CHECK_FALSE(a.valid());
        CHECK(b.get() == first);
        io::Fd c = io::open_for_read(tmp / "f");
        second = c.get();
        c = std::move(b);  // closes what c held
        CHECK_FALSE(is_open(second));
        CHECK(c.get() == first);
        CHECK(is_open(first));
    }
    CHECK_FALSE(is_open(first));
    io::Fd d = io::open_for_read(tmp / "f");
    const int raw = d.release();
    CHECK_FALSE(d.valid());
    CHECK(is_open(raw));
    ::close(raw);
}

TEST_CASE("io: opening names the file and exits with kExitIo") {
    TempDir tmp;
    const std::string missing = tmp / "missing.csv";
    CHECK_THROWS_WITH(io::open_for_read(missing),
                      ("cannot read " + missing + ": No such file or directory").c_str());
    try {
        io::open_for_read(missing);
    } catch (const Error& e) {
        CHECK(e.exit_code() == kExitIo);
    }
    CHECK_FALSE(io::open_for_read_if_exists(missing).valid());
    const std::string nowhere = tmp / "no/dir/x.bin";
    CHECK_THROWS_WITH(io::create_for_write(nowhere),
                      ("cannot create " + nowhere + ": No such file or directory").c_str());
    const std::string made = tmp / "made.bin";
    {
        io::Fd fd = io::create_for_write(made);
        CHECK(io::write_all(fd.get(), "abc"));
    }
    struct stat st {};
    REQUIRE(::stat(made.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(slurp(made) == "abc");
    CHECK((::fcntl(io::open_for_read(made).get(), F_GETFD) & FD_CLOEXEC) != 0);
}

TEST_CASE("io: pread_exact refuses a short read; pread_up_to returns what there is") {
    TempDir tmp;
    spit(tmp / "f", "0123456789");
    const io::Fd fd = io::open_for_read(tmp / "f");
    std::string out(4, '\0');
    CHECK(io::pread_exact(fd.get(), out.data(), 4, 3));
    CHECK(out == "3456");
    CHECK_FALSE(io::pread_exact(fd.get(), out.data(), 4, 8));  // 2 bytes left
    CHECK(io::pread_exact(fd.get(), out.data(), 0, 100));      // nothing asked
    std::string some;
    CHECK(io::pread_up_to(fd.get(), 8, 100, some));
    CHECK(some == "89");
    CHECK(io::pread_up_to(fd.get(), 50, 4, some));
    CHECK(some.empty());
    CHECK_FALSE(io::pread_up_to(-1, 0, 4, some));
    CHECK(errno == EBADF);
}

TEST_CASE("io: write_all writes everything through a pipe, across partial and interrupted writes") {
    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    io::Fd read_end(ends[0]), write_end(ends[1]);
    std::string data(4 << 20, '\0');  // far more than a pipe holds: many partial writes
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + i % 23);
    std::string got;
    std::thread reader([&] {
        char buffer[1 << 16];
        for (;;) {
            const ssize_t n = ::read(read_end.get(), buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return;
            got.append(buffer, static_cast<size_t>(n));
            if (got.size() % (1 << 20) < sizeof buffer) ::usleep(2000);  // let the pipe fill
        }
    });
    // A signal every millisecond, without SA_RESTART: write(2) returns early or fails EINTR.
    struct sigaction action {
    }, old_action{};
    action.sa_handler = on_alarm;
    ::sigaction(SIGALRM, &action, &old_action);
    itimerval every_ms{{0, 1000}, {0, 1000}}, off{};
    ::setitimer(ITIMER_REAL, &every_ms, nullptr);
    const bool written = io::write_all(write_end.get(), data);
    ::setitimer(ITIMER_REAL, &off, nullptr);
    ::sigaction(SIGALRM, &old_action, nullptr);
    write_end.close();
    reader.join();
    CHECK(written);
    CHECK(got.size() == data.size());
    CHECK(got == data);

    // A pipe nobody reads: EPIPE, not a crash.
    REQUIRE(::pipe(ends) == 0);
    io::Fd closed_read(ends[0]), to_nobody(ends[1]);
    closed_read.close();
    const auto old_pipe = ::signal(SIGPIPE, SIG_IGN);
    CHECK_FALSE(io::write_all(to_nobody.get(), "x"));
    CHECK(errno == EPIPE);
    ::signal(SIGPIPE, old_pipe);
    CHECK(io::write_all(to_nobody.get(), ""));  // nothing to write: nothing fails
}

TEST_CASE("io: read_rest reads to the end or to a limit, and refuses a directory") {
    TempDir tmp;
    const std::string bytes = std::string(200000, 'z') + '\0' + "end";
    spit(tmp / "f", bytes);
    CHECK(io::read_rest(io::open_for_read(tmp / "f").get(), tmp / "f") == bytes);
    CHECK(io::read_rest(io::open_for_read(tmp / "f").get(), tmp / "f", 5) == "zzzzz");
    CHECK_THROWS_WITH(io::read_rest(io::open_for_read(tmp.path()).get(), tmp.path()),
                      ("cannot read " + tmp.path() + ": it is a directory").c_str());
}

TEST_CASE("io: the hashes and checksums keep the values existing cache files were written with") {
    CHECK(io::fnv1a("") == 0xcbf29ce484222325ull);
    CHECK(io::fnv1a("a") == 0xaf63dc4c8601ec8cull);
    CHECK(io::fnv1a("revisit") == 0x800fe8425d3beb3bull);
    CHECK(io::fnv1a("b", io::fnv1a("a", 7)) == 0x15a820001264890ull);
    // The index files' checksum ...
    CHECK(io::checksum64("") == 0x90f8749f188ae250ull);
    CHECK(io::checksum64("a") == 0x6dd32627c1b1b1dcull);
    CHECK(io::checksum64("revisit") == 0x51ad23d849ddc26cull);
    CHECK(io::checksum64("0123456789abcdefXYZ") == 0xefab171780cbc614ull);
    // ... and the schedule cache's (format version 5), another algorithm.
    const std::string long_text = "0123456789abcdefXYZ";
    std::string lanes(100, '\0');
    for (size_t i = 0; i < lanes.size(); ++i) lanes[i] = static_cast<char>(i * 7);
    CHECK(io::checksum64_lanes("", 0) == 0x4a70095ea3262e8cull);
    CHECK(io::checksum64_lanes("a", 1) == 0xd1c5c390bded1fb2ull);
    CHECK(io::checksum64_lanes("revisit", 7) == 0x36a94da35cdd9f0cull);
    CHECK(io::checksum64_lanes(long_text.data(), long_text.size()) == 0x46eadc73f987824eull);
    CHECK(io::checksum64_lanes(lanes.data(), lanes.size()) == 0x368f9deafd5902b8ull);
}

TEST_CASE("io: the schedule cache's checksum sees every byte, in every lane and the tail") {
    std::string bytes(100, '\0');  // three 32-byte steps of four lanes, then 4 bytes
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
    const uint64_t whole = io::checksum64_lanes(bytes.data(), bytes.size());
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ 1);
        CHECK(io::checksum64_lanes(flipped.data(), flipped.size()) != whole);
    }
    std::string swapped = bytes;  // two lanes' words exchanged
    std::swap_ranges(swapped.begin(), swapped.begin() + 8, swapped.begin() + 8);
    CHECK(io::checksum64_lanes(swapped.data(), swapped.size()) != whole);
    CHECK(io::checksum64_lanes(bytes.data(), 99) != io::checksum64_lanes(bytes.data(), 100));
}

TEST_CASE("io: write_file_atomic replaces a file, and leaves the old one when it fails") {
    TempDir tmp;
    const std::string path = tmp / "out.csv";
    io::write_file_atomic(path, "old\n");
    io::write_file_atomic(path, "new\n");
    CHECK(slurp(path) == "new\n");

    SUBCASE("the temporary cannot be created") {
        const std::string blocker = path + ".tmp-" + std::to_string(::getpid());
        REQUIRE(::mkdir(blocker.c_str(), 0700) == 0);
        CHECK_THROWS_WITH(io::write_file_atomic(path, "newer\n"),
                          ("cannot write " + path + ": File exists").c_str());
        CHECK(slurp(path) == "new\n");
        ::rmdir(blocker.c_str());
    }
    SUBCASE("the disk fills half-way (a file size limit): no temporary is left") {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::signal(SIGXFSZ, SIG_IGN);  // write(2) then fails with EFBIG
            const rlimit limit{4096, 4096};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            try {
                io::write_file_atomic(path, std::string(100000, 'x'));
            } catch (const Error& e) {
                ::_exit(std::string(e.what()) == "cannot write " + path + ": File too large" ? 0
                                                                                             : 2);
            }
            ::_exit(1);
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        CHECK(slurp(path) == "new\n");
        CHECK(::access((path + ".tmp-" + std::to_string(child)).c_str(), F_OK) != 0);
    }
    SUBCASE("the directory is missing") {
        const std::string nowhere = tmp / "no/such/dir.csv";
        CHECK_THROWS_WITH(io::write_file_atomic(nowhere, "x"),
                          ("cannot write " + nowhere + ": No such file or directory").c_str());
    }
    CHECK(io::parent_dir("a/b/c.csv") == "a/b");
    CHECK(io::parent_dir("/c.csv") == "/");
    CHECK(io::parent_dir("c.csv") == ".");
}

TEST_CASE("io: a journal is read up to its committed length, not past an unfinished append") {
    TempDir tmp;
    const DataDir dir = dir_with(tmp, "id,name\nC1,a\nC2,b\n");
    spit(dir.file("customers.csv"), "id,name\nC1,a\nC2,b\nC3,half");  // a write killed half-way
    spit(dir.file(".pending-customers.csv"), "18\n");
    const io::JournalFile j = io::JournalFile::open(dir, "customers.csv");
    CHECK(j.name() == "customers.csv");
    CHECK(j.path() == dir.file("customers.csv"));
    CHECK(j.length() == 18);
    CHECK(j.read(13, 100) == "C2,b\n");
    CHECK(j.read(18, 10).empty());
    CHECK(j.count_lines() == 3);
    const io::JournalFile missing = io::JournalFile::open(dir, "contacts.csv");
    CHECK(missing.length() == 0);
    CHECK(missing.count_lines() == 0);
    CHECK_FALSE(missing.read_header());
    CHECK(missing.fingerprint(0) == io::fnv1a("", io::fnv1a("", 0)));
}

TEST_CASE("io: a journal's edges and fingerprint cover its first and last 4 KiB") {
    TempDir tmp;
    std::string text = "id,name\n";
    while (text.size() < 10000) text += "C" + std::to_string(text.size()) + ",x\n";
    const DataDir dir = dir_with(tmp, text);
    const io::JournalFile j = io::JournalFile::open(dir, "customers.csv");
    const auto edges = j.edges(9000);
    REQUIRE(edges);
    CHECK(edges->head == text.substr(0, 4096));
    CHECK(edges->tail == text.substr(9000 - 4096, 4096));
    CHECK(j.fingerprint(9000) == io::fnv1a(edges->tail, io::fnv1a(edges->head, 9000)));
    const auto small = j.edges(10);
    REQUIRE(small);
    CHECK(small->head == "id,name\nC8");
    CHECK(small->tail == small->head);
    CHECK_FALSE(j.edges(j.length() + 1));
    CHECK_FALSE(j.fingerprint(j.length() + 1));
}

TEST_CASE("io: a journal's header and records, scanned from an offset with line numbers") {
    TempDir tmp;
    const std::string text =
        "\xEF\xBB\xBFid,note\r\nC1,\"two\nlines\"\n\nC2,b\nC3,cut";  // CRLF, a blank line, no end
    const DataDir dir = dir_with(tmp, text);
    const io::JournalFile j = io::JournalFile::open(dir, "customers.csv");
    const auto header = j.read_header();
    REQUIRE(header);
    CHECK(header->fields == std::vector<std::string>{"id", "note"});
    CHECK(header->data_start == 12);
    CHECK(header->data_line == 2);
    for (size_t block : {size_t{1}, size_t{7}, size_t{1} << 20}) {
        CAPTURE(block);
        std::vector<std::string> seen;
        const io::ScanEnd end = j.scan(
            header->data_start, header->data_line,
            [&](const CsvRecord& r, uint64_t offset) {
                seen.push_back(std::to_string(r.line) + "@" + std::to_string(offset) + ":" +
                               r.fields[0] + "|" + r.fields[1]);
                return true;
            },
            block);
        CHECK(seen == std::vector<std::string>{"2@12:C1|two\nlines", "5@28:C2|b", "6@33:C3|cut"});
        CHECK(end.offset == 33);  // after the last line end: C3 has none
        CHECK(end.line == 6);
        CHECK(end.line_ends == 4);
    }
    int calls = 0;
    const io::ScanEnd stopped = j.scan(header->data_start, header->data_line,
                                       [&](const CsvRecord&, uint64_t) { return ++calls < 2; });
    CHECK(calls == 2);
    CHECK(stopped.offset == 33);  // C2 and its line end were read
    const io::ScanEnd past = j.scan(j.length(), 9, [](const CsvRecord&, uint64_t) { return true; });
    CHECK(past.offset == j.length());
    CHECK(past.line == 9);
    CHECK(past.line_ends == 0);
}

TEST_CASE("io: a malformed journal record is reported at its line and column") {
    TempDir tmp;
    const DataDir dir = dir_with(tmp, "id,note\nC1,a\nC2,\"open\n");
    const io::JournalFile j = io::JournalFile::open(dir, "customers.csv");
    const std::string where = dir.file("customers.csv");
    CHECK_THROWS_WITH(
        j.scan(8, 2, [](const CsvRecord&, uint64_t) { return true; }),
        (where + ":3:4: unterminated quoted field (a \" opened here is never closed)").c_str());
}

TEST_CASE("io: what is created is owner-only, or group read-write in a setgid directory") {
    TempDir tmp;
    const std::string own = tmp / "own", shared = tmp / "shared";
    const mode_t old_umask = ::umask(077);  // the modes are the store's, not the umask's
    REQUIRE(io::make_dir(own) == 0);
    REQUIRE(io::make_dir(shared) == 0);
    REQUIRE(::chmod(shared.c_str(), 02770) == 0);
    CHECK(io::file_mode_in(own) == 0600);
    CHECK(io::dir_mode_in(own) == 0700);
    CHECK(io::file_mode_in(shared) == 0660);
    CHECK(io::dir_mode_in(shared) == 02770);
    for (const std::string& dir : {own, shared}) {
        CAPTURE(dir);
        const bool group = dir == shared;
        REQUIRE(io::make_dir(dir + "/sub") == 0);
        CHECK(io::make_dir(dir + "/sub") == -1);
        CHECK(errno == EEXIST);
        CHECK(io::create_synced(dir + "/a", "x") == 0);
        CHECK(io::replace_synced(dir + "/b", "x") == 0);
        { const io::Fd fd = io::create_for_write(dir + "/c"); }
        struct stat st {};
        REQUIRE(::stat((dir + "/sub").c_str(), &st) == 0);
        CHECK((st.st_mode & 07777) == (group ? 02770u : 0700u));
        for (const char* name : {"/a", "/b", "/c"}) {
            CAPTURE(name);
            REQUIRE(::stat((dir + name).c_str(), &st) == 0);
            CHECK((st.st_mode & 07777) == (group ? 0660u : 0600u));
        }
    }
    ::umask(old_umask);
    // restore_mode: a file given a looser mode gets it back.
    ::chmod((own + "/a").c_str(), 0644);
    {
        const io::Fd fd = io::open_fd(own + "/a", O_RDONLY);
        io::restore_mode(fd.get(), 0600);
    }
    struct stat st {};
    REQUIRE(::stat((own + "/a").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600u);
}
