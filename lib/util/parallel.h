#pragma once
// The one place in revisit that starts threads. Work is cut into numbered tasks (chunks of
// the schedule cache, say); each thread takes the next task until none are left.

#include <cstddef>
#include <functional>

namespace revisit {

// Threads worth starting on this machine: one per core, at most 8.
unsigned hardware_workers();

// Runs work(task, worker) for every task in [0, tasks) on up to `workers` threads, the
// calling thread among them; `worker` (0 ... workers-1) says which thread makes the call,
// and calls with the same worker never overlap. Once a task throws, threads take no new
// tasks; afterwards the exception of the lowest-numbered task that threw is rethrown, the
// one a single thread would have met first (tasks are taken in order).
void parallel_for(size_t tasks, unsigned workers,
                  const std::function<void(size_t task, unsigned worker)>& work);

}  // namespace revisit
