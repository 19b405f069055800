#pragma once
// The call list of every customer a CustomerSource visits, built on the source's threads:
// each thread keeps its own share (csv lines rendered as customers are read, or items with a
// copy of their customer), and the shares are merged in DueOrder.

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "journal/source.h"
#include "schedule/due.h"

namespace revisit {

struct CallListOptions {
    DueOptions due;
    std::string customer;  // only this customer, when not empty
    // Csv: keep each item only as its finished csv line (memory about the size of the
    // output); otherwise keep the items.
    bool csv = false;
    bool raw = false;  // csv cells exactly as stored: no apostrophe before a formula
};

class CallList {
  public:
    CallList();
    ~CallList();
    CallList(CallList&&) noexcept;
    CallList& operator=(CallList&&) noexcept;

    // The items, in DueOrder (not a csv list).
    const std::vector<DueItem>& items() const { return items_; }
    // A csv list's lines (without the header) in DueOrder, given to `write` in large blocks.
    void write_csv(const std::function<void(std::string_view)>& write) const;
    // Whether options.customer was among the customers visited.
    bool customer_seen() const { return customer_seen_; }
    // Whether options.due.staff (when not empty) owns any customer visited, due or not.
    bool staff_seen() const { return staff_seen_; }
    // When options.due.staff owns no customer: every owner of the customers visited, sorted,
    // for the error's hint; else empty (collecting stops once the name is seen).
    const std::vector<std::string>& owners_seen() const { return owners_seen_; }

  private:
    friend CallList build_call_list(const DuePlan&, CustomerSource&, Date, const CallListOptions&,
                                    const ExtraReasons*);
    struct Share;
    std::vector<std::unique_ptr<Share>> shares_;
    std::vector<DueItem> items_;
    bool customer_seen_ = false;
    bool staff_seen_ = false;
    std::vector<std::string> owners_seen_;
};

// Visits every customer of `source` and keeps those due on `today`. `extra` adds reasons
// computed elsewhere (complaint follow-ups) by customer id.
CallList build_call_list(const DuePlan& plan, CustomerSource& source, Date today,
                         const CallListOptions& options, const ExtraReasons* extra);

// The message refusing a staff filter (`flag` "--staff", value `name`) that names nobody
// known: `known_as` says where names were looked for; then did-you-mean among `known`, or
// else up to 10 of them listed. E.g. `--staff "王方" owns no customer; known: "张三", "李四"`.
std::string unknown_staff_message(std::string_view flag, std::string_view name,
                                  std::string_view known_as, std::vector<std::string> known);

}  // namespace revisit
