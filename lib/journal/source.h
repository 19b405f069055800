#pragma once
// A source of folded customers: what readers of everyone (the call list, and later exports,
// reports and forecasts) walk over, without knowing whether the customers come from memory
// or from the saved fold on disk (store/schedule_cache/scan.h).

#include <functional>
#include <vector>

#include "journal/history.h"
#include "model/customer.h"

namespace revisit {

class CustomerSource {
  public:
    // The references are valid only during the call; `worker` says which thread calls.
    using Visit = std::function<void(const Customer&, const CustomerHistory&, unsigned worker)>;
    virtual ~CustomerSource() = default;
    // How many threads visit() may call from: `worker` is below this.
    virtual unsigned workers() const = 0;
    // Calls `visit` once for every customer, finished (fold.h finish_history), in no set
    // order when workers() > 1; calls with the same worker never overlap.
    virtual void visit_all(const Visit& visit) = 0;
};

// Customers held in memory: a book and its finished histories (indexed like book.all()).
class BookSource : public CustomerSource {
  public:
    BookSource(const CustomerBook& book, const std::vector<CustomerHistory>& histories)
        : book_(book), histories_(histories) {}
    unsigned workers() const override { return 1; }
    void visit_all(const Visit& visit) override {
        for (size_t i = 0; i < book_.size(); ++i) visit(book_.all()[i], histories_[i], 0);
    }

  private:
    const CustomerBook& book_;
    const std::vector<CustomerHistory>& histories_;
};

}  // namespace revisit
