// libFuzzer target: the rules-file checker (lib/policy) on arbitrary text. check_policy
// returns every problem as a string and must not throw; parse_policy throws revisit::Error
// for a file with problems, the same ones, each of which renders as an excerpt of its line.
// Anything else escaping, or a sanitizer report, is a bug. Built by tests/fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "policy/policy_loader.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string> problems = revisit::check_policy(text, "fuzz.yaml");
    try {
        const revisit::Policy policy = revisit::parse_policy(text, "fuzz.yaml");
        (void)policy;
        if (!problems.empty()) std::abort();
    } catch (const revisit::Error& e) {
        if (revisit::diagnostic_texts(e.diagnostics()) != problems) std::abort();
        for (const auto& d : e.diagnostics()) (void)revisit::source_excerpt(d.where);
    }
    return 0;
}
