#pragma once
// `due --format ics`: the call list as an iCalendar file (RFC 5545) for staff who plan in a
// calendar app: one event per line of the list, on the list's day, in the first of its call
// windows, or all day when it has none (an SMS). Values in, a string out; the time zone
// arithmetic is given in (`to_utc`), so this stays pure.
//
// Times are written in UTC ("DTSTART:20261125T020000Z"), not as TZID= with a VTIMEZONE:
// every calendar app reads UTC times and shows them in the viewer's zone, while a VTIMEZONE
// would have to copy the zone's rules out of the tz database (which lib/ does not read, and
// a copy goes stale) and Outlook ignores a bare IANA TZID without one.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"
#include "schedule/due.h"
#include "util/date.h"

namespace revisit {

// The UTC time of a wall-clock time in the rules' time zone (cli/ asks the tz database).
using ToUtc = std::function<DateTime(DateTime local)>;

// The calendar for `items` on `today`. UID: "DATE-CUSTOMER-RULE@revisit.invalid" (the day,
// the customer id and the first reason's rule id, bytes other than letters, digits and
// ". _ -" as %XX), the same on every run, so importing a day's list again updates its events;
// DTSTAMP: the start of `today` (never the clock: the output depends on the inputs only).
// SUMMARY: the customer's name and the channel; DESCRIPTION: customer id, phone, channel,
// call window, due-by, the reasons with their rule ids and clauses, the SMS text. CRLF line
// ends, lines folded at 75 octets. No items: a calendar without events.
std::string render_due_ics(const Policy& policy, const std::vector<DueItem>& items, Date today,
                           const ToUtc& to_utc);

// A TEXT value: \ ; , escaped with a backslash, a line end (CRLF, LF or CR) as \n, other
// control characters dropped.
std::string ics_text(std::string_view value);

// One content line, folded: at most 75 octets a line, the continuations starting with a
// space, never inside a UTF-8 character; each line ends with CRLF.
std::string ics_line(std::string_view line);

}  // namespace revisit
