#pragma once

#include <string_view>

namespace tawasul::domain {

/// How an SMS is encoded on the air: GSM 03.38's 7-bit alphabet when every character is in it
/// (its basic table, or its extension table at two septets each), else UCS-2 (UTF-16).
enum class SmsEncoding { kGsm7, kUcs2 };

std::string_view ToString(SmsEncoding e);

/// What a text costs to send.
struct SmsSegments {
  SmsEncoding encoding = SmsEncoding::kGsm7;
  int units = 0;     ///< septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text
  int segments = 1;  ///< parts on the air: 1 up to 160 septets / 70 units, else 153 / 67 each
  bool operator==(const SmsSegments&) const = default;
};

/// Counts the parts `utf8` goes out in. A single message holds 160 septets or 70 UTF-16 units;
/// a concatenated one loses 7 septets / 3 units per part to its header (153 / 67). An
/// extension character (e.g. `{`, `€`) is an escape plus a septet and a character outside the
/// BMP (e.g. an emoji) is a surrogate pair; neither pair is split across parts, as handsets and
/// SMSCs that split correctly do. Malformed UTF-8 counts as U+FFFD (UCS-2). Empty text is one
/// part of zero units.
SmsSegments CountSmsSegments(std::string_view utf8);

}  // namespace tawasul::domain
