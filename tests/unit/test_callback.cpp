// Callbacks (log-call --callback): the form typed and its checks (lib/model/contact_edit), the
// promise column that stores them (lib/model/contact), the fold that keeps them open until a
// later counting contact (lib/journal), and the due item they make (lib/schedule): due on
// their day at their time, for do-not-disturb customers too, merged with other reasons.

#include <doctest/doctest.h>

#include "journal/fold.h"
#include "journal_sample.h"
#include "model/contact.h"
#include "model/contact_edit.h"
#include "report/history.h"
#include "schedule/due.h"

using namespace revisit;
using namespace revisit::test;

namespace {

// A customer who asked not to be called (unless: referral) and a rule for everyone else.
const std::string kRules =
    "company: 测试公司\n"
    "attributes:\n"
    "  stage: {type: enum, values: [new, old], required: true}\n"
    "  referral: {type: enum, values: [leader]}\n"
    "channels: [{id: visit}, {id: phone}, {id: sms}]\n"
    "outcomes: [{id: reached, counts: true}, {id: no-answer}]\n"
    "call_windows: ['10:00-11:30', '15:30-17:00']\n"
    "rules:\n"
    "  - {id: weekly, clause: 一, anchor: created, every: 7d, channel: phone,\n"
    "     unless: {referral: leader}}\n";

Policy policy() { return parse_policy(kRules, "rules.yaml"); }

ContactInput typed(const char* at, const std::string& callback) {
    ContactInput in;
    in.customer = "A";
    in.channel = "phone";
    in.outcome = "reached";
    in.staff = "王";
    in.at = t(at);
    in.now = t(at);
    in.callback = callback;
    return in;
}

// The callback column `make_contact_record` stores for `in`, or its problems joined.
std::string stored(const ContactInput& in) {
    std::vector<std::string> problems;
    const ContactRecord r =
        make_contact_record(journal_policy(), book_of(kCustomers), in, problems);
    std::string out;
    for (const auto& p : problems) out += (out.empty() ? "" : "\n") + p;
    return problems.empty() ? r.promise : out;
}

ContactRecord record(const std::string& id, const char* at, const std::string& outcome,
                     const std::string& promise = "", const std::string& note = "") {
    ContactRecord r = contact(id, "C1", at, "phone", outcome, "王");
    r.promise = promise;
    r.promise_note = note;
    return r;
}

// The history of C1 from `records`, folded and finished as every reader does.
CustomerHistory history_of(const Policy& p, const std::vector<ContactRecord>& records) {
    Customer c = customer_at("2026-03-01 09:00");
    CustomerHistory h;
    for (const auto& r : records) apply_contact(p, c, h, r);
    finish_history(p, h);
    return h;
}

// "rule due_by [+N]" of each reason of `c` on `day`.
Lines due_on(const Policy& p, const Customer& c, const CustomerHistory& h, const char* day) {
    Lines out;
    for (const DueReason& r : due_reasons(p, WorkingCalendar(), c, h, d(day)))
        out.push_back(r.rule_id + " " + r.due_by.str() +
                      (r.days_overdue ? " +" + std::to_string(r.days_overdue) : ""));
    return out;
}

}  // namespace

TEST_CASE("callback: the form typed: a time, or +Nd / +Nh after the contact") {
    const DateTime at = t("2026-03-05 10:20");
    CHECK(parse_callback("2026-03-08 15:00", at) == t("2026-03-08 15:00"));
    CHECK(parse_callback("+3d", at) == t("2026-03-08 10:20"));
    CHECK(parse_callback("+2h", at) == t("2026-03-05 12:20"));
    CHECK(parse_callback("+999h", at) == t("2026-04-16 01:20"));
    for (const char* bad :
         {"2026-03-08", "2026-03-08 25:00", "tomorrow", "+2x", "+d", "+1000d", "+-1d", "15:00", ""})
        CHECK_MESSAGE(!parse_callback(bad, at), bad);
}

TEST_CASE("callback: stored as the time in the promise column, checked against the contact") {
    CHECK(stored(typed("2026-03-05 10:20", "+3d")) == "2026-03-08 10:20");
    CHECK(stored(typed("2026-03-05 10:20", "2026-03-08 15:00")) == "2026-03-08 15:00");
    CHECK(stored(typed("2026-03-05 10:20", "2026-03-05T15:00")) == "2026-03-05 15:00");
    CHECK(stored(typed("2026-03-05 10:20", "2026-03-05 10:20")) ==
          "--callback 2026-03-05 10:20 is not after the contact (2026-03-05 10:20)");
    CHECK(stored(typed("2026-03-05 10:20", "2026-03-04 15:00")) ==
          "--callback 2026-03-04 15:00 is not after the contact (2026-03-05 10:20)");
    CHECK(stored(typed("2026-03-05 10:20", "2027-03-05 10:20")) == "2027-03-05 10:20");
    CHECK(stored(typed("2026-03-05 10:20", "2027-03-05 10:21")) ==
          "--callback 2027-03-05 10:21 is more than a year after the contact (2026-03-05 10:20)");
    CHECK(stored(typed("2026-03-05 10:20", "+400d")) ==
          "--callback 2027-04-09 10:20 is more than a year after the contact (2026-03-05 10:20)");
    CHECK(stored(typed("2026-03-05 10:20", "2026-03-08")) ==
          "--callback \"2026-03-08\" is not a time; expected \"YYYY-MM-DD HH:MM\", +Nd or +Nh");

    ContactInput both = typed("2026-03-05 10:20", "+1d");
    both.promise = "+2d";
    CHECK(stored(both) ==
          "--callback and --promise cannot both be given: a contact holds one promise, a reply "
          "by a day (--promise) or a call back at a time (--callback)");
    both.promise = "+2x";
    both.callback = "soon";
    CHECK(promise_form_problems(both) ==
          Lines{"--promise \"+2x\" is not a date; expected YYYY-MM-DD or +Nd",
                "--callback \"soon\" is not a time; expected \"YYYY-MM-DD HH:MM\", +Nd or +Nh",
                "--callback and --promise cannot both be given: a contact holds one promise, a "
                "reply by a day (--promise) or a call back at a time (--callback)"});

    // The promise note is the callback's note too; alone it goes with neither.
    ContactInput noted = typed("2026-03-05 10:20", "+1d");
    noted.promise_note = "看房时间";
    CHECK(stored(noted) == "2026-03-06 10:20");
    noted.callback = "";
    CHECK(stored(noted) == "--promise-note goes with --promise DATE or --callback TIME");
}

TEST_CASE("callback: the promise column holds a day (a reply) or a time (a callback)") {
    const auto reply = parse_stored_promise("2026-03-08");
    REQUIRE(reply);
    CHECK(reply->due == d("2026-03-08"));
    CHECK(reply->callback == -1);
    const auto callback = parse_stored_promise("2026-03-08 15:00");
    REQUIRE(callback);
    CHECK(callback->due == d("2026-03-08"));
    CHECK(callback->callback == 15 * 60);
    CHECK_FALSE(parse_stored_promise(""));
    CHECK_FALSE(parse_stored_promise("2026-03-08T15:00"));  // never written so
    CHECK_FALSE(parse_stored_promise("soon"));

    ContactRecord r = record("K000001", "2026-03-05 10:20", "reached", "2026-03-08 15:00", "看房");
    CHECK(contact_summary(r) == "phone reached; callback: 2026-03-08 15:00 看房");
    r.promise = "2026-03-08";
    CHECK(contact_summary(r) == "phone reached; promise: 2026-03-08 看房");
}

TEST_CASE("callback: an amendment keeps it, or replaces it by what is given") {
    const Policy p = journal_policy();
    const CustomerBook book = book_of(kCustomers);
    ContactRecord original = contact("K000001", "A", "2026-03-05 10:20", "phone", "reached", "王");
    original.promise = "2026-03-08 15:00";
    const AmendTarget target = find_amend_target({original}, "K000001");
    auto amend = [&](const ContactInput& in, const Lines& given) {
        std::vector<std::string> problems;
        const ContactRecord r = make_amendment(p, book, target, in, given, problems);
        REQUIRE(problems.empty());
        return r.promise;
    };
    ContactInput in;
    in.now = t("2026-03-05 18:00");
    in.note = "改";
    CHECK(amend(in, {"note"}) == "2026-03-08 15:00");
    in.promise = "2026-03-09";
    CHECK(amend(in, {"promise"}) == "2026-03-09");
    in.promise = "";
    in.callback = "+1h";
    CHECK(amend(in, {"callback"}) == "2026-03-05 11:20");
}

TEST_CASE("callback: due on its day at its time, overdue after, for do-not-disturb customers") {
    const Policy p = policy();
    const CustomerHistory h = history_of(
        p, {record("K000001", "2026-03-05 10:20", "reached", "2026-03-08 15:00", "看房")});
    REQUIRE(h.promises.size() == 1);
    CHECK(h.promises[0].callback == 15 * 60);
    const Customer dnd = customer_at("2026-03-01 09:00", {{"referral", "leader"}});
    CHECK(due_on(p, dnd, h, "2026-03-07") == Lines{});
    CHECK(due_on(p, dnd, h, "2026-03-08") == Lines{"callback 2026-03-08"});
    CHECK(due_on(p, dnd, h, "2026-03-10") == Lines{"callback 2026-03-08 +2"});
    CHECK(due_on(p, dnd, CustomerHistory(), "2026-03-10") == Lines{});  // the rule stays quiet

    const auto reasons = due_reasons(p, WorkingCalendar(), dnd, h, d("2026-03-09"));
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0].reason == "预约回电 15:00：看房");
    CHECK(reasons[0].channel == "phone");
    CHECK(reasons[0].callback == 15 * 60);
    CHECK(reasons[0].priority == 70);
    CHECK(reasons[0].explain ==
          Lines{"contact K000001 on 2026-03-05 10:20: the customer asked to be called back at "
                "2026-03-08 15:00",
                "no counting contact since", "due by 2026-03-08: 1 day(s) overdue"});
    const CustomerHistory bare =
        history_of(p, {record("K000001", "2026-03-05 10:20", "reached", "2026-03-08 09:30")});
    CHECK(due_reasons(p, WorkingCalendar(), dnd, bare, d("2026-03-08"))[0].reason ==
          "预约回电 09:30");
}

TEST_CASE("callback: merged into the customer's line, whose window is the time asked for") {
    const Policy p = policy();
    const DuePlan plan(p, WorkingCalendar());
    const Customer c = customer_at("2026-03-01 09:00");
    DueOptions options;
    options.explain = false;
    const CustomerHistory h =
        history_of(p, {record("K000001", "2026-03-05 10:20", "no-answer", "2026-03-08 15:00")});
    const auto item = due_item(plan, c, h, d("2026-03-08"), options, nullptr);
    REQUIRE(item);
    REQUIRE(item->reasons.size() == 2);
    CHECK(item->reasons[0].rule_id == "callback");  // a promise made comes first
    CHECK(item->reasons[1].rule_id == "weekly");
    CHECK(item->due_by == d("2026-03-08"));
    CHECK(item->channel == "phone");
    CHECK(item->call_window == "15:00");
    // Without the callback, the rules' call windows.
    const auto plain = due_item(plan, c, CustomerHistory(), d("2026-03-08"), options, nullptr);
    REQUIRE(plain);
    CHECK(plain->call_window == "10:00-11:30 15:30-17:00");
}

TEST_CASE("callback: a later counting contact clears it; a no-answer does not") {
    const Policy p = policy();
    const ContactRecord asked =
        record("K000001", "2026-03-05 10:20", "reached", "2026-03-08 15:00");
    CHECK(history_of(p, {asked, record("K000002", "2026-03-08 15:05", "no-answer")})
              .promises.size() == 1);
    CHECK(
        history_of(p, {asked, record("K000002", "2026-03-08 15:05", "reached")}).promises.empty());
    CHECK(history_of(p, {asked, record("K000002", "2026-03-06 09:00", "reached")})
              .promises.empty());  // any later counting contact, as for promises
    CHECK(
        history_of(p, {record("K000002", "2026-03-05 09:00", "reached"), asked}).promises.size() ==
        1);  // an earlier one does not
}

TEST_CASE("callback: a replayed day folds only what had happened by its end") {
    const Policy p = policy();
    const std::vector<ContactRecord> journal{
        record("K000001", "2026-03-05 10:20", "reached", "2026-03-08 15:00"),
        record("K000002", "2026-03-09 10:00", "reached")};
    auto due_as_of = [&](const char* day) {
        BookFold fold(&p, DateTime::at(d(day)).add_minutes(24 * 60 - 1));
        CustomerRecord add = add_record("2026-03-01 09:00", "C1", "张三", {"王"});
        add.set = {{"stage", "new"}, {"referral", "leader"}};
        fold.customer_record(add, "customers.csv");
        for (size_t i = 0; i < journal.size(); ++i)
            fold.contact(journal[i], "contacts.csv", static_cast<int>(i) + 2);
        fold.finish();
        return due_on(p, fold.book.all()[0], fold.histories[0], day);
    };
    CHECK(due_as_of("2026-03-08") == Lines{"callback 2026-03-08"});
    CHECK(due_as_of("2026-03-09") == Lines{});  // answered at 10:00 that day
}
