#include "domain/identity.hpp"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <optional>

#include "base/text.hpp"

namespace tawasul::domain {
namespace {

using base::Invalid;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

/// Invisible direction marks ride along when a number is copied out of Arabic or Persian text;
/// libphonenumber does not treat them as punctuation, so they are removed first.
constexpr std::array<std::string_view, 12> kBidiControls = {
    "\xD8\x9C",      // U+061C
    "\xE2\x80\x8E",  // U+200E
    "\xE2\x80\x8F",  // U+200F
    "\xE2\x80\xAA",  // U+202A
    "\xE2\x80\xAB",  // U+202B
    "\xE2\x80\xAC",  // U+202C
    "\xE2\x80\xAD",  // U+202D
    "\xE2\x80\xAE",  // U+202E
    "\xE2\x81\xA6",  // U+2066
    "\xE2\x81\xA7",  // U+2067
    "\xE2\x81\xA8",  // U+2068
    "\xE2\x81\xA9",  // U+2069
};

std::string WithoutBidiControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    const auto mark = std::find_if(kBidiControls.begin(), kBidiControls.end(),
                                   [&](std::string_view m) { return s.starts_with(m); });
    if (mark != kBidiControls.end()) {
      s.remove_prefix(mark->size());
    } else {
      out.push_back(s.front());
      s.remove_prefix(1);
    }
  }
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// The digits of an identity number as typed: native digits folded, spaces and dashes
/// (the way cards print them) dropped. Anything else means it is not a number: nullopt.
std::optional<std::string> IdentityDigits(std::string_view input) {
  const std::string cleaned = base::Trim(WithoutBidiControls(base::FoldDigits(input)));
  std::string digits;
  for (const char c : cleaned) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  return digits;
}

bool AllSameDigit(std::string_view digits) {
  return std::all_of(digits.begin(), digits.end(), [&](char c) { return c == digits.front(); });
}

/// Iran's national code: the last digit checks the first nine, weighted 10 down to 2, mod 11.
bool IranianCheckValid(std::string_view d) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[i] - '0') * (10 - i);
  const int r = sum % 11;
  const int check = r < 2 ? r : 11 - r;
  return d[9] - '0' == check;
}

std::string_view PhoneParseProblem(PhoneNumberUtil::ErrorType e) {
  switch (e) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
      return {};
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return "unknown country calling code; write the number with + and the country code";
    case PhoneNumberUtil::NOT_A_NUMBER:
      return "not a phone number";
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return "phone number is too short";
    case PhoneNumberUtil::TOO_LONG_NSN:
      return "phone number is too long";
  }
  return "not a phone number";
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool HasSpace(std::string_view s) {
  if (s.find("\xC2\xA0") != std::string_view::npos) return true;  // U+00A0 no-break space
  return std::any_of(s.begin(), s.end(), IsAsciiSpace);
}

}  // namespace

base::Result<std::string> NormalizePhone(std::string_view input, std::string_view default_region) {
  std::string text = base::Trim(WithoutBidiControls(base::FoldDigits(input)));
  if (text.empty()) return Invalid({}, "phone number is empty");
  // "00" is the international prefix across the Gulf, Iran and most of the world. Rewriting it
  // as "+" makes "00966..." work whatever the default region, including none.
  if (text.starts_with("00")) text.replace(0, 2, "+");

  // libphonenumber wants upper-case ISO codes; "ZZ" (unknown) accepts only "+" numbers.
  const std::string region = default_region.empty() ? "ZZ" : AsciiUpper(default_region);
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  const PhoneNumberUtil::ErrorType parsed = util.Parse(text, region, &number);
  if (parsed != PhoneNumberUtil::NO_PARSING_ERROR) {
    return Invalid({}, std::string(PhoneParseProblem(parsed)));
  }
  // E.164 has no room for an extension; dropping it silently would store a different number.
  if (number.has_extension()) return Invalid({}, "phone extensions are not supported");
  if (!util.IsValidNumber(number)) return Invalid({}, "not a valid phone number for its country");
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

bool IsMobileNumber(std::string_view e164) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(e164), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
  const auto type = util.GetNumberType(number);
  return type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
}

std::string NationalSignificantNumber(std::string_view e164) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(e164), "ZZ", &number) == PhoneNumberUtil::NO_PARSING_ERROR) {
    std::string national;
    util.GetNationalSignificantNumber(number, &national);
    if (!national.empty()) return national;
  }
  return base::DigitsOnly(e164);
}

base::Result<std::string> NormalizeNationalId(std::string_view input, std::string_view country) {
  const std::optional<std::string> digits = IdentityDigits(input);
  if (!digits) return Invalid({}, "national ID may contain only digits, spaces and dashes");
  if (digits->empty()) return Invalid({}, "national ID is empty");
  const std::string& d = *digits;
  const std::string c = AsciiUpper(country);

  if (c == "IR") {
    if (d.size() != 10) return Invalid({}, "Iranian national code must have 10 digits");
    // 1111111111 and the like pass the checksum but are never issued; they are what people
    // type to get past a form.
    if (AllSameDigit(d)) return Invalid({}, "national code is not valid");
    if (!IranianCheckValid(d)) return Invalid({}, "national code check digit does not match");
    return d;
  }
  if (c == "SA") {
    if (d.size() != 10) return Invalid({}, "Saudi ID must have 10 digits");
    if (d.front() != '1' && d.front() != '2') {
      return Invalid({}, "Saudi ID must start with 1 (citizen) or 2 (resident)");
    }
    if (!LuhnValid(d)) return Invalid({}, "Saudi ID check digit does not match");
    return d;
  }
  if (c == "AE") {
    if (d.size() != 15) return Invalid({}, "Emirates ID must have 15 digits");
    if (!d.starts_with("784")) return Invalid({}, "Emirates ID must start with 784");
    if (!LuhnValid(d)) return Invalid({}, "Emirates ID check digit does not match");
    return d;
  }
  if (d.size() < 4 || d.size() > 20) return Invalid({}, "national ID must have 4 to 20 digits");
  return d;
}

base::Result<std::string> NormalizeEmail(std::string_view input) {
  const std::string text = base::Trim(input);
  if (text.empty()) return Invalid({}, "email is empty");
  if (text.size() > 254) return Invalid({}, "email is longer than 254 characters");
  if (!base::IsValidUtf8(text)) return Invalid({}, "email is not valid UTF-8");
  if (HasSpace(text) || base::HasControlChar(text) || base::HasBidiControl(text)) {
    return Invalid({}, "email must not contain spaces or control characters");
  }
  const std::size_t at = text.find('@');
  if (at == std::string::npos || text.find('@', at + 1) != std::string::npos) {
    return Invalid({}, "email must contain exactly one @");
  }
  const std::string_view local = std::string_view(text).substr(0, at);
  const std::string_view domain = std::string_view(text).substr(at + 1);
  if (local.empty() || local.size() > 64) return Invalid({}, "email name part is not valid");
  // Characters that only appear in quoted or bracketed forms; accepting them would let an
  // address carry header syntax into outgoing mail.
  if (text.find_first_of("<>()[]\\,;:\"") != std::string::npos) {
    return Invalid({}, "email contains a character that is not allowed");
  }
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return Invalid({}, "email domain is not valid");
  }
  return std::string(local) + "@" + AsciiLower(domain);
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool doubled = false;  // the rightmost digit (the check digit) is not doubled
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int v = *it - '0';
    if (doubled) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

std::string MaskedRecipient(std::string_view r) {
  static constexpr std::string_view kDots = "\u2022\u2022\u2022";
  if (const auto at = r.find('@'); at != std::string_view::npos) {
    if (at == 0) return std::string(kDots) + std::string(r);
    return std::string(r.substr(0, 1)) + std::string(kDots) + std::string(r.substr(at));
  }
  if (r.size() <= 6) return std::string(kDots);
  const std::size_t head = r.front() == '+' ? 3 : 0;
  return std::string(r.substr(0, head)) + std::string(kDots) + std::string(r.substr(r.size() - 4));
}

}  // namespace tawasul::domain
