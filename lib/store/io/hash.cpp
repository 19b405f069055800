#include "store/io/hash.h"

#include <cstring>

namespace revisit::io {
namespace {

// The 8-byte steps both checksums take; returns how many bytes they covered.
size_t mix_words(uint64_t& h, const char* p, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    return i;
}

}  // namespace

uint64_t fnv1a(std::string_view s, uint64_t h) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

uint64_t checksum64(std::string_view data) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (data.size() * 0xff51afd7ed558ccdull);
    const size_t i = mix_words(h, data.data(), data.size());
    uint64_t w = 0;
    if (i < data.size()) std::memcpy(&w, data.data() + i, data.size() - i);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 32);
}

uint64_t checksum64_lanes(const char* p, size_t n) {
    constexpr uint64_t kMul = 0x9e3779b97f4a7c15ull;
    uint64_t lane[4] = {0x243f6a8885a308d3ull, 0x13198a2e03707344ull, 0xa4093822299f31d0ull,
                        0x082efa98ec4e6c89ull};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; ++k) {  // the lanes do not wait on each other
            uint64_t w;
            std::memcpy(&w, p + i + 8 * k, 8);
            lane[k] = (lane[k] ^ w) * kMul;
            lane[k] ^= lane[k] >> 29;
        }
    uint64_t h = n * 0xff51afd7ed558ccdull;
    for (const uint64_t l : lane) h = (h ^ l) * kMul;
    i += mix_words(h, p + i, n - i);
    for (; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001b3ull;
    return h ^ (h >> 32);
}

}  // namespace revisit::io
