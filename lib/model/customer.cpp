#include "model/customer.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.h"

namespace revisit {

const std::string* Customer::attribute(std::string_view key) const {
    // Runs for every condition of every rule on every customer: short keys, compared
    // inline rather than through memcmp.
    for (const auto& [k, v] : attributes)
        if (same_text(k, key)) return v.empty() ? nullptr : &v;
    return nullptr;
}

void Customer::set_attribute(const std::string& key, const std::string& value) {
    for (auto& [k, v] : attributes)
        if (k == key) {
            v = value;
            return;
        }
    attributes.emplace_back(key, value);
}

void Customer::record_change(DateTime at, const std::string& key, const std::string& value,
                             ChangeSource source, uint32_t record) {
    // A change only becomes the current value if nothing after it changed the same key.
    auto pos = changes.end();
    bool later_same_key = false;
    while (pos != changes.begin() &&
           ((pos - 1)->at > at || ((pos - 1)->at == at && (pos - 1)->source > source))) {
        --pos;
        later_same_key = later_same_key || pos->key == key;
    }
    changes.insert(pos, {at, key, value, source, record});
    if (!later_same_key) set_attribute(key, value);
}

std::optional<DateTime> Customer::when_set(const std::string& key, const std::string& value) const {
    for (auto it = changes.rbegin(); it != changes.rend(); ++it)
        if (same_text(it->key, key) && same_text(it->value, value)) return it->at;
    return std::nullopt;
}

std::string CustomerBook::apply(const CustomerRecord& r) {
    auto found = by_id_.find(r.id);
    if (r.op == "add") {
        if (found != by_id_.end()) return fmt::format("customer \"{}\" already exists", r.id);
        Customer c;
        c.id = r.id;
        c.created = r.at;
        by_id_[r.id] = customers_.size();
        if (r.id.size() >= 7 && r.id.size() <= 10 && r.id[0] == 'C' &&  // stol cannot overflow
            r.id.find_first_not_of("0123456789", 1) == std::string::npos)
            max_generated_ = std::max(max_generated_, std::stol(r.id.substr(1)));
        customers_.push_back(std::move(c));
        found = by_id_.find(r.id);
    } else if (r.op != "update") {
        return fmt::format("unknown op \"{}\"; expected add or update", r.op);
    } else if (found == by_id_.end()) {
        return fmt::format("update of unknown customer \"{}\"", r.id);
    }
    Customer& c = customers_[found->second];
    if (!r.phone.empty() && r.phone != c.phone) {
        if (!c.phone.empty()) {
            auto p = by_phone_.find(c.phone);
            if (p != by_phone_.end() && p->second == found->second) {
                // The next customer who shares the old phone, if any, answers for it now.
                by_phone_.erase(p);
                for (size_t i = 0; i < customers_.size(); ++i)
                    if (i != found->second && customers_[i].phone == c.phone) {
                        by_phone_.emplace(c.phone, i);
                        break;
                    }
            }
        }
        by_phone_.emplace(r.phone, found->second);  // the first customer keeps a shared phone
    }
    apply_customer_record(c, r);
    return {};
}

void apply_customer_record(Customer& c, const CustomerRecord& r) {
    if (!r.name.empty()) c.name = r.name;
    if (!r.phone.empty()) c.phone = r.phone;
    if (!r.owners.empty()) c.owners = r.owners;
    for (const auto& [k, v] : r.set) c.record_change(r.at, k, v, ChangeSource::Customers);
}

const Customer* CustomerBook::find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &customers_[it->second];
}

long CustomerBook::index_of(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? -1 : static_cast<long>(it->second);
}

const Customer* CustomerBook::find_by_phone(const std::string& phone) const {
    auto it = by_phone_.find(phone);
    return it == by_phone_.end() ? nullptr : &customers_[it->second];
}

std::string CustomerBook::next_id() const {
    for (long n = max_generated_ + 1;; ++n) {
        std::string id = fmt::format("C{:06}", n);
        if (!by_id_.count(id)) return id;
    }
}

void CustomerBook::reserve_generated(long n) { max_generated_ = std::max(max_generated_, n); }

void CustomerBook::reserve(size_t n) {
    customers_.reserve(n);
    by_id_.reserve(n);
    by_phone_.reserve(n);
}

bool is_valid_id(const std::string& id) {
    if (id.empty() || id.size() > 32) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    return id.find("..") == std::string::npos && id[0] != '.' && id[0] != '-';
}

}  // namespace revisit
