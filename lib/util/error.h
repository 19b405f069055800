#pragma once
// One domain exception type for every user-facing failure. main() catches it once,
// prints "revisit: error: <what>" and exits with `exit_code`.

#include <stdexcept>
#include <string>

namespace revisit {

enum ExitCode : int {
    kExitOk = 0,
    kExitError = 1,        // bad input, bad data, refused operation
    kExitUsage = 2,        // unknown flag, missing argument
    kExitIo = 3,           // the data directory cannot be read or written
    kExitSurveyInvalid = 4 // survey-stats --require-valid on an invalid survey
};

// Where in a user-edited file something went wrong. line/column count from 1; 0 = unknown.
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
    std::string prefix() const;  // "file:line:column: " with the unknown parts left out
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, int exit_code = kExitError);
    Error(const Location& where, const std::string& message, int exit_code = kExitError);
    const Location& where() const { return where_; }
    const std::string& message() const { return message_; }
    int exit_code() const { return exit_code_; }

private:
    Location where_;
    std::string message_;
    int exit_code_;
};

}  // namespace revisit
