// lib/util/error.h: the place of a problem, printed in front of its message, and the exit
// code that travels with it.

#include <doctest/doctest.h>

#include <string>

#include "util/error.h"

using namespace revisit;

TEST_CASE("util/error: a location prints only the parts that are known") {
    Location where;
    CHECK(where.prefix() == "");
    where.line = 3;
    where.column = 5;
    CHECK(where.prefix() == "");  // a line of no file is no place
    where.file = "rules.yaml";
    CHECK(where.prefix() == "rules.yaml:3:5: ");
    where.column = 0;
    CHECK(where.prefix() == "rules.yaml:3: ");
    where.line = 0;
    where.column = 7;  // a column without its line says nothing
    CHECK(where.prefix() == "rules.yaml: ");
}

TEST_CASE("util/error: an error reads as its location and message, with its exit code") {
    Location where;
    where.file = "customers.csv";
    where.line = 7;
    const Error located(where, "update of unknown customer \"C000009\"");
    CHECK(std::string(located.what()) == "customers.csv:7: update of unknown customer \"C000009\"");
    CHECK(located.message() == "update of unknown customer \"C000009\"");
    CHECK(located.where().file == "customers.csv");
    CHECK(located.where().line == 7);
    CHECK(located.exit_code() == kExitError);
    const Error plain("the data directory cannot be read", kExitIo);
    CHECK(std::string(plain.what()) == "the data directory cannot be read");
    CHECK(plain.where().prefix() == "");
    CHECK(plain.exit_code() == 3);
}
