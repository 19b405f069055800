#pragma once
// `due --format html`: the call list as one self-contained page to mail or pin up. Inline
// CSS only (no scripts, no external files), simple tables a mail client shows; on a narrow
// screen (a phone, 400 px) each row stacks into labelled lines, and it prints on A4. The
// labels are in Chinese and English (the rules file has no language of its own). Every
// text from the data and the rules is HTML-escaped. Values in, a string out. Pure.

#include <string>
#include <vector>

#include "policy/policy.h"
#include "schedule/due.h"
#include "util/date.h"

namespace revisit {

// The page for `items` (in DueOrder) on `today`: a section per staff member (owner), by
// name, each with the customers they own, most overdue first; a customer with several
// owners is in each of their sections (as `due --staff` lists it), the others named beside
// it; customers without an owner come last. Each line: customer id and name, phone (a tel:
// link), channel, call window, due-by and days overdue, the reasons with their rule ids and
// clauses (and the chains when `--explain` built them), the SMS text when there is one.
// No items: a page that says nothing is due. `staff` (the list of `due --staff`) keeps only
// that owner's section.
std::string render_due_html(const Policy& policy, const std::vector<DueItem>& items, Date today,
                            const std::string& staff = "");

}  // namespace revisit
