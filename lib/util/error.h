#pragma once
// One domain exception type for every user-facing failure. main() catches it once,
// prints "revisit: error: <what>" and exits with `exit_code`.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace revisit {

enum ExitCode : int {
    kExitOk = 0,
    kExitError = 1,         // bad input, bad data, refused operation
    kExitUsage = 2,         // unknown flag, missing argument
    kExitIo = 3,            // the data directory cannot be read or written
    kExitSurveyInvalid = 4  // survey-stats --require-valid on an invalid survey
};

// Where in a user-edited file something went wrong. line/column count from 1; 0 = unknown.
// The column counts characters, as editors do (not bytes).
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
    // The text of `line` without its line end, set by the reader that had the text; printed
    // under the message with a caret at `column` (source_excerpt). Empty: nothing to show.
    // Of a long line only the 320 bytes each side of the column are kept (so that many
    // problems on a huge line stay small); `source_column` is the column of its first
    // character.
    std::string source = {};
    int source_column = 1;
    std::string prefix() const;  // "file:line:column: " with the unknown parts left out
};

// The Location of byte `pos` of `text`, which is on line `line` of `file`: the column in
// characters from the start of that line, and the line's text.
Location locate(const std::string& file, int line, std::string_view text, size_t pos);

// The same from the line's text alone (without its line end) and the column of `pos` in it,
// for a reader that counts columns as it goes.
Location locate_in_line(const std::string& file, int line, int column, std::string_view text,
                        size_t pos);

// Characters in `text` as columns count them: bytes that do not continue a UTF-8 sequence.
int character_count(std::string_view text);

// What is printed under a message about `where`, "" when it has no source text:
//   "  <the line>\n  <spaces>^"
// Indented two spaces; blanks before the column dropped; tabs expanded to stops of 8;
// the caret under the column's first terminal cell (CJK characters take two); a line
// wider than 72 columns cut around the column, "..." marking each cut; control
// characters and malformed UTF-8 shown as "?"; column 0: the line without a caret.
std::string source_excerpt(const Location& where);

// One problem at one place.
struct Diagnostic {
    Location where;
    std::string message;
    std::string str() const { return where.prefix() + message; }  // "file:line:column: message"
};

// Each diagnostic's str(), in order.
std::vector<std::string> diagnostic_texts(const std::vector<Diagnostic>& diagnostics);

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, int exit_code = kExitError);
    Error(const Location& where, const std::string& message, int exit_code = kExitError);
    // Several problems (at least one); what() lists them one per line.
    explicit Error(std::vector<Diagnostic> diagnostics, int exit_code = kExitError);
    // Every problem with its location: one for the first two constructors.
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    const Location& where() const { return diagnostics_.front().where; }  // the first's
    const std::string& message() const { return diagnostics_.front().message; }
    int exit_code() const { return exit_code_; }

  private:
    std::vector<Diagnostic> diagnostics_;
    int exit_code_;
};

}  // namespace revisit
