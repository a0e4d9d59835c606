#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tawasul::domain {

/// What is known of one requester's identity: whatever of it appears in free text must not reach
/// a reader who works on anonymized referrals (docs/decisions/0018-what-a-unit-may-see.md).
struct IdentityMarks {
  std::string name;                 ///< as registered: every part of it is masked
  std::vector<std::string> phones;  ///< E.164 ("+989121234567")
  std::string national_id;          ///< ASCII digits
  std::string email;
};

/// Masks identifiers in free text for readers who must not learn who a requester is.
///
/// Always (for anyone's identifiers): runs of 7 or more digits in any script (ASCII, Arabic-Indic,
/// Persian, fullwidth, mathematical, superscript...) joined across up to three non-letter
/// characters (spaces, commas of either script, underscores, colons, stars, dashes, dots, line
/// breaks) and across invisible ones (zero-width, bidi marks), unless the run reads exactly as a
/// date; e-mail addresses, with any "@" that NFKC folds to "@" and any script in the local part,
/// and spelled out ("name at host dot com", "name[at]host[dot]com").
///
/// With the requester's marks, also: each part of the name (two letters or more) and each run of
/// consecutive parts, compared after folding (case, Arabic/Persian letter variants such as ي/ی
/// ك/ک ة/ه أ/ا, diacritics, tatweel, ZWNJ, NFKC forms) with spaces between letters optional and
/// an Arabic "ال" or one-letter proclitic allowed before it; the phone's national number and the
/// national ID inside any run of digits joined across any non-letter characters however long; the
/// e-mail's local part wherever it appears.
///
/// Each masked span becomes "[…]", a fixed text that says nothing of what it hid.
class Anonymizer {
 public:
  Anonymizer() = default;  ///< the generic masks only
  explicit Anonymizer(const IdentityMarks& marks);

  std::string Mask(std::string_view text) const;

 private:
  std::vector<std::u32string> names_;   ///< folded letter sequences, longest first
  std::vector<std::string> digits_;     ///< ASCII digit strings of 7 or more
  std::vector<std::u32string> tokens_;  ///< folded e-mail (local part and whole address)
};

/// Folds a text for comparison the way the anonymizer and search do: NFKC per character,
/// case-folded, Arabic/Persian letter variants joined (ي ى ئ→ی, ك→ک, ة ۀ→ه, أ إ آ ٱ→ا, ؤ→و),
/// diacritics, tatweel and zero-width characters dropped, digits of every script to ASCII.
std::u32string FoldForMatch(std::string_view text);

}  // namespace tawasul::domain
