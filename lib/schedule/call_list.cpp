#include "schedule/call_list.h"

#include <algorithm>
#include <atomic>
#include <iterator>

#include "schedule/due_format.h"

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

    void add_csv(const DueItem& item) {
        const std::string& id = item.customer->id;
        const size_t at = text.size();
        text += id;
        append_due_csv_row(text, item);
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
    std::atomic<bool> seen = false;
    source.visit_all([&](const Customer& c, const CustomerHistory& h, unsigned worker) {
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
        if (options.csv) return share.add_csv(*item);
        item->customer = &share.customers.emplace_back(c);
        share.items.push_back(std::move(*item));
    });
    list.customer_seen_ = seen;
    if (!options.csv) {
        for (auto& share : list.shares_)
            std::move(share->items.begin(), share->items.end(), std::back_inserter(list.items_));
        sort_due_items(list.items_);
    }
    return list;
}

}  // namespace revisit
