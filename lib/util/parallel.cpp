#include "util/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace revisit {

unsigned hardware_workers() { return std::clamp(std::thread::hardware_concurrency(), 1u, 8u); }

void parallel_for(size_t tasks, unsigned workers,
                  const std::function<void(size_t, unsigned)>& work) {
    const unsigned threads =
        static_cast<unsigned>(std::clamp<size_t>(workers, 1, std::max<size_t>(tasks, 1)));
    std::atomic<size_t> next{0};
    std::atomic<bool> stop{false};
    struct Failure {
        size_t task = 0;
        std::exception_ptr error;
    };
    std::vector<Failure> failures(threads);
    const auto run = [&](unsigned worker) {
        for (size_t task; !stop.load() && (task = next++) < tasks;) {
            try {
                work(task, worker);
            } catch (...) {
                failures[worker] = {task, std::current_exception()};
                stop = true;
                return;
            }
        }
    };
    std::vector<std::thread> started;
    for (unsigned i = 1; i < threads; ++i) started.emplace_back(run, i);
    run(0);
    for (auto& t : started) t.join();
    const Failure* first = nullptr;
    for (const Failure& f : failures)
        if (f.error && (!first || f.task < first->task)) first = &f;
    if (first) std::rethrow_exception(first->error);
}

}  // namespace revisit
