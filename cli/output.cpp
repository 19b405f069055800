#include "output.h"

#include <unistd.h>

#include <iostream>

#include "store/io/atomic_file.h"
#include "util/progress.h"

namespace revisit::cli {

namespace {
constexpr size_t kFlushBytes = 1 << 20;
}

Output::Output(const std::string& path)
    : file_(path.empty() ? nullptr : std::make_unique<io::AtomicWriter>(path)) {}

Output::~Output() = default;

void Output::write(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kFlushBytes) flush();
}

void Output::flush() {
    if (file_)
        file_->write(buffer_);
    else
        std::cout.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
}

void Output::finish() {
    flush();
    if (file_)
        file_->commit();
    else
        std::cout.flush();
}

Progress::Progress(std::string what, size_t total)
    : shown_(::isatty(STDERR_FILENO) == 1),
      what_(std::move(what)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      drawn_(start_) {}

void Progress::update(size_t done) {
    if (!shown_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total_ && now - drawn_ < std::chrono::milliseconds(200)) return;
    drawn_ = now;
    const std::string line =
        progress_line(what_, done, total_, std::chrono::duration<double>(now - start_).count());
    std::cerr << '\r' << line << std::string(width_ > line.size() ? width_ - line.size() : 0, ' ')
              << std::flush;
    width_ = line.size();
}

void Progress::finish(const std::string& last) {
    if (!shown_) return;
    std::cerr << '\r' << std::string(width_, ' ') << '\r' << last << (last.empty() ? "" : "\n")
              << std::flush;
}

std::function<void(uint64_t, uint64_t)> FoldProgressLine::hook() {
    return [this](uint64_t done, uint64_t total) {
        if (!line_) line_.emplace(what_ + ", KiB of journals read", total >> 10);
        line_->update(static_cast<size_t>(done >> 10));
        if (done >= total) finish();  // before the first row is printed
    };
}

void FoldProgressLine::finish() {
    if (line_) line_->finish("");
    line_.reset();
}

}  // namespace revisit::cli
