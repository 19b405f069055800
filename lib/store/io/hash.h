#pragma once
// The hash and the checksums of lib/store's derived files (.cache/). Not cryptographic: they
// find damaged or stale files, which are then rebuilt. Each file format keeps the algorithm
// it was written with, so existing files stay readable.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace revisit::io {

inline constexpr uint64_t kFnv1aOffset = 0xcbf29ce484222325ull;

// 64-bit FNV-1a of `s`, continuing from `h` (chain calls to hash several strings).
uint64_t fnv1a(std::string_view s, uint64_t h = kFnv1aOffset);

// A fast checksum of bytes, 8 a step, mixing in their count: the index files' blocks and
// headers (lib/store/index).
uint64_t checksum64(std::string_view data);

// The schedule cache's checksum of its records and tables: four independent 8-byte lanes a
// step, so a pass over the 360 MB of a million customers' cache costs a few hundredths of a
// second (it is checked whole before the first customer is read).
uint64_t checksum64_lanes(const char* p, size_t n);

}  // namespace revisit::io
