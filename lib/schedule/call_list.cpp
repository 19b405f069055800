#include "schedule/call_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <unordered_set>

#include "schedule/due_format.h"
#include "util/text.h"

namespace revisit {

// One thread's share: csv lines, each kept in one buffer with its sort key, or items with a
// copy of their customer.
struct CallList::Share {
    struct Row {
        int days_overdue, priority;
        Date due_by;
        size_t at;  // the id, then the line, in text
        uint32_t id_length, length;
    };
    std::vector<Row> rows;
    std::string text;
    std::deque<Customer> customers;
    std::vector<DueItem> items;
    std::unordered_set<std::string> owners;  // while the --staff name is not seen

    // Whether `c` is owned by `staff`; else its owners are kept for the hint.
    bool owned_by(const Customer& c, const std::string& staff) {
        for (const std::string& o : c.owners)
            if (same_text(o, staff)) return true;
        owners.insert(c.owners.begin(), c.owners.end());
        return false;
    }

    void add_csv(const DueItem& item, bool raw) {
        const std::string& id = item.customer->id;
        const size_t at = text.size();
        text += id;
        append_due_csv_row(text, item, raw);
        rows.push_back({item.days_overdue, item.priority, item.due_by, at,
                        static_cast<uint32_t>(id.size()),
                        static_cast<uint32_t>(text.size() - at - id.size())});
    }
    DueOrder order(const Row& r) const {
        return {r.days_overdue, r.priority, r.due_by,
                std::string_view(text).substr(r.at, r.id_length)};
    }
};

CallList::CallList() = default;
CallList::~CallList() = default;
CallList::CallList(CallList&&) noexcept = default;
CallList& CallList::operator=(CallList&&) noexcept = default;

void CallList::write_csv(const std::function<void(std::string_view)>& write) const {
    struct Line {
        const Share* share;
        const Share::Row* row;
    };
    std::vector<Line> lines;
    for (const auto& share : shares_)
        for (const auto& r : share->rows) lines.push_back({share.get(), &r});
    std::sort(lines.begin(), lines.end(), [](const Line& x, const Line& y) {
        return comes_before(x.share->order(*x.row), y.share->order(*y.row));
    });
    std::string block;  // written in large blocks: one write per line costs more than the sort
    for (const Line& l : lines) {
        block.append(l.share->text, l.row->at + l.row->id_length, l.row->length);
        if (block.size() >= (1u << 20)) {
            write(block);
            block.clear();
        }
    }
    if (!block.empty()) write(block);
}

CallList build_call_list(const DuePlan& plan, CustomerSource& source, Date today,
                         const CallListOptions& options, const ExtraReasons* extra) {
    CallList list;
    for (unsigned i = 0; i < std::max(source.workers(), 1u); ++i)
        list.shares_.push_back(std::make_unique<CallList::Share>());
    std::atomic<bool> seen = false, staff_seen = false;
    const std::string& staff = options.due.staff;
    source.visit_all([&](const Customer& c, const CustomerHistory& h, unsigned worker) {
        // Before the --customer filter: the name is known if anyone has it as an owner.
        if (!staff.empty() && !staff_seen.load(std::memory_order_relaxed) &&
            list.shares_[worker]->owned_by(c, staff))
            staff_seen = true;
        if (!options.customer.empty()) {
            if (c.id != options.customer) return;
            seen = true;
        }
        const std::vector<DueReason>* more = nullptr;
        if (extra && !extra->empty())
            if (auto it = extra->find(c.id); it != extra->end()) more = &it->second;
        auto item = due_item(plan, c, h, today, options.due, more);
        if (!item) return;
        CallList::Share& share = *list.shares_[worker];
        if (options.csv) return share.add_csv(*item, options.raw);
        item->customer = &share.customers.emplace_back(c);
        share.items.push_back(std::move(*item));
    });
    list.customer_seen_ = seen;
    list.staff_seen_ = staff_seen;
    if (!staff.empty() && !list.staff_seen_) {
        std::unordered_set<std::string> all;
        for (auto& share : list.shares_) all.merge(share->owners);
        list.owners_seen_.assign(all.begin(), all.end());
        std::sort(list.owners_seen_.begin(), list.owners_seen_.end());
    }
    for (auto& share : list.shares_) share->owners.clear();
    if (!options.csv) {
        for (auto& share : list.shares_)
            std::move(share->items.begin(), share->items.end(), std::back_inserter(list.items_));
        sort_due_items(list.items_);
    }
    return list;
}

std::string unknown_staff_message(std::string_view flag, std::string_view name,
                                  std::string_view known_as, std::vector<std::string> known) {
    std::string out = fmt::format("{} \"{}\" {}", flag, name, known_as);
    if (const std::string hint = did_you_mean(name, known); !hint.empty()) return out + hint;
    if (known.empty()) return out;
    std::sort(known.begin(), known.end());
    const size_t shown = std::min<size_t>(known.size(), 10);
    out += "; known: " + quoted_list({known.begin(), known.begin() + static_cast<long>(shown)});
    if (shown < known.size()) out += fmt::format(" and {} more", known.size() - shown);
    return out;
}

}  // namespace revisit
