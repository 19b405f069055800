#pragma once
// Where a listing goes: standard output, or the file of `-o/--output`, which is replaced
// atomically once the listing is complete (a failure leaves the old file). Written in
// pieces through a buffer, so a listing of a million rows is never held whole.

#include <memory>
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

}  // namespace revisit::cli
