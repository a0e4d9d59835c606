#include "domain/tracking_code.hpp"

#include <array>

#include "base/text.hpp"

namespace tawasul::domain {
namespace {

using DammTable = std::array<std::array<std::uint8_t, 10>, 10>;

/// The totally anti-symmetric quasigroup of order 10 from H. Michael Damm's 2004 thesis, the
/// table every Damm implementation shares. Row = interim digit, column = next input digit.
constexpr DammTable kDamm = {{
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
    {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
    {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
    {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}};

/// The guarantees in the header rest on three properties of the table; a typo in one entry
/// would silently break one of them, so the compiler checks all three:
///  - every row and column is a permutation (quasigroup): one wrong digit changes the result;
///  - the diagonal is zero: appending the check digit brings the interim digit to 0;
///  - total anti-symmetry, (c*x)*y == (c*y)*x only if x == y: swaps of neighbours are caught.
constexpr bool IsTotallyAntiSymmetricQuasigroup(const DammTable& t) {
  for (int a = 0; a < 10; ++a) {
    if (t[a][a] != 0) return false;
    std::array<bool, 10> in_row{};
    std::array<bool, 10> in_column{};
    for (int b = 0; b < 10; ++b) {
      in_row[t[a][b]] = true;
      in_column[t[b][a]] = true;
    }
    for (int b = 0; b < 10; ++b) {
      if (!in_row[b] || !in_column[b]) return false;
    }
  }
  for (int c = 0; c < 10; ++c) {
    for (int x = 0; x < 10; ++x) {
      for (int y = 0; y < 10; ++y) {
        if (x != y && t[t[c][x]][y] == t[t[c][y]][x]) return false;
      }
    }
  }
  return true;
}
static_assert(IsTotallyAntiSymmetricQuasigroup(kDamm));

/// The interim digit after feeding `digits`; nullopt on a non-digit.
std::optional<int> DammInterim(std::string_view digits) {
  int interim = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    interim = kDamm[interim][c - '0'];
  }
  return interim;
}

/// 9 digits with a non-zero first digit: 100000000..999999999.
constexpr std::uint64_t kBodyFirst = 100'000'000;
constexpr std::uint64_t kBodyCount = 900'000'000;

/// What a citizen may put between digits: spaces, dashes, and the invisible direction marks
/// that come along when a code is copied out of Arabic or Persian text.
constexpr std::array<std::string_view, 13> kSeparators = {
    " ",
    "\t",
    "-",
    "\xC2\xA0",      // U+00A0 no-break space
    "\xD8\x9C",      // U+061C Arabic letter mark
    "\xE2\x80\x8E",  // U+200E left-to-right mark
    "\xE2\x80\x8F",  // U+200F right-to-left mark
    "\xE2\x80\x90",  // U+2010 hyphen
    "\xE2\x80\x91",  // U+2011 non-breaking hyphen
    "\xE2\x80\x92",  // U+2012 figure dash
    "\xE2\x80\x93",  // U+2013 en dash
    "\xE2\x80\x94",  // U+2014 em dash
    "\xE2\x88\x92",  // U+2212 minus sign
};

}  // namespace

char DammCheckDigit(std::string_view digits) {
  const std::optional<int> interim = DammInterim(digits);
  // The contract is ASCII digits only; a non-digit is a caller's bug, not user input.
  if (!interim) return '\0';
  return static_cast<char>('0' + *interim);
}

bool DammValid(std::string_view digits) {
  if (digits.empty()) return false;
  const std::optional<int> interim = DammInterim(digits);
  return interim && *interim == 0;
}

std::string MakeTrackingCode(std::uint64_t random) {
  // The modulo bias is about 2^-34 per code (2^64 is not a multiple of 9e8): immaterial.
  std::string code = std::to_string(kBodyFirst + random % kBodyCount);
  code.push_back(DammCheckDigit(code));
  return code;
}

std::optional<std::string> NormalizeTrackingCode(std::string_view input) {
  const std::string folded = base::FoldDigits(input);
  std::string_view rest = folded;
  std::string digits;
  while (!rest.empty()) {
    if (rest.front() >= '0' && rest.front() <= '9') {
      if (digits.size() == kTrackingCodeLength) return std::nullopt;
      digits.push_back(rest.front());
      rest.remove_prefix(1);
      continue;
    }
    bool skipped = false;
    for (const std::string_view sep : kSeparators) {
      if (rest.starts_with(sep)) {
        rest.remove_prefix(sep.size());
        skipped = true;
        break;
      }
    }
    if (!skipped) return std::nullopt;
  }
  if (digits.size() != kTrackingCodeLength || digits.front() == '0' || !DammValid(digits)) {
    return std::nullopt;
  }
  return digits;
}

std::string FormatTrackingCode(std::string_view code) {
  if (code.size() != kTrackingCodeLength) return std::string(code);
  std::string out;
  out.reserve(kTrackingCodeLength + 2);
  out.append(code.substr(0, 3)).push_back(' ');
  out.append(code.substr(3, 3)).push_back(' ');
  out.append(code.substr(6));
  return out;
}

}  // namespace tawasul::domain
