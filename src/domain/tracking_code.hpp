#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tawasul::domain {

/// Tracking codes are 10 ASCII digits: 9 drawn at random (never sequential, never guessable
/// from another code) and a Damm check digit, which catches every single-digit error and every
/// adjacent transposition. The first digit is never 0, so the code survives spreadsheets.
inline constexpr std::size_t kTrackingCodeLength = 10;

/// The Damm check digit of `digits` (ASCII '0'..'9' only).
char DammCheckDigit(std::string_view digits);
/// True when `digits` (ASCII digits, check digit last) passes the Damm check.
bool DammValid(std::string_view digits);

/// Builds a code from a random number (e.g. from a CSPRNG); any 64-bit value maps to a code.
std::string MakeTrackingCode(std::uint64_t random);

/// Accepts what a citizen types or reads out: spaces, dashes, Arabic-Indic or Persian digits.
/// Returns the canonical 10 ASCII digits, or nullopt when malformed or the check fails.
std::optional<std::string> NormalizeTrackingCode(std::string_view input);

/// Groups for reading over the phone: "123 456 7890".
std::string FormatTrackingCode(std::string_view code);

}  // namespace tawasul::domain
