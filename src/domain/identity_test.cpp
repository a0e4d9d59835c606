#include "domain/identity.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace tawasul::domain {
namespace {

// ---- Phones ----

/// The E.164 form, or the error message so a failed expectation says why.
std::string Phone(std::string_view input, std::string_view region) {
  const base::Result<std::string> r = NormalizePhone(input, region);
  return r ? *r : "error: " + r.error().message;
}

TEST(NormalizePhone, SaudiLocalInternationalAndNativeDigits) {
  EXPECT_EQ(Phone("0501234567", "SA"), "+966501234567");
  EXPECT_EQ(Phone("٠٥٠١٢٣٤٥٦٧", "SA"), "+966501234567");
  EXPECT_EQ(Phone("00966501234567", "SA"), "+966501234567");
  EXPECT_EQ(Phone("+966 50 123 4567", "SA"), "+966501234567");
  EXPECT_EQ(Phone("+966-50-123-4567", "SA"), "+966501234567");
  EXPECT_EQ(Phone("(050) 123 4567", "SA"), "+966501234567");
  EXPECT_EQ(Phone("٠٠٩٦٦٥٠١٢٣٤٥٦٧", "SA"), "+966501234567");
  EXPECT_EQ(Phone("0501234567", "sa"), "+966501234567");  // region case does not matter
}

TEST(NormalizePhone, InternationalFormsIgnoreTheDefaultRegion) {
  EXPECT_EQ(Phone("00966501234567", "IR"), "+966501234567");
  EXPECT_EQ(Phone("00966501234567", ""), "+966501234567");
  EXPECT_EQ(Phone("+971501234567", "OM"), "+971501234567");
}

TEST(NormalizePhone, EmiratiOmaniAndIranianNumbers) {
  EXPECT_EQ(Phone("0501234567", "AE"), "+971501234567");
  EXPECT_EQ(Phone("92123456", "OM"), "+96892123456");
  EXPECT_EQ(Phone("09121234567", "IR"), "+989121234567");
  EXPECT_EQ(Phone("۰۹۱۲۱۲۳۴۵۶۷", "IR"), "+989121234567");
  EXPECT_EQ(Phone("۰۹۱۲ ۱۲۳ ۴۵۶۷", "IR"), "+989121234567");
  EXPECT_EQ(Phone("+98 912 123 4567", "SA"), "+989121234567");
}

TEST(NormalizePhone, ToleratesSurroundingSpaceAndDirectionMarks) {
  EXPECT_EQ(Phone("  0501234567\t", "SA"), "+966501234567");
  EXPECT_EQ(Phone("\xE2\x80\x8E+966 50 123 4567\xE2\x80\x8F", "SA"), "+966501234567");
  EXPECT_EQ(Phone("\xE2\x81\xA6+98 912 123 4567\xE2\x81\xA9", "IR"), "+989121234567");
}

TEST(NormalizePhone, RejectsWhatIsNotAValidNumber) {
  for (const auto& [input, region] : std::vector<std::pair<std::string, std::string>>{
           {"", "SA"},
           {"   ", "SA"},
           {"abc", "SA"},
           {"12", "SA"},
           {"050123", "SA"},                 // too short
           {"05012345678901234567", "SA"},   // too long
           {"0501234567", ""},               // a local number with no region to read it in
           {"0501234567", "XX"},             // nor with an unknown one
           {"+999 501234567", "SA"},         // no such country code
           {"+966 00 000 0000", "SA"},       // a Saudi number no range covers
           {"09121234567", "SA"},            // an Iranian mobile read as Saudi
           {"92123456", "SA"},               // an Omani mobile read as Saudi
           {"+966501234567 ext. 12", "SA"},  // E.164 cannot carry the extension
       }) {
    const base::Result<std::string> r = NormalizePhone(input, region);
    EXPECT_FALSE(r.ok()) << '"' << input << "\" in " << region << " gave " << (r ? *r : "");
    if (!r) {
      EXPECT_EQ(r.error().code, base::ErrorCode::kInvalid);
      EXPECT_FALSE(r.error().message.empty());
      EXPECT_TRUE(r.error().field.empty());
    }
  }
}

// ---- Check digits, computed here the way each issuer defines them ----

/// Iran: sum of the first nine digits weighted 10..2, remainder r mod 11; check r if r < 2,
/// else 11 - r.
int IranRemainder(std::string_view first_nine) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (first_nine[i] - '0') * (10 - i);
  return sum % 11;
}
std::string WithIranCheck(std::string first_nine) {
  const int r = IranRemainder(first_nine);
  first_nine.push_back(static_cast<char>('0' + (r < 2 ? r : 11 - r)));
  return first_nine;
}

/// Luhn: the digit that makes the doubled-alternate sum a multiple of 10.
std::string WithLuhnCheck(std::string body) {
  int sum = 0;
  bool doubled = true;  // counted from the right, the check digit's neighbour is doubled
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    int v = *it - '0';
    if (doubled) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
    doubled = !doubled;
  }
  body.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return body;
}

/// Random digit strings from a fixed seed, `prefix` first, `length` digits in all.
std::vector<std::string> RandomBodies(std::string_view prefix, std::size_t length, std::size_t n) {
  std::mt19937 rng(1405);
  std::uniform_int_distribution<int> digit(0, 9);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string s(prefix);
    while (s.size() < length) s.push_back(static_cast<char>('0' + digit(rng)));
    out.push_back(s);
  }
  return out;
}

std::string NationalId(std::string_view input, std::string_view country) {
  const base::Result<std::string> r = NormalizeNationalId(input, country);
  return r ? *r : "error: " + r.error().message;
}

TEST(LuhnValid, KnownValues) {
  EXPECT_TRUE(LuhnValid("79927398713"));  // the textbook example
  EXPECT_FALSE(LuhnValid("79927398710"));
  EXPECT_TRUE(LuhnValid("0"));
  EXPECT_FALSE(LuhnValid(""));
  EXPECT_FALSE(LuhnValid("7992739871a"));
  EXPECT_EQ(WithLuhnCheck("7992739871"), "79927398713");  // the helper agrees with the book
}

TEST(NationalId, IranianCodesWithTheirCheckDigit) {
  const std::string code = WithIranCheck("001234567");  // a Tehran-style leading-zero code
  EXPECT_EQ(NationalId(code, "IR"), code);
  EXPECT_EQ(NationalId(code.substr(0, 3) + "-" + code.substr(3, 6) + "-" + code.substr(9), "ir"),
            code);
  for (const std::string& body : RandomBodies("", 9, 200)) {
    const std::string valid = WithIranCheck(body);
    EXPECT_EQ(NationalId(valid, "IR"), valid);
  }
}

TEST(NationalId, IranianCodesInPersianDigits) {
  const std::string code = WithIranCheck("123456789");
  std::string persian;
  for (const char c : code) {
    persian += "\xDB";
    persian.push_back(static_cast<char>(0xB0 + (c - '0')));  // U+06F0 + digit
  }
  EXPECT_EQ(NationalId(persian, "IR"), code);
}

TEST(NationalId, IranianRejections) {
  const std::string code = WithIranCheck("123456789");
  EXPECT_FALSE(NormalizeNationalId(code.substr(1), "IR").ok());  // 9 digits
  EXPECT_FALSE(NormalizeNationalId(code + "0", "IR").ok());      // 11 digits
  for (char d = '0'; d <= '9'; ++d) {
    // Every same-digit code satisfies the checksum, which is why it is rejected on its own.
    const std::string same(10, d);
    ASSERT_EQ(WithIranCheck(same.substr(0, 9)), same);
    EXPECT_FALSE(NormalizeNationalId(same, "IR").ok()) << same;
  }
  EXPECT_FALSE(NormalizeNationalId("12345a7890", "IR").ok());
}

TEST(NationalId, IranianSingleDigitErrors) {
  // The scheme maps remainders 1 and 10 to the same check digit 1, so a typo that moves the
  // remainder from one to the other goes unseen. Every other single-digit error is caught.
  std::size_t caught = 0;
  std::size_t blind_spot = 0;
  for (const std::string& body : RandomBodies("", 9, 500)) {
    const std::string valid = WithIranCheck(body);
    for (std::size_t pos = 0; pos < valid.size(); ++pos) {
      for (char d = '0'; d <= '9'; ++d) {
        if (d == valid[pos]) continue;
        std::string typo = valid;
        typo[pos] = d;
        if (!NormalizeNationalId(typo, "IR").ok()) {
          ++caught;
          continue;
        }
        const int before = IranRemainder(valid);
        const int after = IranRemainder(typo);
        ASSERT_TRUE((before == 1 && after == 10) || (before == 10 && after == 1))
            << valid << " -> " << typo << " accepted";
        ++blind_spot;
      }
    }
  }
  EXPECT_EQ(caught + blind_spot, 500u * 10 * 9);
  EXPECT_LT(blind_spot * 50, caught);  // the blind spot is a small share
}

TEST(NationalId, SaudiIds) {
  for (const std::string& body : RandomBodies("1", 9, 100)) {
    const std::string id = WithLuhnCheck(body);
    EXPECT_EQ(NationalId(id, "SA"), id);
  }
  for (const std::string& body : RandomBodies("2", 9, 100)) {
    const std::string id = WithLuhnCheck(body);
    EXPECT_EQ(NationalId(id, "SA"), id);
  }
  const std::string citizen = WithLuhnCheck("100000000");
  EXPECT_EQ(NationalId("١" + citizen.substr(1), "SA"), citizen);
  EXPECT_FALSE(NormalizeNationalId(WithLuhnCheck("300000000"), "SA").ok());  // starts with 3
  EXPECT_FALSE(NormalizeNationalId(WithLuhnCheck("10000000"), "SA").ok());   // 9 digits
}

TEST(NationalId, EmiratesIds) {
  const std::string id = WithLuhnCheck("78419901234567");
  EXPECT_EQ(NationalId(id, "AE"), id);
  // As printed on the card: 784-YYYY-NNNNNNN-C.
  EXPECT_EQ(NationalId(id.substr(0, 3) + "-" + id.substr(3, 4) + "-" + id.substr(7, 7) + "-" +
                           id.substr(14),
                       "AE"),
            id);
  EXPECT_FALSE(NormalizeNationalId(WithLuhnCheck("78519901234567"), "AE").ok());  // not 784
  EXPECT_FALSE(NormalizeNationalId(WithLuhnCheck("7841990123456"), "AE").ok());   // 14 digits
}

TEST(NationalId, LuhnCatchesEverySingleDigitError) {
  struct Case {
    std::string country;
    std::string prefix;
    std::size_t body_length;
  };
  for (const Case& c : {Case{"SA", "1", 9}, Case{"SA", "2", 9}, Case{"AE", "784", 14}}) {
    for (const std::string& body : RandomBodies(c.prefix, c.body_length, 300)) {
      const std::string valid = WithLuhnCheck(body);
      ASSERT_TRUE(NormalizeNationalId(valid, c.country).ok()) << valid;
      for (std::size_t pos = 0; pos < valid.size(); ++pos) {
        for (char d = '0'; d <= '9'; ++d) {
          if (d == valid[pos]) continue;
          std::string typo = valid;
          typo[pos] = d;
          ASSERT_FALSE(NormalizeNationalId(typo, c.country).ok())
              << c.country << ' ' << valid << " -> " << typo;
        }
      }
    }
  }
}

TEST(NationalId, OtherCountriesNeedFourToTwentyDigits) {
  EXPECT_EQ(NationalId("12345678", "OM"), "12345678");
  EXPECT_EQ(NationalId("١٢٣٤", "OM"), "1234");
  EXPECT_EQ(NationalId("12 34-56", "KW"), "123456");
  EXPECT_EQ(NationalId(std::string(20, '9'), ""), std::string(20, '9'));
  EXPECT_FALSE(NormalizeNationalId("123", "OM").ok());
  EXPECT_FALSE(NormalizeNationalId(std::string(21, '9'), "OM").ok());
  EXPECT_FALSE(NormalizeNationalId("A1234567", "OM").ok());
  EXPECT_FALSE(NormalizeNationalId("", "OM").ok());
  EXPECT_FALSE(NormalizeNationalId(" - ", "OM").ok());
}

TEST(NationalId, ErrorsLeaveTheFieldToTheCaller) {
  const base::Result<std::string> r = NormalizeNationalId("123", "IR");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kInvalid);
  EXPECT_TRUE(r.error().field.empty());
  EXPECT_FALSE(r.error().message.empty());
}

// ---- Email ----

std::string Email(std::string_view input) {
  const base::Result<std::string> r = NormalizeEmail(input);
  return r ? *r : "error: " + r.error().message;
}

TEST(NormalizeEmail, TrimsAndLowerCasesTheDomainOnly) {
  EXPECT_EQ(Email("  Ali.Reza@Example.COM "), "Ali.Reza@example.com");
  EXPECT_EQ(Email("a+tag@mail.example.sa"), "a+tag@mail.example.sa");
  EXPECT_EQ(Email("سارا@مثال.ایران"), "سارا@مثال.ایران");
}

TEST(NormalizeEmail, RejectsMalformedAddresses) {
  const std::string long_local(65, 'a');
  const std::string long_domain = std::string(250, 'b') + ".com";
  for (const std::string& input : {
           std::string(""),
           std::string("plainaddress"),
           std::string("@example.com"),
           std::string("ali@"),
           std::string("ali@example"),
           std::string("ali@@example.com"),
           std::string("ali@x@example.com"),
           std::string("ali reza@example.com"),
           std::string("ali@exa mple.com"),
           std::string("ali\xC2\xA0reza@example.com"),
           std::string("ali@.example.com"),
           std::string("ali@example.com."),
           std::string("ali@example..com"),
           std::string("ali\r\nBcc: x@y.z@example.com"),
           std::string("<ali@example.com>"),
           std::string("\"ali\"@example.com"),
           std::string("ali@example.com\xE2\x80\xAE"),
           std::string("ali@exam\xFFple.com"),
           long_local + "@example.com",
           "a@" + long_domain,
       }) {
    EXPECT_NE(Email(input).rfind("error: ", 0), std::string::npos) << '"' << input << '"';
  }
}

TEST(MaskedRecipient, KeepsTooLittleToIdentifyAnyone) {
  EXPECT_EQ(MaskedRecipient("+966501237777"), "+96\u2022\u2022\u20227777");
  EXPECT_EQ(MaskedRecipient("salim.alharthi@example.om"), "s\u2022\u2022\u2022@example.om");
  EXPECT_EQ(MaskedRecipient("12345"), "\u2022\u2022\u2022");
  EXPECT_EQ(MaskedRecipient("@x"), "\u2022\u2022\u2022@x");
  EXPECT_EQ(MaskedRecipient("").find("7777"), std::string::npos);
}

}  // namespace
}  // namespace tawasul::domain
