#include "journal/delta.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/error.h"

namespace revisit {

void JournalDelta::customer_record(CustomerRecord r, const std::string& file) {
    ++records_;
    latest_ = std::max(latest_, r.at);
    customers_file_ = file;
    if (r.op == "add" || added_.find(r.id)) {
        const std::string problem = added_.apply(r);
        if (!problem.empty()) throw Error(Location{file, r.line, 0}, problem);
        if (r.op == "add") added_line_[r.id] = r.line;
        return;
    }
    updates_[r.id].records.push_back(std::move(r));
}

void JournalDelta::contact(ContactRecord r, int line) {
    ++records_;
    latest_ = std::max(latest_, r.at);
    if (!r.amends.empty()) amended_.add(record_number(r.amends));
    const std::string customer = r.customer;
    contacts_[customer].records.push_back({line, std::move(r)});
}

void JournalDelta::complaint_change(const CustomerRecord& r) {
    complaints_[r.id].records.push_back(r);
}

void JournalDelta::check_not_added(const std::string& id, const std::string& file) const {
    if (added_line_.empty()) return;
    if (auto a = added_line_.find(id); a != added_line_.end())
        throw Error(Location{file, a->second, 0},
                    fmt::format("customer \"{}\" already exists", id));
}

void JournalDelta::apply_journals(const Policy& policy, Customer& c, CustomerHistory& h) const {
    if (records_ == 0) return;  // nothing appended since: no lookups
    if (auto u = updates_.find(c.id); u != updates_.end()) {
        if (added_line_.count(c.id))  // updated before it was added
            throw Error(Location{customers_file_, u->second.records.front().line, 0},
                        fmt::format("update of unknown customer \"{}\"", c.id));
        for (const auto& r : u->second.records) apply_customer_record(c, r);
        u->second.used.store(true, std::memory_order_relaxed);
    }
    if (auto t = contacts_.find(c.id); t != contacts_.end()) {
        for (const auto& [line, r] : t->second.records) apply_contact(policy, c, h, r);
        t->second.used.store(true, std::memory_order_relaxed);
    }
    take_back(c, h, amended_);
}

void JournalDelta::apply_complaints(Customer& c) const {
    if (complaints_.empty()) return;
    auto it = complaints_.find(c.id);
    if (it == complaints_.end()) return;
    for (const auto& r : it->second.records) apply_complaint_change(c, r);
    it->second.used.store(true, std::memory_order_relaxed);
}

namespace {

// The entry of `map` not used whose first record comes first in its journal, or nullptr.
template <typename Map, typename Line>
const typename Map::value_type* first_unused(const Map& map, Line line_of) {
    const typename Map::value_type* first = nullptr;
    for (const auto& entry : map)
        if (!entry.second.used.load(std::memory_order_relaxed) &&
            (!first ||
             line_of(entry.second.records.front()) < line_of(first->second.records.front())))
            first = &entry;
    return first;
}

}  // namespace

void JournalDelta::check_all_used(const std::string& customers_file,
                                  const std::string& contacts_file,
                                  const std::string& complaints_file) const {
    const auto line = [](const CustomerRecord& r) { return r.line; };
    if (const auto* u = first_unused(updates_, line))
        throw Error(Location{customers_file, u->second.records.front().line, 0},
                    fmt::format("update of unknown customer \"{}\"", u->first));
    if (const auto* t = first_unused(contacts_, [](const LinedContact& c) { return c.line; }))
        throw Error(Location{contacts_file, t->second.records.front().line, 0},
                    fmt::format("contact {} is for unknown customer \"{}\"",
                                t->second.records.front().record.id, t->first));
    if (const auto* p = first_unused(complaints_, line))
        throw Error(Location{complaints_file, p->second.records.front().line, 0},
                    fmt::format("update of unknown customer \"{}\"", p->first));
}

}  // namespace revisit
