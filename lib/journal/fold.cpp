#include "journal/fold.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/error.h"

namespace revisit {

namespace {

int16_t channel_index(const Policy& p, const std::string& id) {
    for (size_t i = 0; i < p.channels.size(); ++i)
        if (p.channels[i].id == id) return static_cast<int16_t>(i);
    return -1;
}

int16_t outcome_index(const Policy& p, const std::string& id) {
    for (size_t i = 0; i < p.outcomes.size(); ++i)
        if (p.outcomes[i].id == id) return static_cast<int16_t>(i);
    return -1;
}

bool counts(const Policy& p, const ContactFact& c) {
    return c.outcome >= 0 && p.outcomes[static_cast<size_t>(c.outcome)].counts;
}

}  // namespace

uint32_t record_number(const std::string& id) {
    if (id.size() < 2 || id.size() > 10 ||
        id.find_first_not_of("0123456789", 1) != std::string::npos)
        return 0;
    return static_cast<uint32_t>(std::stoul(id.substr(1)));
}

namespace {

// The history half of apply_contact().
void add_fact(const Policy& policy, CustomerHistory& h, const ContactRecord& r, uint32_t number) {
    h.contacts.push_back(
        {r.at, channel_index(policy, r.channel), outcome_index(policy, r.outcome), number});
    if (!r.promise.empty())
        if (const auto p = parse_stored_promise(r.promise))
            h.promises.push_back(
                {r.at, p->due, r.promise_note, r.id, static_cast<int16_t>(p->callback)});
}

}  // namespace

void apply_contact(const Policy& policy, Customer& c, CustomerHistory& h, const ContactRecord& r) {
    const uint32_t number = record_number(r.id);
    add_fact(policy, h, r, number);
    for (const auto& [k, v] : r.set) c.record_change(r.at, k, v, ChangeSource::Contacts, number);
}

void apply_contact_changes(Customer& c, const ContactRecord& r) {
    const uint32_t number = r.set.empty() ? 0 : record_number(r.id);
    for (const auto& [k, v] : r.set) c.record_change(r.at, k, v, ChangeSource::Contacts, number);
}

void apply_complaint_change(Customer& c, const CustomerRecord& r) {
    for (const auto& [k, v] : r.set) c.record_change(r.at, k, v, ChangeSource::Complaints);
}

void AmendedRecords::add(uint32_t n) {
    if (!n) return;
    if (marks_.size() <= n) marks_.resize(std::max<size_t>(n + 1, marks_.size() * 2));
    if (!marks_[n]) list_.push_back(n);
    marks_[n] = true;
}

void take_back(Customer& c, CustomerHistory& h, const AmendedRecords& amended) {
    if (amended.empty()) return;
    std::erase_if(h.contacts, [&](const ContactFact& f) { return amended.contains(f.record); });
    std::erase_if(h.promises, [&](const OpenPromise& p) {
        return amended.contains(record_number(p.contact_id));
    });
    c.take_back([&](uint32_t record) { return amended.contains(record); });
}

std::vector<ContactRecord> effective_contacts(const std::vector<ContactRecord>& records) {
    AmendedRecords amended;
    for (const auto& r : records)
        if (!r.amends.empty()) amended.add(record_number(r.amends));
    std::vector<ContactRecord> out;
    for (const auto& r : records)
        if (!amended.contains(record_number(r.id))) out.push_back(r);
    return out;
}

void finish_history(const Policy& policy, CustomerHistory& h) {
    auto& contacts = h.contacts;
    if (contacts.size() <= 32) {
        // Few contacts, mostly in order already: a stable insertion sort, without the buffer
        // std::stable_sort allocates for every customer.
        for (size_t i = 1; i < contacts.size(); ++i) {
            const ContactFact c = contacts[i];
            size_t j = i;
            for (; j > 0 && c.at < contacts[j - 1].at; --j) contacts[j] = contacts[j - 1];
            contacts[j] = c;
        }
    } else {
        std::stable_sort(contacts.begin(), contacts.end(),
                         [](const ContactFact& a, const ContactFact& b) { return a.at < b.at; });
    }
    // A promise (a callback too) is answered by any later contact whose outcome counts.
    std::erase_if(h.promises, [&](const OpenPromise& pr) {
        for (const auto& c : h.contacts)
            if (c.at > pr.made_at && counts(policy, c)) return true;
        return false;
    });
}

std::vector<CustomerHistory> build_histories(const Policy& policy, const CustomerBook& book,
                                             const std::vector<ContactRecord>& contacts) {
    std::vector<CustomerHistory> out(book.size());
    for (const auto& r : contacts) {  // the book is folded already: only the histories are wanted
        const long i = book.index_of(r.customer);
        if (i >= 0) add_fact(policy, out[static_cast<size_t>(i)], r, record_number(r.id));
    }
    for (auto& h : out) finish_history(policy, h);
    return out;
}

bool BookFold::counts(DateTime at) {
    latest = std::max(latest, at);
    return at <= as_of_;
}

bool BookFold::known(const std::string& id) const { return book.find(id) || later_.count(id); }

void BookFold::customer_record(const CustomerRecord& r, const std::string& file) {
    if (!counts(r.at)) {  // left out, but checked as a full fold checks it
        std::string problem;
        if (r.op == "add" && known(r.id))
            problem = fmt::format("customer \"{}\" already exists", r.id);
        else if (r.op == "add")
            later_.insert(r.id);
        else if (r.op != "update")
            problem = fmt::format("unknown op \"{}\"; expected add or update", r.op);
        else if (!known(r.id))
            problem = fmt::format("update of unknown customer \"{}\"", r.id);
        if (!problem.empty()) throw Error(Location{file, r.line, 0}, problem);
        return;
    }
    const std::string problem = book.apply(r);
    if (!problem.empty()) throw Error(Location{file, r.line, 0}, problem);
    if (policy_) histories.resize(book.size());
}

void BookFold::contact(const ContactRecord& r, const std::string& file, int line) {
    const bool left_out = !counts(r.at);
    if (left_out && known(r.customer)) {
        if (!r.amends.empty()) amended_.add(record_number(r.amends));
        return;
    }
    const long i = book.index_of(r.customer);
    if (i < 0)
        throw Error(Location{file, line, 0},
                    fmt::format("contact {} is for unknown customer \"{}\"", r.id, r.customer));
    if (!r.amends.empty()) amended_.add(record_number(r.amends));
    Customer& c = book.at(static_cast<size_t>(i));
    if (policy_)
        apply_contact(*policy_, c, histories[static_cast<size_t>(i)], r);
    else
        apply_contact_changes(c, r);
}

void BookFold::complaint_change(const CustomerRecord& r, const std::string& file) {
    if (!counts(r.at) && known(r.id)) return;
    const long i = book.index_of(r.id);
    if (i < 0)
        throw Error(Location{file, r.line, 0},
                    fmt::format("update of unknown customer \"{}\"", r.id));
    apply_complaint_change(book.at(static_cast<size_t>(i)), r);
}

void BookFold::take_back_amended() {
    if (amended_.empty() || taken_back_ == amended_.list().size()) return;
    taken_back_ = amended_.list().size();
    CustomerHistory none;
    for (size_t i = 0; i < book.size(); ++i)
        take_back(book.at(i), policy_ ? histories[i] : none, amended_);
}

void BookFold::finish() {
    take_back_amended();
    if (policy_)
        for (auto& h : histories) finish_history(*policy_, h);
}

}  // namespace revisit
