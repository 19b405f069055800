#pragma once
// What every subcommand shares: the global options, how to register a subcommand,
// opening the data directory, "now" and "today", and output helpers.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "calendar/working_calendar.h"
#include "policy/policy.h"
#include "store/data_dir.h"
#include "util/date.h"

namespace revisit::cli {

struct GlobalOptions {
    std::string data_dir;  // --data or REVISIT_DATA
};

// Each cli/cmd_*.cpp defines one of these; main.cpp lists them.
using RegisterCommand = void (*)(CLI::App& app, const GlobalOptions& global);

// The data directory; a warning on stderr when others can read it (DataDir::loose_modes).
DataDir open_data(const GlobalOptions& global);

// --at/--today when given (validated), else the clock in the policy's time zone.
DateTime now_or(const std::string& at, const Policy& policy);
Date today_or(const std::string& today, const Policy& policy);

// What a command on a data directory starts with, made once and passed explicitly: the
// directory (--data or REVISIT_DATA), its rules file, its calendar when the command counts
// working days, and "now" and "today" in the rules' time zone.
struct Context {
    enum class Calendar { Skip, Load };
    static Context open(const GlobalOptions& global, Calendar calendar = Calendar::Skip);

    DateTime now(const std::string& at) const { return now_or(at, policy); }
    // A record's two times: when it is entered (--now, else the clock) and when what it
    // records happened (--at, else the same).
    struct RecordTimes {
        DateTime now, at;
    };
    RecordTimes record_times(const std::string& at, const std::string& now_flag) const {
        const DateTime entered = now(now_flag);
        return {entered, at.empty() ? entered : now(at)};
    }
    Date today(const std::string& day) const { return today_or(day, policy); }
    // Readers read a snapshot, taking the shared lock only while it is made (store.h
    // read_snapshot), so they hold no writer back.
    DataDir read_snapshot() const;
    // Writers take the exclusive lock (store/data_dir.h) once the indexes of the `journals`
    // they read under it are up to date, brought there without it (refresh_indexes): under
    // the lock only what was appended meanwhile is scanned.
    DirLock write_lock(const std::vector<std::string>& journals) const;

    DataDir dir;
    Policy policy;
    WorkingCalendar calendar;  // weekends only unless loaded
};

// Who enters a record, for the `by` column: `by` (--by) when given, else $USER, else
// "unknown"; one line of valid text, or an Error.
std::string entered_by(const std::string& by);

// The text of note-like options (--note, --summary ...), so that customer data need not
// appear in `ps` or the shell's history: "@FILE" is the content of FILE, "-" standard input
// (one option per command), "@@..." the text "@..."; anything else is the text itself. What
// a file or stdin holds loses one final line end ("\n" or "\r\n") and a UTF-8 BOM.
class TextArguments {
  public:
    std::string read(const std::string& flag, const std::string& value);

  private:
    std::string stdin_flag_;  // the option that read standard input, if one did
};

// Rows as a table aligned by display width (CJK counts double), a line each; printed, or
// as text (for `-o FILE`).
std::string table_text(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows);
void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

// Throws an Error listing `problems` one per line (prefixed with `context`) when any.
void fail_if(const std::vector<std::string>& problems, const std::string& context = "");

}  // namespace revisit::cli
