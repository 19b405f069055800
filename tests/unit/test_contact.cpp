// lib/model/contact_edit and lib/model/contact: a contact as staff type it, checked against the
// rules file and the book; amendments and the record they supersede.

#include <doctest/doctest.h>

#include "csv/csv.h"
#include "journal/fold.h"
#include "journal_sample.h"
#include "model/contact.h"
#include "model/contact_edit.h"
#include "policy/policy_loader.h"
#include "util/error.h"

using namespace revisit;
using namespace revisit::test;

namespace {

ContactInput typed(const std::string& customer, const std::string& channel,
                   const std::string& outcome) {
    ContactInput in;
    in.customer = customer;
    in.channel = channel;
    in.outcome = outcome;
    in.staff = "王";
    in.at = t("2026-03-05 10:00");
    in.now = t("2026-03-05 10:05");
    return in;
}

}  // namespace

TEST_CASE("contact edit: a finding is checked against the rules file") {
    const Policy p = journal_policy();
    const CustomerBook book = book_of(kCustomers);
    std::vector<std::string> problems;
    ContactInput in = typed("A", "phone", "reached");
    in.finding = "quality";
    in.finding_note = "墙面裂缝";
    const ContactRecord r = make_contact_record(p, book, in, problems);
    CHECK(problems.empty());
    CHECK(r.finding == "quality");
    CHECK(r.finding_note == "墙面裂缝");

    in.finding = "qualty";
    make_contact_record(p, book, in, problems);
    CHECK(
        problems ==
        Lines{"unknown finding \"qualty\" (did you mean \"quality\"?); allowed: quality, service"});

    problems.clear();
    in.finding = "";
    make_contact_record(p, book, in, problems);
    CHECK(problems == Lines{"--finding-note goes with --finding KIND"});

    problems.clear();
    in.finding = "quality";
    make_contact_record(
        parse_policy("company: x\nchannels: [{id: phone}]\noutcomes: [{id: reached}]\n", "r.yaml"),
        book, in, problems);
    CHECK(problems == Lines{"unknown finding \"quality\": the rules file declares no findings (add "
                            "a \"findings:\" section)"});
}

TEST_CASE("contact edit: missing and unknown fields are all reported") {
    const Policy p = journal_policy();
    std::vector<std::string> problems;
    ContactInput in;
    in.at = in.now = t("2026-03-05 10:00");
    make_contact_record(p, book_of(kCustomers), in, problems);
    CHECK(problems ==
          Lines{"missing CUSTOMER: the id of the customer contacted (or --amend RECORD_ID)",
                "missing --channel; allowed: visit, phone, sms",
                "missing --outcome; allowed: reached, no-answer",
                "a contact names the staff member who made it (--staff)"});
    problems.clear();
    in = typed("A", "visit", "reached");
    in.at = t("2026-03-05 10:20");  // 15 minutes after "now": more than the 10 allowed
    make_contact_record(p, book_of(kCustomers), in, problems);
    CHECK(problems == Lines{"a visit record needs --signature",
                            "--at 2026-03-05 10:20 is in the future (now 2026-03-05 10:05)"});
}

TEST_CASE(
    "contact edit: an amendment copies the record, changes what is given, and supersedes it") {
    const Policy p = journal_policy();
    const CustomerBook book = book_of(kCustomers);
    ContactRecord original = contact("K000001", "A", "2026-03-03 10:00", "phone", "reached", "王");
    original.note = "有意向";
    original.set = {{"stage", "old"}};
    std::vector<ContactRecord> journal{original};

    std::vector<std::string> problems;
    ContactInput in;
    in.outcome = "no-answer";
    in.now = t("2026-03-05 09:00");
    const ContactRecord amendment =
        make_amendment(p, book, find_amend_target(journal, "K000001"), in, {"outcome"}, problems);
    REQUIRE(problems.empty());
    CHECK(amendment.amends == "K000001");
    CHECK(amendment.customer == "A");  // taken from the amended record
    CHECK(amendment.at == original.at);
    CHECK(amendment.outcome == "no-answer");
    CHECK(amendment.channel == "phone");
    CHECK(amendment.staff == "王");
    CHECK(amendment.note == "有意向");
    CHECK(amendment.set == KeyValues{{"stage", "old"}});
    CHECK(amendment.logged_at == t("2026-03-05 09:00"));

    ContactRecord k2 = amendment;
    k2.id = "K000002";
    journal.push_back(k2);
    CHECK(effective_contacts(journal).size() == 1);
    CHECK(effective_contacts(journal)[0].id == "K000002");

    // Already amended: says by which record; unknown ids; another customer; no change.
    problems.clear();
    make_amendment(p, book, find_amend_target(journal, "K000001"), in, {"outcome"}, problems);
    CHECK(problems == Lines{"--amend K000001: record K000001 was already amended by K000002; amend "
                            "K000002 instead"});
    problems.clear();
    make_amendment(p, book, find_amend_target(journal, "K000009"), in, {"outcome"}, problems);
    CHECK(problems == Lines{"--amend K000009: the journal has no contact record \"K000009\""});
    problems.clear();
    in.customer = "B";
    make_amendment(p, book, find_amend_target(journal, "K000002"), in, {"customer", "outcome"},
                   problems);
    CHECK(problems == Lines{"--amend K000002: record K000002 is for customer A, not B"});
    problems.clear();
    in.customer = "A";
    make_amendment(p, book, find_amend_target(journal, "K000002"), in, {"customer", "outcome"},
                   problems);
    CHECK(problems == Lines{"--amend K000002: nothing to change: every given value is already that "
                            "of record K000002"});

    // A chain: the amendment of an amendment leaves only the last one effective.
    problems.clear();
    in.note = "";
    const ContactRecord k3 =
        make_amendment(p, book, find_amend_target(journal, "K000002"), in, {"note"}, problems);
    REQUIRE(problems.empty());
    CHECK(k3.note.empty());
    CHECK(k3.amends == "K000002");
    journal.push_back(k3);
    journal.back().id = "K000003";
    CHECK(effective_contacts(journal).size() == 1);
    CHECK(effective_contacts(journal)[0].id == "K000003");
}

TEST_CASE("contact edit: the amended record is found streaming, decoding only its rows") {
    ContactRecord k1 = contact("K000001", "A", "2026-03-03 10:00", "phone", "reached", "王");
    k1.note = "多行\n备注, \"引号\"";
    ContactRecord k2 = contact("K000002", "B", "2026-03-04 10:00", "phone", "reached", "李");
    ContactRecord k3 = k1;
    k3.id = "K000003";
    k3.amends = "K000001";
    std::string text = csv_line(contact_columns());
    for (const auto& r : {k1, k2, k3}) text += csv_line(contact_record_fields(r));
    auto scan = [&](const std::string& journal, const std::string& id) {
        AmendTargetScan s(id, "contacts.csv");
        for (const auto& r : parse_csv(journal, "contacts.csv")) s.feed(r);
        return s.target();
    };
    const AmendTarget t1 = scan(text, "K000001");
    REQUIRE(t1.original.has_value());
    CHECK(t1.original->note == k1.note);
    CHECK(t1.amended_by == "K000003");
    const AmendTarget t2 = scan(text, "K000002");
    CHECK(t2.original->customer == "B");
    CHECK(t2.amended_by == "");
    CHECK_FALSE(scan(text, "K000009").original.has_value());
    // A damaged row is reported even when it is not the one looked for.
    CHECK_THROWS_WITH(scan(text + "K000004,2026-03-05 10:00\n", "K000001"),
                      "contacts.csv:7:25: expected 15 fields as in the header, found 2");
}
