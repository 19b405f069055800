#include <doctest/doctest.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "store/data_dir.h"
#include "store/store.h"
#include "temp_files.h"
#include "util/error.h"

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

std::set<std::string> names_in(const std::string& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

template <typename F>
std::string error_of(F&& f, int* exit_code = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (exit_code) *exit_code = e.exit_code();
        return e.what();
    }
    return "no error";
}

const std::vector<std::pair<std::string, std::string>> kFiles{
    {"rules.yaml", "company: x\n"},
    {"calendars/cn.yaml", "name: cn\n"},
    {"customers.csv", "at,op,id,name,phone,owners,attributes,by,source\n"},
};

}  // namespace

TEST_CASE("store: create makes an owner-only directory holding the given files") {
    TempDir tmp;
    const std::string path = tmp / "data";
    const DataDir dir = DataDir::create(path, kFiles);
    CHECK(dir.path() == path);
    CHECK(mode_of(path) == 0700);
    CHECK(mode_of(path + "/calendars") == 0700);
    for (const auto& [name, content] : kFiles) {
        CAPTURE(name);
        CHECK(mode_of(path + "/" + name) == 0600);
        CHECK(slurp(path + "/" + name) == content);
        CHECK(dir.exists(name));
        CHECK(dir.read(name) == content);
    }
    CHECK(names_in(path) == std::set<std::string>{"rules.yaml", "calendars", "customers.csv"});
    CHECK(names_in(tmp.path()) == std::set<std::string>{"data"});  // no temporary left behind
    CHECK_FALSE(dir.exists("contacts.csv"));
    CHECK(dir.read("contacts.csv", true) == "");
}

TEST_CASE("store: create takes an empty directory, and is owner-only even then") {
    TempDir tmp;
    const std::string path = tmp / "data";
    REQUIRE(::mkdir(path.c_str(), 0755) == 0);
    DataDir::create(path, kFiles);
    CHECK(mode_of(path) == 0700);
    CHECK(slurp(path + "/rules.yaml") == "company: x\n");
}

TEST_CASE("store: create refuses a non-empty directory and leaves it untouched") {
    TempDir tmp;
    const std::string path = tmp / "data";
    REQUIRE(::mkdir(path.c_str(), 0755) == 0);
    spit(path + "/rules.yaml", "mine\n");
    spit(path + "/notes.txt", "keep me\n");
    int code = 0;
    CHECK(error_of([&] { DataDir::create(path, kFiles); }, &code) ==
          path + " already exists and is not empty; init will not overwrite it");
    CHECK(code == kExitIo);
    CHECK(names_in(path) == std::set<std::string>{"rules.yaml", "notes.txt"});
    CHECK(slurp(path + "/rules.yaml") == "mine\n");
    CHECK(slurp(path + "/notes.txt") == "keep me\n");
    CHECK(mode_of(path) == 0755);
    CHECK(names_in(tmp.path()) == std::set<std::string>{"data"});

    const std::string file = tmp / "file";
    spit(file, "x");
    CHECK(error_of([&] { DataDir::create(file, kFiles); }) ==
          file + " exists and is not a directory");
    CHECK(slurp(file) == "x");
}

TEST_CASE("store: open says what is wrong with the path") {
    TempDir tmp;
    int code = 0;
    const std::string missing = tmp / "missing";
    CHECK(error_of([&] { DataDir::open(missing); }, &code) ==
          "data directory " + missing + " does not exist; create it with: revisit init " + missing +
              " --rules rules/<company>.yaml");
    CHECK(code == kExitIo);
    CHECK(error_of([&] { DataDir::open(tmp.path()); }, &code) ==
          tmp.path() +
              " is not a revisit data directory (no rules.yaml); create one with: revisit init "
              "DIR --rules rules/<company>.yaml");
    CHECK(code == kExitIo);
    CHECK(error_of([&] { DataDir::open(""); }, &code) ==
          "no data directory: pass --data DIR or set REVISIT_DATA");
    CHECK(code == kExitUsage);
    spit(tmp / "file", "x");
    CHECK(error_of([&] { DataDir::open(tmp / "file"); }) == tmp / "file" + " is not a directory");

    spit(tmp / "rules.yaml", "company: x\n");
    CHECK(DataDir::open(tmp.path()).path() == tmp.path());
}

TEST_CASE("store: append creates a missing journal with its header, then only appends") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const DirLock lock = dir.lock_exclusive();
    dir.append("contacts.csv", "id,at\n", "K000001,2026-03-01 10:00\n");
    CHECK(slurp(dir.file("contacts.csv")) == "id,at\nK000001,2026-03-01 10:00\n");
    CHECK(mode_of(dir.file("contacts.csv")) == 0600);
    dir.append("contacts.csv", "id,at\n", "K000002,2026-03-02 10:00\nK000003,2026-03-03 10:00\n");
    CHECK(slurp(dir.file("contacts.csv")) ==
          "id,at\nK000001,2026-03-01 10:00\nK000002,2026-03-02 10:00\nK000003,2026-03-03 10:00\n");
    // An existing journal keeps its own header.
    dir.append("customers.csv", "ignored\n", "row\n");
    CHECK(slurp(dir.file("customers.csv")) ==
          "at,op,id,name,phone,owners,attributes,by,source\nrow\n");
    CHECK(mode_of(dir.file(".lock")) == 0600);
}

TEST_CASE("store: a write that fails half-way leaves the journal exactly as it was") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const std::string path = dir.file("customers.csv");
    const std::string before = slurp(path);
    const std::string record(4096, 'x');

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The file may grow by 100 bytes only: the first write(2) is cut short, the
        // next fails with EFBIG (SIGXFSZ ignored, so the process survives to clean up).
        ::signal(SIGXFSZ, SIG_IGN);
        const rlim_t limit = static_cast<rlim_t>(before.size() + 100);
        struct rlimit rl {
            limit, limit
        };
        if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) ::_exit(10);
        try {
            dir.append("customers.csv", "", record + "\n");
        } catch (const Error& e) {
            const std::string expected =
                "cannot write " + path + ": File too large; nothing was written";
            ::_exit(e.what() == expected && e.exit_code() == kExitIo ? 0 : 12);
        } catch (...) {
            ::_exit(13);
        }
        ::_exit(11);  // no error: the limit did not bite
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(slurp(path) == before);

    // The journal still takes whole records afterwards.
    dir.append("customers.csv", "", "row\n");
    CHECK(slurp(path) == before + "row\n");
}

TEST_CASE("store: the exclusive lock keeps other writers out until released") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    auto other_can_lock = [&] {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            const int fd = ::open(dir.file(".lock").c_str(), O_RDWR);
            ::_exit(fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    };
    {
        const DirLock lock = dir.lock_exclusive();
        CHECK_FALSE(other_can_lock());
    }
    CHECK(other_can_lock());
    {
        const DirLock shared = dir.lock_shared();
        CHECK_FALSE(other_can_lock());  // a writer waits for readers
    }
}

TEST_CASE("store: write_file_atomic replaces the content, owner-only, leaving no temporary") {
    TempDir tmp;
    const std::string path = tmp / "export.csv";
    write_file_atomic(path, "old\n");
    CHECK(slurp(path) == "old\n");
    write_file_atomic(path, "new content\n王\n");
    CHECK(slurp(path) == "new content\n王\n");
    CHECK(mode_of(path) == 0600);
    write_file_atomic(path, "");
    CHECK(slurp(path) == "");
    CHECK(names_in(tmp.path()) == std::set<std::string>{"export.csv"});
    int code = 0;
    const std::string nowhere = tmp / "no/such/dir.csv";
    // The error names the file, not the temporary it was being written as.
    CHECK(error_of([&] { write_file_atomic(nowhere, "x"); }, &code) ==
          "cannot write " + nowhere + ": No such file or directory");
    CHECK(code == kExitIo);
}

TEST_CASE("store: read_text_file reads bytes as they are, and names what is missing") {
    TempDir tmp;
    const std::string path = tmp / "a.csv";
    const std::string bytes =
        std::string("\xEF\xBB\xBFid\r\n") + std::string(100000, 'z') + '\0' + "end";
    spit(path, bytes);
    CHECK(read_text_file(path) == bytes);
    int code = 0;
    CHECK(error_of([&] { read_text_file(tmp / "nope.txt"); }, &code) ==
          "cannot read " + tmp / "nope.txt" + ": No such file or directory");
    CHECK(code == kExitIo);
    CHECK(error_of([&] { read_text_file(tmp.path()); }) ==
          "cannot read " + tmp.path() + ": it is a directory");
}

TEST_CASE(
    "store: an append killed half-way is hidden from readers and cut off by the next writer") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const std::string path = dir.file("customers.csv");
    const std::string before = slurp(path);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The first write(2) stops at the limit; the next one gets SIGXFSZ, which kills the
        // process as SIGKILL would, before it can cut the file back.
        const rlim_t limit = static_cast<rlim_t>(before.size() + 100);
        struct rlimit rl {
            limit, limit
        };
        struct rlimit no_core {
            0, 0
        };
        if (::setrlimit(RLIMIT_FSIZE, &rl) != 0 || ::setrlimit(RLIMIT_CORE, &no_core) != 0)
            ::_exit(10);
        try {
            dir.append("customers.csv", "", std::string(4096, 'x') + "\n");
        } catch (...) {
            ::_exit(12);
        }
        ::_exit(11);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGXFSZ);
    // Torn on disk, with the marker holding the old length.
    CHECK(slurp(path) == before + std::string(100, 'x'));
    CHECK(slurp(dir.file(".pending-customers.csv")) == std::to_string(before.size()) + "\n");

    // Readers (under the shared lock, which cannot repair) stop at the marker.
    {
        const DirLock shared = dir.lock_shared();
        CHECK(dir.read("customers.csv") == before);
        CHECK(dir.readable_size("customers.csv") == static_cast<long long>(before.size()));
        std::vector<std::string> rows;
        dir.read_records("customers.csv", [&](const CsvRecord& r) { rows.push_back(r.fields[0]); });
        CHECK(rows == std::vector<std::string>{"at"});
        CHECK(dir.exists(".pending-customers.csv"));
    }
    // The next exclusive lock cuts the journal back and removes the marker.
    {
        const DirLock lock = dir.lock_exclusive();
        CHECK(slurp(path) == before);
        CHECK_FALSE(dir.exists(".pending-customers.csv"));
        dir.append("customers.csv", "", "row\n");
    }
    CHECK(slurp(path) == before + "row\n");
    CHECK(names_in(dir.path()) ==
          std::set<std::string>{".lock", "rules.yaml", "calendars", "customers.csv"});
}

TEST_CASE(
    "store: a marker left after a whole write still cuts it off: it was never reported done") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const std::string path = dir.file("customers.csv");
    const std::string before = slurp(path);
    spit(path, before + "whole,record\n");
    spit(dir.file(".pending-customers.csv"), std::to_string(before.size()) + "\n");
    spit(dir.file(".pending-contacts.csv.tmp-4242"), "1");  // a marker its writer never renamed
    CHECK(dir.read("customers.csv") == before);
    { const DirLock lock = dir.lock_exclusive(); }
    CHECK(slurp(path) == before);
    CHECK(names_in(dir.path()) ==
          std::set<std::string>{".lock", "rules.yaml", "calendars", "customers.csv"});

    // A journal already shorter than the marker says (edited since) is never extended.
    spit(dir.file(".pending-customers.csv"), "100000\n");
    { const DirLock lock = dir.lock_exclusive(); }
    CHECK(slurp(path) == before);
    CHECK_FALSE(dir.exists(".pending-customers.csv"));
}

TEST_CASE("store: a damaged marker stops readers and writers with what to do") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const std::string before = slurp(dir.file("customers.csv"));
    const std::string marker = dir.file(".pending-customers.csv");
    const std::string expected =
        marker +
        " is damaged: it should hold the length customers.csv had before an unfinished write; "
        "check that customers.csv ends in a whole record, then delete " +
        marker;
    for (const char* text : {"", "12x\n", "-3\n", "99999999999999999999999\n"}) {
        CAPTURE(text);
        spit(marker, text);
        int code = 0;
        CHECK(error_of([&] { dir.read("customers.csv"); }, &code) == expected);
        CHECK(code == kExitError);
        CHECK(error_of([&] { dir.lock_exclusive(); }) == expected);
        CHECK(slurp(dir.file("customers.csv")) == before);
    }
}

TEST_CASE("store: append refuses a journal whose last record has no line end") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const DirLock lock = dir.lock_exclusive();
    const std::string path = dir.file("contacts.csv");
    const std::string torn = "id,note\nK000001,\"two\nlines\"\nK000002,\"cut, off\nhere";
    spit(path, torn);
    int code = 0;
    // The record starts on line 4 (the quoted note spans lines): that is the line to fix.
    CHECK(
        error_of([&] { dir.append("contacts.csv", "id,note\n", "K000003,x\n"); }, &code) ==
        path +
            ":4: the last record has no line end: it was cut off (by a crash or another program); "
            "complete or remove it, then run again; nothing was written");
    CHECK(code == kExitError);
    CHECK(slurp(path) == torn);
    CHECK_FALSE(dir.exists(".pending-contacts.csv"));

    spit(path, torn + "\"\n");  // completed by hand
    dir.append("contacts.csv", "id,note\n", "K000003,x\n");
    CHECK(slurp(path) == torn + "\"\nK000003,x\n");

    spit(path, "");  // emptied by hand: the header comes back first
    dir.append("contacts.csv", "id,note\n", "K000004,x\n");
    CHECK(slurp(path) == "id,note\nK000004,x\n");
}

TEST_CASE("store: append refuses lines that are not valid UTF-8, naming the field") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const DirLock lock = dir.lock_exclusive();
    const std::string path = dir.file("customers.csv");
    const std::string before = slurp(path);
    const std::string header = "at,name,by\n";
    int code = 0;
    CHECK(error_of([&] { dir.append("customers.csv", header, "2026-01-01,\"a,b\",x\xff\n"); },
                   &code) ==
          "cannot write " + path +
              ": field \"by\" of the new record is not valid UTF-8; nothing was written");
    CHECK(code == kExitError);
    CHECK(error_of([&] { dir.append("customers.csv", header, "1,a,b\n2,\"\xfe\nx\",c\n"); }) ==
          "cannot write " + path +
              ": field \"name\" of new record 2 is not valid UTF-8; nothing was written");
    CHECK(slurp(path) == before);
}

TEST_CASE(
    "store: next_record_id rebuilds a damaged .seq file from the journal, never overflowing") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    spit(dir.file("contacts.csv"), "id,at\nK000001,x\nK000007,x\nother,x\n");
    const std::string seq = dir.file(".seq-contacts.csv");
    const NewRecordId first = next_record_id(dir, "contacts.csv", "K");
    CHECK(first.id == "K000008");  // missing: from the journal
    CHECK(first.counter.name == ".seq-contacts.csv");
    CHECK(first.counter.content == "8\n");
    CHECK_FALSE(dir.exists(".seq-contacts.csv"));  // written by the append, not here
    spit(seq, "8\n");
    CHECK(next_record_id(dir, "contacts.csv", "K").id == "K000009");
    spit(seq, "41\n");
    CHECK(next_record_id(dir, "contacts.csv", "K").id == "K000042");  // the file wins when sound
    for (const char* damaged : {"99999999999999999999999\n", "9223372036854775807", "1000000000",
                                "-5\n", "12abc\n", "", " \n"}) {
        CAPTURE(damaged);
        spit(seq, damaged);
        CHECK(next_record_id(dir, "contacts.csv", "K").id == "K000008");
    }
    // Complaint events carry a suffix: P000003-2 is complaint 3.
    spit(dir.file("complaints.csv"), "id,at\nP000001-1,x\nP000003-2,x\n");
    CHECK(next_record_id(dir, "complaints.csv", "P").id == "P000004");

    // An id in the journal beyond the id format is refused, naming the row.
    ::unlink(seq.c_str());
    spit(dir.file("contacts.csv"), "id,at\nK000001,x\nK99999999999,x\n");
    CHECK(error_of([&] { next_record_id(dir, "contacts.csv", "K"); }) ==
          dir.file("contacts.csv") +
              ":3: id \"K99999999999\" is out of range: ids go up to K999999999");
    // The last number handed out: refused rather than wrapping or growing a tenth digit.
    spit(seq, "999999999\n");
    CHECK(error_of([&] { next_record_id(dir, "contacts.csv", "K"); }) ==
          dir.file("contacts.csv") +
              " has used every id up to K999999999: no new one can be given");
    CHECK(slurp(seq) == "999999999\n");
}

TEST_CASE("store: the id counter moves with the append that uses the id, never without it") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const DirLock lock = dir.lock_exclusive();
    const std::string path = dir.file("contacts.csv");
    const std::string seq = dir.file(".seq-contacts.csv");
    spit(path, "id,at\nK000001,x\n");
    const NewRecordId id = next_record_id(dir, "contacts.csv", "K");
    dir.append("contacts.csv", "id,at\n", id.id + ",y\n", {id.counter});
    CHECK(slurp(path) == "id,at\nK000001,x\nK000002,y\n");
    CHECK(slurp(seq) == "2\n");

    // Refused (the last record was cut off): the counter stays, the id is given again.
    spit(path, "id,at\nK000001,x\nK000002,y");
    const NewRecordId next = next_record_id(dir, "contacts.csv", "K");
    CHECK(next.id == "K000003");
    CHECK(error_of([&] {
              dir.append("contacts.csv", "id,at\n", next.id + ",z\n", {next.counter});
          }).find(":3: the last record has no line end") != std::string::npos);
    CHECK(slurp(seq) == "2\n");
    CHECK(slurp(path) == "id,at\nK000001,x\nK000002,y");
    CHECK(next_record_id(dir, "contacts.csv", "K").id == "K000003");

    // The counter cannot be replaced (a directory in its place): the append is cut back.
    spit(path, "id,at\nK000001,x\n");
    fs::create_directory(dir.file("counter"));
    spit(dir.file("counter") + "/keep", "");
    int code = 0;
    CHECK(error_of(
              [&] {
                  dir.append("contacts.csv", "id,at\n", "K000002,y\n", {{"counter", "2\n"}});
              },
              &code) ==
          "cannot write " + dir.file("counter") + ": Is a directory; nothing was written");
    CHECK(code == kExitIo);
    CHECK(slurp(path) == "id,at\nK000001,x\n");
    CHECK(names_in(tmp / "data") == std::set<std::string>{".lock", ".seq-contacts.csv", "calendars",
                                                          "contacts.csv", "counter",
                                                          "customers.csv", "rules.yaml"});

    // A journal the failed append would have created is not left behind.
    CHECK(error_of([&] {
              dir.append("new.csv", "id,at\n", "K000001,y\n", {{"counter", "1\n"}});
          }).rfind("cannot write " + dir.file("counter"), 0) == 0);
    CHECK_FALSE(dir.exists("new.csv"));
}

TEST_CASE("store: loose_modes names the first entry others can read, and the repair") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const std::string path = dir.path();
    CHECK(dir.loose_modes() == "");
    ::chmod(path.c_str(), 0755);  // as cp -r or git leave it
    CHECK(dir.loose_modes() ==
          path + " is readable by others (mode 0755): chmod -R go-rwx " + path);
    ::chmod(path.c_str(), 0711);  // others pass through: a file they can read by name
    ::chmod(dir.file("customers.csv").c_str(), 0646);
    CHECK(dir.loose_modes() ==
          path + "/customers.csv is readable by others (mode 0646): chmod -R go-rwx " + path);
    ::chmod(dir.file("customers.csv").c_str(), 0602);
    CHECK(dir.loose_modes() ==
          path + "/customers.csv is writable by others (mode 0602): chmod -R go-rwx " + path);
    ::chmod(path.c_str(), 0710);  // only the group passes: what others could read is moot
    CHECK(dir.loose_modes() == "");
    ::chmod(dir.file("calendars/cn.yaml").c_str(), 0640);
    CHECK(dir.loose_modes() == "");  // calendars/ is 0700
    ::chmod(dir.file("calendars").c_str(), 0710);
    CHECK(dir.loose_modes() == path +
                                   "/calendars/cn.yaml is readable by its group (mode 0640): "
                                   "chmod -R go-rwx " +
                                   path);
    ::chmod(path.c_str(), 02710);  // setgid: shared with the group on purpose
    CHECK(dir.loose_modes() == "");
    ::chmod(path.c_str(), 02711);  // others pass through
    CHECK(dir.loose_modes() == path +
                                   "/customers.csv is writable by others (mode 0602): chmod -R "
                                   "o-rwx " +
                                   path);
}

TEST_CASE("store: an append gives the journal its owner-only mode back") {
    TempDir tmp;
    const DataDir dir = DataDir::create(tmp / "data", kFiles);
    const DirLock lock = dir.lock_exclusive();
    ::chmod(dir.file("customers.csv").c_str(), 0644);
    dir.append("customers.csv", "", "row\n", {{".seq-x", "1\n"}});
    CHECK(mode_of(dir.file("customers.csv")) == 0600);
    CHECK(mode_of(dir.file(".seq-x")) == 0600);
    CHECK(mode_of(dir.file(".lock")) == 0600);
}

TEST_CASE("store: create with a group makes a directory the group shares, whatever the umask") {
    TempDir tmp;
    const group* own = ::getgrgid(::getegid());
    REQUIRE(own != nullptr);
    const mode_t old_umask = ::umask(077);
    const DataDir dir = DataDir::create(tmp / "data", kFiles, own->gr_name);
    {
        const DirLock lock = dir.lock_exclusive();
        dir.append("contacts.csv", "id\n", "K000001\n", {{".seq-contacts.csv", "1\n"}});
    }
    ::umask(old_umask);
    CHECK(mode_of(dir.path()) == 02770);
    CHECK(mode_of(dir.file("calendars")) == 02770);
    for (const char* name : {"rules.yaml", "calendars/cn.yaml", "customers.csv", ".lock",
                             "contacts.csv", ".seq-contacts.csv"}) {
        CAPTURE(name);
        CHECK(mode_of(dir.file(name)) == 0660);
        struct stat st {};
        REQUIRE(::stat(dir.file(name).c_str(), &st) == 0);
        CHECK(st.st_gid == own->gr_gid);
    }
    CHECK(dir.loose_modes() == "");

    int code = 0;
    CHECK(error_of([&] { DataDir::create(tmp / "other", kFiles, "no-such-group-xyz"); }, &code) ==
          "unknown group \"no-such-group-xyz\": no such group on this system");
    CHECK(code == kExitError);
    CHECK(names_in(tmp.path()) == std::set<std::string>{"data"});
}
