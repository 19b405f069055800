// lib/journal: the one fold of the journals (fold.h), the records a saved fold lacks
// (delta.h), customer sources (source.h); and lib/util/parallel.h, which the scans run on.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <set>
#include <stdexcept>

#include "journal/delta.h"
#include "journal/fold.h"
#include "journal/source.h"
#include "util/error.h"
#include "util/parallel.h"

using namespace revisit;

namespace {

DateTime t(const char* text) { return DateTime::parse(text).value(); }

Policy phone_policy() {
    Policy p;
    for (const char* id : {"phone", "sms"}) {
        ChannelSpec c;
        c.id = id;
        p.channels.push_back(c);
    }
    OutcomeSpec reached;
    reached.id = "reached";
    reached.counts = true;
    OutcomeSpec no_answer;
    no_answer.id = "no-answer";
    p.outcomes = {reached, no_answer};
    return p;
}

CustomerRecord record(const char* op, const char* at, const std::string& id, KeyValues set = {},
                      int line = 0) {
    CustomerRecord r;
    r.op = op;
    r.at = t(at);
    r.id = id;
    r.name = std::string(op) == "add" ? "客户" + id : "";
    r.set = std::move(set);
    r.line = line;
    return r;
}

ContactRecord contact(const std::string& id, const char* at, const std::string& customer,
                      KeyValues set = {}, std::string amends = "", std::string promise = "") {
    ContactRecord r;
    r.id = id;
    r.at = t(at);
    r.customer = customer;
    r.channel = "phone";
    r.outcome = "reached";
    r.set = std::move(set);
    r.amends = std::move(amends);
    r.promise = std::move(promise);
    return r;
}

std::string values(const Customer& c);

// Everything a fold decides about a customer, as text.
std::string render(const Customer& c, const CustomerHistory& h) {
    std::string out = c.id + " " + c.name + " " + values(c) + "|";
    for (const auto& ch : c.changes)
        out += fmt::format(" {}:{}={}/{}/{}", ch.at.str().substr(11), ch.key, ch.value,
                           static_cast<int>(ch.source), ch.record);
    out += " |";
    for (const auto& f : h.contacts) out += fmt::format(" {}#{}", f.at.str().substr(11), f.record);
    for (const auto& p : h.promises) out += " promise:" + p.contact_id;
    return out;
}

// The customer's attributes sorted: the order keys were first set is not part of the state.
std::string values(const Customer& c) {
    std::set<std::string> kv;
    for (const auto& [k, v] : c.attributes) kv.insert(k + "=" + v);
    std::string out;
    for (const auto& s : kv) out += s + " ";
    return out;
}

}  // namespace

TEST_CASE(
    "journal: at the same minute customers.csv, then contacts.csv, then complaints, in any fold "
    "order") {
    const auto fold_in = [](const std::vector<int>& order) {
        Customer c;
        c.id = "C1";
        for (int i : order) {
            if (i == 0)
                apply_customer_record(c,
                                      record("update", "2026-11-09 10:00", "C1", {{"grade", "D"}}));
            if (i == 1)
                apply_contact_changes(
                    c, contact("K000007", "2026-11-09 10:00", "C1", {{"grade", "B"}}));
            if (i == 2)
                apply_complaint_change(
                    c, record("update", "2026-11-09 10:00", "C1", {{"focus", "yes"}}));
            if (i == 3)
                apply_customer_record(c,
                                      record("update", "2026-11-09 09:59", "C1", {{"grade", "A"}}));
        }
        return c;
    };
    const Customer in_order = fold_in({3, 0, 1, 2});
    CHECK(*in_order.attribute("grade") == "B");  // the contact's, at 10:00, after customers.csv's
    CHECK(*in_order.attribute("focus") == "yes");
    CHECK(values(in_order) == "focus=yes grade=B ");
    // The cache's tail folds customers.csv after cached contacts: the same state.
    for (const auto& order : {std::vector<int>{1, 2, 0, 3}, {2, 1, 3, 0}, {0, 3, 2, 1}}) {
        const Customer c = fold_in(order);
        CHECK(values(c) == values(in_order));
        CHECK(render(c, {}).substr(render(c, {}).find('|')) ==
              render(in_order, {}).substr(render(in_order, {}).find('|')));
    }
    CHECK(in_order.when_set("grade", "B") == t("2026-11-09 10:00"));
    CHECK(in_order.when_set("grade", "A") == t("2026-11-09 09:59"));
}

TEST_CASE("journal: a corrected contact is taken back: fact, promise and attribute changes") {
    const Policy p = phone_policy();
    Customer c;
    c.id = "C1";
    CustomerHistory h;
    apply_customer_record(c, record("add", "2026-11-01 09:00", "C1", {{"grade", "C"}}));
    apply_contact(p, c, h,
                  contact("K000001", "2026-11-02 10:00", "C1", {{"grade", "A"}, {"key", "yes"}}));
    apply_contact(p, c, h, contact("K000002", "2026-11-03 10:00", "C1", {}, "", "2026-11-10"));
    CHECK(*c.attribute("grade") == "A");
    CHECK(h.contacts.size() == 2);
    CHECK(h.promises.size() == 1);
    AmendedRecords amended;
    amended.add(1);
    amended.add(2);
    amended.add(0);  // not a record number: ignored
    CHECK(amended.list() == std::vector<uint32_t>{1, 2});
    take_back(c, h, amended);
    CHECK(*c.attribute("grade") == "C");   // back to customers.csv's value
    CHECK(c.attribute("key") == nullptr);  // no change left: unset, as if never folded
    CHECK(values(c) == "grade=C ");
    CHECK(h.contacts.empty());
    CHECK(h.promises.empty());
    CHECK(c.changes.size() == 1);
}

TEST_CASE("journal: finish_history sorts by time and drops answered promises") {
    const Policy p = phone_policy();
    Customer c;
    CustomerHistory h;
    apply_contact(p, c, h, contact("K000003", "2026-11-05 10:00", "C1"));
    apply_contact(p, c, h, contact("K000001", "2026-11-02 10:00", "C1", {}, "", "2026-11-04"));
    ContactRecord missed = contact("K000002", "2026-11-01 10:00", "C1", {}, "", "2026-11-20");
    missed.outcome = "no-answer";
    apply_contact(p, c, h, missed);
    finish_history(p, h);
    REQUIRE(h.contacts.size() == 3);
    CHECK(h.contacts[0].record == 2);
    CHECK(h.contacts[2].record == 3);
    CHECK(h.contacts[0].outcome == 1);
    // K000001's promise is answered by K000003, K000002's (a no-answer) by K000001.
    REQUIRE(h.promises.empty());
}

TEST_CASE("journal: BookFold folds every journal and names the line of a record it cannot place") {
    const Policy p = phone_policy();
    BookFold fold(&p);
    fold.customer_record(record("add", "2026-11-01 09:00", "C1", {{"grade", "C"}}, 2),
                         "customers.csv");
    fold.customer_record(record("add", "2026-11-01 09:05", "C2", {}, 3), "customers.csv");
    fold.contact(contact("K000001", "2026-11-02 10:00", "C1", {{"grade", "B"}}), "contacts.csv", 2);
    fold.contact(contact("K000002", "2026-11-02 10:05", "C2", {{"grade", "A"}}, "K000001"),
                 "contacts.csv", 3);
    fold.complaint_change(record("update", "2026-11-03 10:00", "C2", {{"focus", "yes"}}, 2),
                          "complaints.csv");
    fold.finish();
    CHECK(*fold.book.find("C1")->attribute("grade") == "C");  // K000001 was corrected
    CHECK(fold.histories[0].contacts.empty());
    CHECK(*fold.book.find("C2")->attribute("grade") == "A");
    CHECK(*fold.book.find("C2")->attribute("focus") == "yes");
    CHECK(fold.histories[1].contacts.size() == 1);

    const auto error_of = [](auto&& f) {
        try {
            f();
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of([&] {
              fold.contact(contact("K000003", "2026-11-02 10:00", "C9"), "contacts.csv", 4);
          }) == "contacts.csv:4: contact K000003 is for unknown customer \"C9\"");
    CHECK(error_of([&] {
              fold.complaint_change(
                  record("update", "2026-11-03 10:00", "C9", {{"focus", "yes"}}, 5),
                  "complaints.csv");
          }) == "complaints.csv:5: update of unknown customer \"C9\"");
    CHECK(error_of([&] {
              fold.customer_record(record("add", "2026-11-04 09:00", "C1", {}, 9), "customers.csv");
          }) == "customers.csv:9: customer \"C1\" already exists");

    BookFold customers_only(nullptr);  // no policy: customers without histories
    customers_only.customer_record(record("add", "2026-11-01 09:00", "C1", {}, 2), "customers.csv");
    customers_only.contact(contact("K000001", "2026-11-02 10:00", "C1", {{"grade", "B"}}),
                           "contacts.csv", 2);
    customers_only.finish();
    CHECK(customers_only.histories.empty());
    CHECK(*customers_only.book.find("C1")->attribute("grade") == "B");
}

TEST_CASE("journal: a saved fold plus the delta of what came after is the fold of everything") {
    const Policy p = phone_policy();
    struct Step {
        bool customer;
        CustomerRecord r;
        ContactRecord k;
    };
    std::vector<Step> steps;
    const auto cust = [&](CustomerRecord r) { steps.push_back({true, std::move(r), {}}); };
    const auto cont = [&](ContactRecord k) { steps.push_back({false, {}, std::move(k)}); };
    int line = 2;
    cust(record("add", "2026-11-01 09:00", "C1", {{"grade", "C"}}, line++));
    cust(record("add", "2026-11-01 09:10", "C2", {{"stage", "visitor"}}, line++));
    cont(contact("K000001", "2026-11-02 10:00", "C1", {{"grade", "B"}}));
    cont(contact("K000002", "2026-11-02 11:00", "C2", {}, "", "2026-11-09"));
    cust(record("update", "2026-11-02 10:00", "C1", {{"grade", "D"}},
                line++));  // same minute as K000001
    cont(contact("K000003", "2026-11-02 10:00", "C1", {{"grade", "A"}},
                 "K000001"));  // corrects a saved one
    cust(record("add", "2026-11-03 09:00", "C3", {}, line++));
    cont(contact("K000004", "2026-11-03 10:00", "C3", {{"key", "yes"}}));
    cust(record("update", "2026-11-03 11:00", "C3", {{"grade", "A"}}, line++));

    for (size_t saved = 0; saved <= steps.size(); ++saved) {
        CAPTURE(saved);
        BookFold whole(&p), prefix(&p);
        for (const auto& s : steps)
            s.customer ? whole.customer_record(s.r, "customers.csv")
                       : whole.contact(s.k, "contacts.csv", 2);
        whole.finish();
        JournalDelta delta;
        // What a cache holds: customers.csv and contacts.csv each up to where the cache was
        // written.
        for (size_t i = 0; i < steps.size(); ++i) {
            const Step& s = steps[i];
            if (i < saved)
                s.customer ? prefix.customer_record(s.r, "customers.csv")
                           : prefix.contact(s.k, "contacts.csv", 2);
            else if (s.customer)
                delta.customer_record(s.r, "customers.csv");
            else
                delta.contact(s.k, 2);
        }
        prefix.take_back_amended();
        std::string expected, got;
        for (size_t i = 0; i < whole.book.size(); ++i)
            expected += render(whole.book.all()[i], whole.histories[i]) + "\n";
        for (size_t i = 0; i < prefix.book.size(); ++i) {
            Customer c = prefix.book.all()[i];
            CustomerHistory h = prefix.histories[i];
            delta.check_not_added(c.id, "customers.csv");
            delta.apply_journals(p, c, h);
            finish_history(p, h);
            got += render(c, h) + "\n";
        }
        for (const Customer& added : delta.added().all()) {
            Customer c = added;
            CustomerHistory h;
            delta.apply_journals(p, c, h);
            finish_history(p, h);
            got += render(c, h) + "\n";
        }
        delta.check_all_used("customers.csv", "contacts.csv", "complaints.csv");
        CHECK(got == expected);
    }
}

TEST_CASE("journal: the delta finds records about nobody, and a second add, with their lines") {
    const Policy p = phone_policy();
    const auto error_of = [](auto&& f) {
        try {
            f();
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    JournalDelta delta;
    delta.customer_record(record("update", "2026-11-05 09:00", "C9", {{"grade", "A"}}, 12),
                          "customers.csv");
    delta.customer_record(record("add", "2026-11-05 09:00", "C5", {}, 13), "customers.csv");
    delta.contact(contact("K000010", "2026-11-05 10:00", "C8"), 40);
    delta.complaint_change(record("update", "2026-11-05 10:00", "C7", {{"focus", "yes"}}, 3));
    CHECK(delta.records() == 3);  // complaint changes are not journal tail records
    CHECK(error_of([&] { delta.check_not_added("C5", "customers.csv"); }) ==
          "customers.csv:13: customer \"C5\" already exists");
    CHECK(error_of([&] { delta.check_not_added("C1", "customers.csv"); }) == "no error");
    CHECK(error_of([&] {
              delta.check_all_used("customers.csv", "contacts.csv", "complaints.csv");
          }) == "customers.csv:12: update of unknown customer \"C9\"");
    Customer c9;
    c9.id = "C9";
    CustomerHistory h;
    delta.apply_journals(p, c9, h);
    CHECK(error_of([&] {
              delta.check_all_used("customers.csv", "contacts.csv", "complaints.csv");
          }) == "contacts.csv:40: contact K000010 is for unknown customer \"C8\"");
    Customer c8;
    c8.id = "C8";
    delta.apply_journals(p, c8, h);
    CHECK(error_of([&] {
              delta.check_all_used("customers.csv", "contacts.csv", "complaints.csv");
          }) == "complaints.csv:3: update of unknown customer \"C7\"");
    Customer c7;
    c7.id = "C7";
    delta.apply_complaints(c7);
    CHECK(*c7.attribute("focus") == "yes");
    CHECK(error_of([&] {
              delta.check_all_used("customers.csv", "contacts.csv", "complaints.csv");
          }) == "no error");

    JournalDelta early;  // an update before the add of the same customer, both in the tail
    early.customer_record(record("update", "2026-11-05 09:00", "C6", {{"grade", "A"}}, 20),
                          "customers.csv");
    early.customer_record(record("add", "2026-11-05 09:00", "C6", {}, 21), "customers.csv");
    Customer c6 = early.added().all().at(0);
    CHECK(error_of([&] { early.apply_journals(p, c6, h); }) ==
          "customers.csv:20: update of unknown customer \"C6\"");
}

TEST_CASE("journal: a BookSource visits every customer once with its history") {
    const Policy p = phone_policy();
    BookFold fold(&p);
    fold.customer_record(record("add", "2026-11-01 09:00", "C1"), "customers.csv");
    fold.customer_record(record("add", "2026-11-01 09:00", "C2"), "customers.csv");
    fold.contact(contact("K000001", "2026-11-02 10:00", "C2"), "contacts.csv", 2);
    fold.finish();
    BookSource source(fold.book, fold.histories);
    CHECK(source.workers() == 1);
    std::string seen;
    source.visit_all([&](const Customer& c, const CustomerHistory& h, unsigned worker) {
        CHECK(worker == 0);
        seen += fmt::format("{}:{} ", c.id, h.contacts.size());
    });
    CHECK(seen == "C1:0 C2:1 ");
}

TEST_CASE(
    "parallel: every task runs once; the error of the lowest task that threw is the one seen") {
    for (unsigned workers : {1u, 2u, 5u}) {
        std::vector<std::atomic<int>> runs(100);
        std::atomic<unsigned> max_worker{0};
        parallel_for(runs.size(), workers, [&](size_t task, unsigned worker) {
            ++runs[task];
            unsigned seen = max_worker.load();
            while (worker > seen && !max_worker.compare_exchange_weak(seen, worker)) {
            }
        });
        for (const auto& r : runs) CHECK(r.load() == 1);
        CHECK(max_worker.load() < workers);
    }
    for (int round = 0; round < 20; ++round) {
        std::string what;
        try {
            parallel_for(50, 4, [&](size_t task, unsigned) {
                if (task == 17 || task == 31)
                    throw std::runtime_error(fmt::format("task {}", task));
            });
        } catch (const std::runtime_error& e) {
            what = e.what();
        }
        CHECK(what == "task 17");
    }
    int calls = 0;
    parallel_for(0, 4, [&](size_t, unsigned) { ++calls; });
    CHECK(calls == 0);
    CHECK(hardware_workers() >= 1);
    CHECK(hardware_workers() <= 8);
}
