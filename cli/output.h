#pragma once
// Where a listing goes: standard output, or the file of `-o/--output`, which is replaced
// atomically once the listing is complete (a failure leaves the old file). Written in
// pieces through a buffer, so a listing of a million rows is never held whole.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace revisit::io {
class AtomicWriter;
}

namespace revisit::cli {

class Output {
  public:
    explicit Output(const std::string& path);  // "" = standard output
    ~Output();

    void write(std::string_view text);
    // Everything written reaches the file or standard output; then the file is put in place.
    void finish();

  private:
    void flush();

    std::string buffer_;
    std::unique_ptr<io::AtomicWriter> file_;
};

// The progress of long work on stderr (util/progress.h), rewritten in place at most a few
// times a second, when stderr is a terminal; nothing at all when it is not (cron, pipes).
class Progress {
  public:
    Progress(std::string what, size_t total);
    void update(size_t done);
    // Replaces the line with `last` (a line of its own), or clears it when `last` is "".
    void finish(const std::string& last);

  private:
    bool shown_;
    std::string what_;
    size_t total_;
    std::chrono::steady_clock::time_point start_, drawn_;
    size_t width_ = 0;  // of the line drawn last, to blank it
};

// The progress line of a long read, in KiB of the journals read: by default that of a read of
// everyone that finds no usable cache and folds the journals whole (ScanOptions::
// fold_progress). On a terminal only; cleared once all is read (before the first row).
class FoldProgressLine {
  public:
    explicit FoldProgressLine(std::string what = "rebuilding .cache/schedule.bin")
        : what_(std::move(what)) {}
    FoldProgressLine(const FoldProgressLine&) = delete;
    FoldProgressLine& operator=(const FoldProgressLine&) = delete;
    ~FoldProgressLine() { finish(); }
    // For ScanOptions::fold_progress; valid while this lives.
    std::function<void(uint64_t done, uint64_t total)> hook();
    void finish();

  private:
    std::string what_;
    std::optional<Progress> line_;
};

}  // namespace revisit::cli
