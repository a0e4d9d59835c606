#pragma once

// Ways of writing a requester's name, phone, national ID and e-mail in free text, in Arabic,
// Persian and Latin script, with what must not survive anonymization (issue 10). Used by the
// anonymizer's own test and by the HTTP test that reads them back as unit staff on both stores.
#include <string>
#include <vector>

namespace tawasul::testing {

/// One requester whose identity the texts carry.
struct CorpusPerson {
  std::string name;
  std::string phone;  ///< as an agent types it; E.164 after normalization
  std::string e164;
  std::string email;
  std::string national_id;  ///< empty: none
};

inline const std::vector<CorpusPerson>& CorpusPeople() {
  static const std::vector<CorpusPerson> kPeople{
      {"رضا احمدی", "09121234567", "+989121234567", "reza.ahmadi@example.com", "0791234568"},
      {"عبدالله بن سعد العتيبي", "+966501234567", "+966501234567", "abdullah.otaibi@example.net", ""},
      {"John Smith", "+971507654321", "+971507654321", "j.smith@example.org", ""},
  };
  return kPeople;
}

/// A text and what must not be readable in it once masked. A needle "digits:N" means the
/// digits N must not appear in the text's digits read together (any script, any separators);
/// any other needle must not appear in the text's letters and digits read together after NFKC,
/// case folding and Arabic/Persian letter folding.
struct CorpusEntry {
  int person;  ///< index into CorpusPeople()
  std::string text;
  std::vector<std::string> needles;
};

inline const std::vector<CorpusEntry>& IdentityCorpus() {
  const std::string p = "digits:1234567";  // the tail of person 0's phone
  const std::string n = "digits:0791234568";
  const std::string sa = "digits:501234567";
  const std::string ae = "digits:507654321";
  const std::string mail0 = "rezaahmadi";
  static const std::vector<CorpusEntry> kCorpus{
      // Person 0's phone, +98 912 123 4567, in every shape seen in complaints.
      {0, "شماره من 09121234567 است", {p}},
      {0, "شماره من 0912 123 4567 است", {p}},
      {0, "شماره من 0912-123-4567 است", {p}},
      {0, "شماره من 0912.123.4567 است", {p}},
      {0, "شماره من (0912) 123 4567 است", {p}},
      {0, "شماره من +98 912 123 4567 است", {p}},
      {0, "شماره من +989121234567 است", {p}},
      {0, "شماره من 00989121234567 است", {p}},
      {0, "شماره من 0098 912 123 45 67 است", {p}},
      {0, "شماره من 9121234567 است", {p}},
      {0, "شماره من 912 123 4567 است", {p}},
      {0, "شماره من 0912,123,4567 است", {p}},
      {0, "شماره من 0912، 123، 4567 است", {p}},
      {0, "شماره من ۰۹۱۲۱۲۳۴۵۶۷ است", {p}},
      {0, "شماره من ٠٩١٢١٢٣٤٥٦٧ است", {p}},
      {0, "شماره من ٠٩١٢،١٢٣،٤٥٦٧ است", {p}},
      {0, "شماره من 0912_123_4567 است", {p}},
      {0, "شماره من 0912:123:4567 است", {p}},
      {0, "شماره من 0912*123*4567 است", {p}},
      {0, "شماره من 0912/123/4567 است", {p}},
      {0, "شماره من 0912\u200B123\u200B4567 است", {p}},
      {0, "شماره من 0912\u200C123\u200C4567 است", {p}},
      {0, "شماره من \u200E0912\u200F1234567\u202C است", {p}},
      {0, "شماره من \u20660912 123 4567\u2069 است", {p}},
      {0, "شماره من ０９１２１２３４５６７ است", {p}},
      {0, "شماره من 𝟎𝟗𝟏𝟐𝟏𝟐𝟑𝟒𝟓𝟔𝟕 است", {p}},
      {0, "شماره من 𝟘𝟡𝟙𝟚𝟙𝟚𝟛𝟜𝟝𝟞𝟟 است", {p}},
      {0, "شماره من ⁰⁹¹²¹²³⁴⁵⁶⁷ است", {p}},
      {0, "شماره من 09 12 12 34 56 7 است", {p}},
      {0, "شماره من 0 9 1 2 1 2 3 4 5 6 7 است", {p}},
      {0, "شماره من 0912 ۱۲۳ ٤٥٦٧ است", {p}},
      {0, "شماره من\n0912\n123\n4567\nاست", {p}},
      {0, "شماره من 0912 - 123 - 4567 است", {p}},
      {0, "شماره من 0912 / 123 / 4567 است", {p}},
      {0, "شماره من [0912] [123] [4567] است", {p}},
      {0, "شماره من 0912|123|4567 است", {p}},
      {0, "شماره من 0912~123~4567 است", {p}},
      {0, "شماره من 0912 . 123 . 4567 است", {p}},
      {0, "شماره من 0912\t123\t4567 است", {p}},
      {0, "شماره من 0912\u00A0123\u00A04567 است", {p}},
      {0, "شماره من 0912\u202F123\u202F4567 است", {p}},
      {0, "شماره من +۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷ است", {p}},
      {0, "tel:+989121234567", {p}},
      {0, "شماره من 0912-1234567 است", {p}},
      {0, "شماره من (+98)912-123-4567 است", {p}},
      {0, "شماره‌ام۰۹۱۲۱۲۳۴۵۶۷است", {p}},
      {0, "phone:09121234567,thanks", {p}},
      {0, "شماره من 0912 (123) 4567 است", {p}},
      {0, "شماره من ٠٩١٢-١٢٣-٤٥٦٧ است", {p}},
      {0, "شماره من 0 9 1 2 - 1 2 3 - 4 5 6 7 است", {p}},
      {0, "شماره من 0912   ,   123   ,   4567 است", {p}},
      {0, "شماره من 0912...123...4567 است", {p}},
      {0, "شماره من ۰۹۱۲_۱۲۳_۴۵۶۷ است", {p}},
      {0, "شماره من 0912#123#4567 است", {p}},
      {0, "شماره من 0912 ; 123 ; 4567 است", {p}},
      // Person 0's national code, 0791234568.
      {0, "کد ملی 0791234568", {n}},
      {0, "کد ملی 079-123456-8", {n}},
      {0, "کد ملی 079,123,456,8", {n}},
      {0, "کد ملی ۰۷۹۱۲۳۴۵۶۸", {n}},
      {0, "کد ملی ٠٧٩١٢٣٤٥٦٨", {n}},
      {0, "کد ملی 079 123 4568", {n}},
      {0, "کد ملی ０７９１２３４５６８", {n}},
      {0, "کد ملی 079\u200B1234568", {n}},
      {0, "کد ملی 079.123.456.8", {n}},
      {0, "کد ملی:0791234568", {n}},
      {0, "کد ملی ۰۷۹-۱۲۳۴۵۶-۸", {n}},
      {0, "کد ملی 0 7 9 1 2 3 4 5 6 8", {n}},
      {0, "کد ملی 079،123،4568", {n}},
      // Person 0's e-mail.
      {0, "ایمیل reza.ahmadi@example.com", {mail0}},
      {0, "ایمیل REZA.AHMADI@EXAMPLE.COM", {mail0}},
      {0, "ایمیل reza.ahmadi＠example.com", {mail0}},
      {0, "ایمیل reza.ahmadi﹫example.com", {mail0}},
      {0, "ایمیل reza.ahmadi at example dot com", {mail0}},
      {0, "ایمیل reza.ahmadi (at) example (dot) com", {mail0}},
      {0, "ایمیل reza.ahmadi[at]example[dot]com", {mail0}},
      {0, "ایمیل reza.ahmadi AT example DOT com", {mail0}},
      {0, "ایمیل reza.ahmadi at example.com", {mail0}},
      {0, "ایمیل ｒｅｚａ.ａｈｍａｄｉ@example.com", {mail0}},
      {0, "نام کاربری من reza.ahmadi است", {mail0}},
      {0, "mailto:reza.ahmadi@example.com", {mail0}},
      {0, "<reza.ahmadi@example.com>", {mail0}},
      {0, "ایمیل reza\u200B.ahmadi@example.com", {mail0}},
      {0, "ایمیل reza.ahmadi {at} example {dot} com", {mail0}},
      // Someone else's addresses: masked by their shape alone.
      {0, "ایمیل همسایه: کریمی.محمد@ایمیل.ایران", {"کریمیمحمد"}},
      {0, "write to other.person@mail.example.com.", {"otherperson"}},
      {0, "write to other_person at mail dot example dot com", {"otherperson"}},
      // Person 0's name.
      {0, "من رضا احمدی هستم", {"رضا", "احمدی"}},
      {0, "من رضا احمدي هستم", {"رضا", "احمدی"}},
      {0, "من رضا أحمدی هستم", {"رضا", "احمدی"}},
      {0, "من رَضا اَحمَدی هستم", {"رضا", "احمدی"}},
      {0, "من رضـــا احمـــدی هستم", {"رضا", "احمدی"}},
      {0, "من رضااحمدی هستم", {"رضا", "احمدی"}},
      {0, "من رضا\u200Cاحمدی هستم", {"رضا", "احمدی"}},
      {0, "امضا: احمدی، رضا", {"رضا", "احمدی"}},
      {0, "آقای احمدی تماس گرفت", {"احمدی"}},
      {0, "این نامه احمدی\u200Cاست", {"احمدی"}},
      {0, "من و احمدی رفتیم", {"احمدی"}},
      {0, "ﺭﺿﺎ ﺍﺣﻤﺪﻯ شکایت دارد", {"رضا", "احمدی"}},
      {0, "من ر ض ا هستم", {"رضا"}},
      {0, "من ا ح م د ی هستم", {"احمدی"}},
      {0, "من رضا\u200Bاحمدی هستم", {"رضا", "احمدی"}},
      {0, "شاکی: رضا", {"رضا"}},
      // Person 1: an Arabic name with its particles, a Saudi mobile.
      {1, "أنا عبدالله العتيبي", {"عبدالله", "عتیبی"}},
      {1, "أنا عبد الله بن سعد العتيبى", {"عبدالله", "سعد", "عتیبی"}},
      {1, "تواصلوا مع عتيبي", {"عتیبی"}},
      {1, "الشكوى من أبو سعد بالعتيبي", {"سعد", "عتیبی"}},
      {1, "مقدمه لعبدالله", {"عبدالله"}},
      {1, "جوالي 0501234567", {sa}},
      {1, "جوالي ٠٥٠١٢٣٤٥٦٧", {sa}},
      {1, "جوالي ٠٥٠،١٢٣،٤٥٦٧", {sa}},
      {1, "جوالي 050,123,4567", {sa}},
      {1, "جوالي +966 50 123 4567", {sa}},
      {1, "جوالي 00966-50-123-4567", {sa}},
      {1, "بريدي abdullah.otaibi@example.net", {"abdullahotaibi"}},
      // Person 2: a Latin name, an Emirati mobile.
      {2, "I am John Smith, please call back", {"john", "smith"}},
      {2, "I am JOHN SMITH", {"john", "smith"}},
      {2, "Signed: Smith, John", {"john", "smith"}},
      {2, "Mr. Smith's car blocks the gate", {"smith"}},
      {2, "I am Ｊｏｈｎ Ｓｍｉｔｈ", {"john", "smith"}},
      {2, "from johnsmith", {"johnsmith"}},
      {2, "call 050 765 4321", {ae}},
      {2, "call +971-50-765-4321", {ae}},
      {2, "call 050_765_4321", {ae}},
      {2, "write j.smith@example.org", {"jsmith"}},
      {2, "write j.smith at example dot org", {"jsmith"}},
  };
  return kCorpus;
}

/// Texts that must reach unit staff as they are: what a unit needs to act on.
inline const std::vector<std::string>& KeptTexts() {
  static const std::vector<std::string> kKept{
      "مسجد شماره ۱۲ در خیابان ۱۴",
      "بلندگوی مسجد از 1403/05/12 خراب است",
      "since 2026-11-24 the speaker is broken",
      "ساعت 10:30 صبح",
      "إن شاء الله يتم الإصلاح",
      "رضایت نداریم از احمد و سعدی",
      "Johnny and Smithson were there",
      "الشكوى رقم 15 بتاريخ 12/05/2026",
      "3 speakers in hall 12, since 2025",
  };
  return kKept;
}

}  // namespace tawasul::testing
