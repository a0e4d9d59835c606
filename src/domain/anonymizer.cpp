#include "domain/anonymizer.hpp"

#include "domain/identity.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace tawasul::domain {
namespace {

constexpr std::string_view kMask = "[…]";
constexpr std::size_t kMaxLocal = 64;    // an address's local part (RFC 5321)
constexpr std::size_t kMaxDomain = 253;  // and its domain
constexpr std::size_t kMaxNameParts = 8;

enum class Kind { kLetter, kDigit, kIgnorable, kSpace, kAt, kOther };

/// One code point of the text: where it is, what it is, and its folded form (a letter folded
/// for comparison, a digit as ASCII, anything else as itself after NFKC).
struct Cp {
  char32_t raw = 0;
  char32_t folded = 0;
  Kind kind = Kind::kOther;
  bool format = false;  ///< a Cf character (ZWNJ, ZWSP, bidi marks): a word boundary for names
  std::size_t begin = 0, end = 0;
};

char32_t Decode(std::string_view s, std::size_t i, std::size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (i + static_cast<std::size_t>(n) > s.size()) n = 1;
  *len = static_cast<std::size_t>(n);
  if (n == 1) return b;
  char32_t cp = b & (0x7F >> n);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

/// `c`'s compatibility decomposition (fullwidth "Ａ" → "A", "＠" → "@", "𝟘" → "0", "⑴" → "(1)",
/// "ﻻ" → "لا", "é" → "e" + a combining mark, Arabic presentation forms → the letter); empty when
/// it has none.
std::u32string Decomposition(char32_t c) {
  if (c < 0x80) return {};
  static const icu::Normalizer2* nfkc = [] {
    UErrorCode e = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(e);
    return U_SUCCESS(e) ? n : nullptr;
  }();
  icu::UnicodeString d;
  if (nfkc == nullptr || !nfkc->getDecomposition(static_cast<UChar32>(c), d)) return {};
  std::u32string out;
  for (int32_t k = 0; k < d.length(); k = d.moveIndex32(k, 1)) {
    out.push_back(static_cast<char32_t>(d.char32At(k)));
  }
  return out;
}

char32_t NfkcFirst(char32_t c) {
  const std::u32string d = Decomposition(c);
  return d.empty() ? c : d.front();
}

/// Digits, format characters and marks are read as they are; anything else through its
/// decomposition.
bool ReadAsItself(char32_t c) {
  const int type = u_charType(static_cast<UChar32>(c));
  return c < 0x80 || type == U_DECIMAL_DIGIT_NUMBER || type == U_FORMAT_CHAR ||
         type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
         type == U_COMBINING_SPACING_MARK || c == 0x0640;
}

/// Arabic and Persian spellings of one letter, joined.
char32_t FoldArabicLetter(char32_t c) {
  switch (c) {
    case 0x064A: case 0x0649: case 0x0626: case 0x06D2: return 0x06CC;  // ي ى ئ ے → ی
    case 0x0643: return 0x06A9;                                        // ك → ک
    case 0x0629: case 0x06C0: case 0x06D5: return 0x0647;              // ة ۀ ە → ه
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: return 0x0627;  // أ إ آ ٱ → ا
    case 0x0624: return 0x0648;                                        // ؤ → و
    default: return c;
  }
}

Cp Classify(char32_t c) {
  Cp p;
  p.raw = c;
  p.folded = c;
  const int type = u_charType(static_cast<UChar32>(c));
  if (type == U_DECIMAL_DIGIT_NUMBER) {
    p.kind = Kind::kDigit;
    p.folded = U'0' + static_cast<char32_t>(u_charDigitValue(static_cast<UChar32>(c)));
    return p;
  }
  if (type == U_FORMAT_CHAR) {
    p.kind = Kind::kIgnorable;
    p.format = true;
    return p;
  }
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK ||
      c == 0x0640 /* tatweel */) {
    p.kind = Kind::kIgnorable;
    return p;
  }
  const char32_t m = NfkcFirst(c);
  p.folded = m;
  if (m >= '0' && m <= '9') {
    p.kind = Kind::kDigit;  // superscript, circled and the like
  } else if (m == '@') {
    p.kind = Kind::kAt;
  } else if (u_isalpha(static_cast<UChar32>(m))) {
    p.kind = Kind::kLetter;
    p.folded = FoldArabicLetter(
        static_cast<char32_t>(u_foldCase(static_cast<UChar32>(m), U_FOLD_CASE_DEFAULT)));
  } else if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
    p.kind = Kind::kSpace;
  }
  return p;
}

std::vector<Cp> Analyze(std::string_view s) {
  std::vector<Cp> cps;
  cps.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const char32_t c = Decode(s, i, &len);
    // A character that decomposes to several ("⑴", "ﻻ", "é") is read as each of them, all
    // standing on its bytes; masking any of them masks the character.
    const std::u32string parts = ReadAsItself(c) ? std::u32string() : Decomposition(c);
    if (parts.size() < 2) {
      Cp p = Classify(c);
      p.begin = i;
      p.end = i + len;
      cps.push_back(p);
    } else {
      for (const char32_t part : parts) {
        Cp p = Classify(part);
        p.raw = c;
        p.begin = i;
        p.end = i + len;
        cps.push_back(p);
      }
    }
    i += len;
  }
  return cps;
}

void MarkSpan(std::vector<bool>& masked, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k <= to && k < masked.size(); ++k) masked[k] = true;
}

/// Three groups of digits with one same separator ("/", "-" or ".") between them, shaped as a
/// day, a month and a year in either order: a date, which a unit needs, not an identifier.
bool LooksLikeDate(const std::vector<Cp>& cps, std::size_t from, std::size_t to) {
  std::vector<int> groups{0};
  char32_t sep = 0;
  for (std::size_t k = from; k <= to; ++k) {
    if (cps[k].kind == Kind::kDigit) {
      ++groups.back();
    } else if (cps[k].folded == '/' || cps[k].folded == '-' || cps[k].folded == '.') {
      if (sep != 0 && sep != cps[k].folded) return false;
      if (groups.back() == 0) return false;
      sep = cps[k].folded;
      groups.push_back(0);
    } else {
      return false;
    }
  }
  if (groups.size() != 3) return false;
  const auto small = [](int g) { return g == 1 || g == 2; };
  return (groups[0] == 4 && small(groups[1]) && small(groups[2])) ||
         (small(groups[0]) && small(groups[1]) && groups[2] == 4);
}

/// Runs of 7 or more digits, with up to three visible non-letter characters between two digits.
void MaskDigitRuns(const std::vector<Cp>& cps, std::vector<bool>& masked) {
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n;) {
    if (cps[i].kind != Kind::kDigit) {
      ++i;
      continue;
    }
    std::size_t last = i;
    int digits = 0, gap = 0;
    for (std::size_t j = i; j < n; ++j) {
      const Kind k = cps[j].kind;
      if (k == Kind::kDigit) {
        ++digits;
        last = j;
        gap = 0;
      } else if (k == Kind::kLetter || k == Kind::kAt) {
        break;
      } else if (k != Kind::kIgnorable && ++gap > 3) {
        break;
      }
    }
    if (digits >= 7 && !LooksLikeDate(cps, i, last)) {
      std::size_t from = i;
      if (from > 0 && cps[from - 1].folded == '+') --from;
      MarkSpan(masked, from, last);
    }
    i = last + 1;
  }
}

/// The requester's own numbers inside any run of digits that no letter interrupts.
void MaskKnownDigits(const std::vector<Cp>& cps, const std::vector<std::string>& numbers,
                     std::vector<bool>& masked) {
  if (numbers.empty()) return;
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n;) {
    if (cps[i].kind != Kind::kDigit) {
      ++i;
      continue;
    }
    std::string digits;
    std::vector<std::size_t> where;
    std::size_t j = i;
    for (; j < n && cps[j].kind != Kind::kLetter && cps[j].kind != Kind::kAt; ++j) {
      if (cps[j].kind == Kind::kDigit) {
        digits.push_back(static_cast<char>(cps[j].folded));
        where.push_back(j);
      }
    }
    for (const std::string& number : numbers) {
      for (std::size_t at = digits.find(number); at != std::string::npos;
           at = digits.find(number, at + 1)) {
        MarkSpan(masked, where[at], where[at + number.size() - 1]);
      }
    }
    i = j;
  }
}

bool IsLocalPartChar(const Cp& p) {
  if (p.kind == Kind::kLetter || p.kind == Kind::kDigit || p.kind == Kind::kIgnorable) return true;
  const char32_t c = p.folded;
  return c == '.' || c == '_' || c == '-' || c == '+' || c == '%' || c == '\'';
}

bool IsDomainChar(const Cp& p) {
  return p.kind == Kind::kLetter || p.kind == Kind::kDigit || p.kind == Kind::kIgnorable ||
         p.folded == '.' || p.folded == '-';
}

/// local@domain.tld, with any "@" NFKC folds to "@" and letters of any script.
void MaskAtAddresses(const std::vector<Cp>& cps, std::vector<bool>& masked) {
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (cps[i].kind != Kind::kAt) continue;
    // RFC 5321's lengths bound the scan, so a text of many "@" stays linear.
    std::size_t from = i;
    while (from > 0 && i - from < kMaxLocal && IsLocalPartChar(cps[from - 1])) --from;
    std::size_t to = i;
    while (to + 1 < n && to - i < kMaxDomain && IsDomainChar(cps[to + 1])) ++to;
    while (to > i && (cps[to].folded == '.' || cps[to].folded == '-' ||
                      cps[to].kind == Kind::kIgnorable)) {
      --to;  // a sentence's full stop is not the domain's
    }
    bool local = false, dot = false, after_dot = false;
    for (std::size_t k = from; k < i; ++k) {
      local = local || cps[k].kind == Kind::kLetter || cps[k].kind == Kind::kDigit;
    }
    for (std::size_t k = i + 1; k <= to; ++k) {
      if (cps[k].folded == '.') dot = true;
      else if (dot && (cps[k].kind == Kind::kLetter || cps[k].kind == Kind::kDigit)) after_dot = true;
    }
    if (local && after_dot) MarkSpan(masked, from, to);
  }
}

bool IsAsciiAlnum(const Cp& p) {
  const char32_t c = p.folded;  // case-folded, NFKC: fullwidth letters are ASCII here
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool IsWordChar(const Cp& p) { return p.kind == Kind::kLetter || p.kind == Kind::kDigit; }
bool IsOpening(const Cp& p) {
  return p.folded == '(' || p.folded == '[' || p.folded == '{' || p.folded == '<';
}
bool IsClosing(const Cp& p) {
  return p.folded == ')' || p.folded == ']' || p.folded == '}' || p.folded == '>';
}

/// The ASCII word `w` (lower case) at `i`, standing alone; the index after it, or npos.
std::size_t Word(const std::vector<Cp>& cps, std::size_t i, std::u32string_view w) {
  if (i + w.size() > cps.size() || (i > 0 && IsWordChar(cps[i - 1]))) return std::string::npos;
  for (std::size_t k = 0; k < w.size(); ++k) {
    if (cps[i + k].folded != w[k]) return std::string::npos;
  }
  const std::size_t end = i + w.size();
  return end < cps.size() && IsWordChar(cps[end]) ? std::string::npos : end;
}

std::size_t SkipSpaces(const std::vector<Cp>& cps, std::size_t i) {
  while (i < cps.size() && (cps[i].kind == Kind::kSpace || cps[i].kind == Kind::kIgnorable)) ++i;
  return i;
}

/// A domain label (ASCII letters, digits, '-') from `i`, at most 63 long; the index after it.
std::size_t Label(const std::vector<Cp>& cps, std::size_t i) {
  const std::size_t start = i;
  while (i < cps.size() && i - start < 63 && (IsAsciiAlnum(cps[i]) || cps[i].folded == '-')) ++i;
  return i;
}

/// A separator between labels from `i`: "." right before a label, or "dot" spelled out with
/// spaces or brackets around it; the index of the next label, or npos.
std::size_t Dot(const std::vector<Cp>& cps, std::size_t i) {
  if (i + 1 < cps.size() && cps[i].folded == '.' && IsAsciiAlnum(cps[i + 1])) return i + 1;
  std::size_t k = SkipSpaces(cps, i);
  const bool bracket = k < cps.size() && IsOpening(cps[k]);
  if (bracket) k = SkipSpaces(cps, k + 1);
  if (!bracket && k == i) return std::string::npos;  // "dot" needs a space or a bracket before
  k = Word(cps, k, U"dot");
  if (k == std::string::npos) return std::string::npos;
  k = SkipSpaces(cps, k);
  if (bracket) {
    if (k >= cps.size() || !IsClosing(cps[k])) return std::string::npos;
    k = SkipSpaces(cps, k + 1);
  }
  return k < cps.size() && IsAsciiAlnum(cps[k]) ? k : std::string::npos;
}

/// "name at host dot com", "name (at) host (dot) com", "name[at]host.com": a word "at" between a
/// local part and two or more labels, the last of two letters or more. Linear in the text.
void MaskSpelledAddresses(const std::vector<Cp>& cps, std::vector<bool>& masked) {
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t after_at = Word(cps, i, U"at");
    if (after_at == std::string::npos) continue;
    // The local part, before the word (and an opening bracket).
    std::size_t j = i;
    while (j > 0 && (cps[j - 1].kind == Kind::kSpace || cps[j - 1].kind == Kind::kIgnorable)) --j;
    if (j > 0 && IsOpening(cps[j - 1])) {
      --j;
      while (j > 0 && cps[j - 1].kind == Kind::kSpace) --j;
    }
    std::size_t from = j;
    while (from > 0 && j - from < kMaxLocal &&
           (IsAsciiAlnum(cps[from - 1]) || cps[from - 1].folded == '.' ||
                        cps[from - 1].folded == '_' || cps[from - 1].folded == '%' ||
                        cps[from - 1].folded == '+' || cps[from - 1].folded == '-')) {
      --from;
    }
    if (from == j || (from > 0 && IsWordChar(cps[from - 1]))) continue;
    // The labels, after the word (and a closing bracket).
    std::size_t k = SkipSpaces(cps, after_at);
    if (k < n && IsClosing(cps[k])) k = SkipSpaces(cps, k + 1);
    std::size_t end = Label(cps, k);
    if (end == k) continue;
    int dots = 0;
    std::size_t last_label = k;
    for (std::size_t next; end - k < kMaxDomain && (next = Dot(cps, end)) != std::string::npos;) {
      const std::size_t label_end = Label(cps, next);
      if (label_end == next) break;
      last_label = next;
      end = label_end;
      ++dots;
    }
    bool tld = dots > 0 && end - last_label >= 2;
    for (std::size_t t = last_label; tld && t < end; ++t) tld = cps[t].kind == Kind::kLetter;
    if (!tld) continue;
    MarkSpan(masked, from, end - 1);
    i = end - 1;
  }
}

bool IsLetter(const Cp& p) { return p.kind == Kind::kLetter; }

/// The code point before `i` that is not a combining mark or tatweel (format characters such as
/// ZWNJ count: they end a word), or npos.
std::size_t PrevVisible(const std::vector<Cp>& cps, std::size_t i) {
  while (i > 0) {
    --i;
    if (!(cps[i].kind == Kind::kIgnorable && !cps[i].format)) return i;
  }
  return std::string::npos;
}

bool WordStart(const std::vector<Cp>& cps, std::size_t i) {
  const std::size_t p = PrevVisible(cps, i);
  return p == std::string::npos || !IsLetter(cps[p]);
}

/// Matches the folded `name` at `i`, letters compared after folding, invisible characters skipped
/// and up to two spaces or hyphens allowed between two letters; ends at a word boundary. Returns
/// the index of the last code point matched, or npos.
std::size_t MatchName(const std::vector<Cp>& cps, std::size_t i, const std::u32string& name) {
  const std::size_t n = cps.size();
  std::size_t k = 0, j = i, last = 0;
  int separators = 0;
  while (k < name.size()) {
    if (j >= n) return std::string::npos;
    const Cp& p = cps[j];
    if (p.kind == Kind::kIgnorable) {
      ++j;
      continue;
    }
    if (p.kind == Kind::kLetter) {
      if (p.folded != name[k]) return std::string::npos;
      ++k;
      last = j++;
      separators = 0;
      continue;
    }
    if (k > 0 && (p.kind == Kind::kSpace || p.folded == '-') && ++separators <= 2) {
      ++j;
      continue;
    }
    return std::string::npos;
  }
  // Combining marks on the last letter belong to it; a following letter means another word.
  while (last + 1 < n && cps[last + 1].kind == Kind::kIgnorable && !cps[last + 1].format) ++last;
  if (last + 1 < n && IsLetter(cps[last + 1])) return std::string::npos;
  return last;
}

/// Skips one letter at `i` (and marks after it); the next index.
std::size_t SkipLetter(const std::vector<Cp>& cps, std::size_t i) {
  ++i;
  while (i < cps.size() && cps[i].kind == Kind::kIgnorable && !cps[i].format) ++i;
  return i;
}

void MaskNames(const std::vector<Cp>& cps, const std::vector<std::u32string>& names,
               std::vector<bool>& masked) {
  if (names.empty()) return;
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!IsLetter(cps[i]) || masked[i] || !WordStart(cps, i)) continue;
    // Where the name may start: the word itself, after a one-letter proclitic (و ف ب ل ک), after
    // the article "ال", or both.
    std::vector<std::size_t> starts{i};
    const char32_t first = cps[i].folded;
    if (first == 0x0648 || first == 0x0641 || first == 0x0628 || first == 0x0644 ||
        first == 0x06A9) {
      starts.push_back(SkipLetter(cps, i));
    }
    for (std::size_t s = 0, count = starts.size(); s < count; ++s) {
      const std::size_t a = starts[s];
      if (a < n && cps[a].folded == 0x0627) {
        const std::size_t b = SkipLetter(cps, a);
        if (b < n && cps[b].folded == 0x0644) starts.push_back(SkipLetter(cps, b));
      }
    }
    for (const std::u32string& name : names) {
      bool hit = false;
      for (const std::size_t s : starts) {
        if (s >= n || !IsLetter(cps[s])) continue;
        const std::size_t last = MatchName(cps, s, name);
        if (last != std::string::npos) {
          MarkSpan(masked, i, last);
          hit = true;
          break;
        }
      }
      if (hit) break;
    }
  }
}

/// Folded tokens (the e-mail and its local part) wherever they appear, invisible characters
/// skipped.
void MaskTokens(const std::vector<Cp>& cps, const std::vector<std::u32string>& tokens,
                std::vector<bool>& masked) {
  if (tokens.empty()) return;
  std::u32string folded;
  std::vector<std::size_t> where;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    if (cps[k].kind == Kind::kIgnorable) continue;
    folded.push_back(cps[k].folded);
    where.push_back(k);
  }
  for (const auto& token : tokens) {
    if (token.empty()) continue;
    for (std::size_t at = folded.find(token); at != std::u32string::npos;
         at = folded.find(token, at + 1)) {
      MarkSpan(masked, where[at], where[at + token.size() - 1]);
    }
  }
}

std::string Render(std::string_view text, const std::vector<Cp>& cps,
                   const std::vector<bool>& masked) {
  std::string out;
  out.reserve(text.size());
  bool previous = false;
  for (std::size_t k = 0; k < cps.size();) {
    // The code points read from one character: masked together.
    std::size_t next = k;
    bool any = false;
    while (next < cps.size() && cps[next].begin == cps[k].begin) {
      if (masked[next++]) any = true;
    }
    if (!any) {
      out.append(text.substr(cps[k].begin, cps[k].end - cps[k].begin));
    } else if (!previous) {
      out.append(kMask);
    }
    previous = any;
    k = next;
  }
  return out;
}

}  // namespace

std::u32string FoldForMatch(std::string_view text) {
  std::u32string out;
  for (const Cp& p : Analyze(text)) {
    if (p.kind != Kind::kIgnorable) out.push_back(p.folded);
  }
  return out;
}

Anonymizer::Anonymizer(const IdentityMarks& marks) {
  // Name parts split at spaces; every run of consecutive parts is a pattern too, so that a
  // full name written without its spaces ("محمدرضا") is found as well as each part.
  std::vector<std::u32string> parts;
  for (const Cp& p : Analyze(marks.name)) {
    if (p.kind == Kind::kSpace || p.folded == '-' || p.folded == ',') {
      if (parts.empty() || !parts.back().empty()) parts.emplace_back();
    } else if (p.kind == Kind::kLetter) {
      if (parts.empty()) parts.emplace_back();
      parts.back().push_back(p.folded);
    }
  }
  std::erase_if(parts, [](const std::u32string& s) { return s.size() < 2; });
  if (parts.size() > kMaxNameParts) parts.resize(kMaxNameParts);  // runs of parts grow as n²
  // Particles of Arabic and Latin names ("بن", "عبد", "الله", "al") are words of everyday text
  // on their own ("إن شاء الله"): they are masked only inside a run with a real part.
  static const std::vector<std::u32string> kParticles = [] {
    std::vector<std::u32string> out;
    for (const char* w : {"بن", "ابن", "بنت", "ابو", "ام", "ال", "آل", "عبد", "الله", "سید", "bin",
                          "ibn", "bint", "abu", "al", "el", "de", "van", "von", "mr", "mrs"}) {
      out.push_back(FoldForMatch(w));
    }
    return out;
  }();
  const auto particle = [&](const std::u32string& s) {
    return std::find(kParticles.begin(), kParticles.end(), s) != kParticles.end();
  };
  const std::u32string article = U"\u0627\u0644";  // ال
  for (std::size_t a = 0; a < parts.size(); ++a) {
    std::u32string joined;
    for (std::size_t b = a; b < parts.size(); ++b) {
      joined += parts[b];
      if (a == b && particle(joined)) continue;
      names_.push_back(joined);
      if (joined.rfind(article, 0) == 0 && joined.size() >= 4) {
        names_.push_back(joined.substr(2));  // "العتيبي" also written "عتيبي"
      }
    }
  }
  std::sort(names_.begin(), names_.end(),
            [](const auto& x, const auto& y) { return x.size() > y.size(); });
  names_.erase(std::unique(names_.begin(), names_.end()), names_.end());

  for (const std::string& phone : marks.phones) {
    const std::string national = NationalSignificantNumber(phone);
    if (national.size() >= 6) digits_.push_back(national);
  }
  std::string id;
  for (const Cp& p : Analyze(marks.national_id)) {
    if (p.kind == Kind::kDigit) id.push_back(static_cast<char>(p.folded));
  }
  if (id.size() >= 6) digits_.push_back(id);

  if (!marks.email.empty()) {
    // Folding may leave little of a part made of marks or tatweel: too short to look for.
    const std::size_t at = marks.email.find('@');
    std::u32string whole = FoldForMatch(marks.email);
    if (whole.size() >= 6) tokens_.push_back(std::move(whole));
    if (at != std::string::npos) {
      std::u32string local = FoldForMatch(std::string_view(marks.email).substr(0, at));
      if (local.size() >= 3) tokens_.push_back(std::move(local));
    }
  }
}

std::string Anonymizer::Mask(std::string_view text) const {
  if (text.empty()) return {};
  const std::vector<Cp> cps = Analyze(text);
  std::vector<bool> masked(cps.size(), false);
  MaskTokens(cps, tokens_, masked);
  MaskAtAddresses(cps, masked);
  MaskSpelledAddresses(cps, masked);
  MaskKnownDigits(cps, digits_, masked);
  MaskDigitRuns(cps, masked);
  MaskNames(cps, names_, masked);
  return Render(text, cps, masked);
}

}  // namespace tawasul::domain
