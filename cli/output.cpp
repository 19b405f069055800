#include "output.h"

#include <iostream>

#include "store/io/atomic_file.h"

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

}  // namespace revisit::cli
