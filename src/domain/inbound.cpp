#include "domain/inbound.hpp"

#include <algorithm>
#include <cctype>

#include "base/text.hpp"
#include "domain/anonymizer.hpp"
#include "domain/tracking_code.hpp"

namespace tawasul::domain {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::string> FromUtf16Be(std::string_view b) {
  if (b.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(b.size() * 3 / 2);
  auto unit = [&](std::size_t i) {
    return static_cast<char32_t>((static_cast<unsigned char>(b[i]) << 8) |
                                 static_cast<unsigned char>(b[i + 1]));
  };
  for (std::size_t i = 0; i < b.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xDC00 && cp <= 0xDFFF) return std::nullopt;  // a low surrogate alone
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= b.size()) return std::nullopt;
      const char32_t lo = unit(i + 2);
      if (lo < 0xDC00 || lo > 0xDFFF) return std::nullopt;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    }
    base::AppendUtf8(out, cp);
  }
  return out;
}

bool IsDigitAt(const std::string& s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

}  // namespace

base::Result<std::string> DecodeSmsText(std::string_view bytes, std::string_view coding,
                                        std::string_view charset, const std::string& field) {
  std::string cs = Upper(charset);
  if (cs.empty()) cs = coding == "2" ? "UTF-16BE" : "UTF-8";
  if (cs == "UTF-8" || cs == "UTF8") {
    if (!base::IsValidUtf8(bytes)) return base::Invalid(field, "is not valid UTF-8");
    return std::string(bytes);
  }
  if (cs == "UTF-16BE" || cs == "UTF-16" || cs == "UCS-2" || cs == "UCS-2BE" || cs == "UTF16BE") {
    auto text = FromUtf16Be(bytes);
    if (!text) return base::Invalid(field, "is not valid UTF-16BE");
    return *text;
  }
  if (cs == "ISO-8859-1" || cs == "LATIN1" || cs == "WINDOWS-1252" || cs == "US-ASCII" ||
      cs == "ASCII") {
    std::string out;
    for (const unsigned char c : bytes) base::AppendUtf8(out, c);
    return out;
  }
  return base::Invalid(field, "has an unknown character set " + std::string(charset));
}

std::optional<std::string> FindTrackingCode(std::string_view text) {
  const std::string s = base::FoldDigits(text);
  std::size_t i = 0;
  while (i < s.size()) {
    if (!IsDigitAt(s, i)) {
      ++i;
      continue;
    }
    // A run: digits, joined by one space or dash between two digits.
    std::string digits;
    std::size_t j = i;
    while (j < s.size()) {
      if (IsDigitAt(s, j)) {
        digits += s[j++];
      } else if ((s[j] == ' ' || s[j] == '-') && IsDigitAt(s, j + 1) && !digits.empty()) {
        ++j;
      } else {
        break;
      }
    }
    if (digits.size() == kTrackingCodeLength) {
      if (auto code = NormalizeTrackingCode(digits)) return code;
    }
    i = j;
  }
  return std::nullopt;
}

bool IsKeyword(std::string_view text, const std::vector<std::string>& words) {
  auto key = [](std::string_view t) {
    std::u32string f = FoldForMatch(t);
    auto drop = [](char32_t c) {
      return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'.' || c == U'!' ||
             c == U'\u061F' || c == U'?' || c == U'\u060C' || c == U',';
    };
    while (!f.empty() && drop(f.back())) f.pop_back();
    std::size_t start = 0;
    while (start < f.size() && drop(f[start])) ++start;
    return f.substr(start);
  };
  const std::u32string t = key(text);
  if (t.empty()) return false;
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return key(w) == t; });
}

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The entity at `s` (after '&', up to ';'), appended to `out`; false when it is not one.
bool Entity(std::string_view name, std::string& out) {
  static const std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", U'&'}, {"lt", U'<'}, {"gt", U'>'}, {"quot", U'"'}, {"apos", U'\''},
      {"nbsp", U' '}, {"zwnj", U'\u200C'}, {"zwj", U'\u200D'}, {"rlm", U'\u200F'},
      {"lrm", U'\u200E'}, {"laquo", U'\u00AB'}, {"raquo", U'\u00BB'}, {"hellip", U'\u2026'},
      {"ndash", U'\u2013'}, {"mdash", U'\u2014'}, {"copy", U'\u00A9'}};
  char32_t cp = 0;
  if (!name.empty() && name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return false;
    for (const char c : digits) {
      int v = -1;
      if (c >= '0' && c <= '9') v = c - '0';
      if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
      if (v < 0) return false;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
    }
  } else {
    const std::string lower = Lower(name);
    bool found = false;
    for (const auto& [n, c] : kNamed) {
      if (lower == n) {
        cp = c;
        found = true;
      }
    }
    if (!found) return false;
  }
  // No controls (other than line breaks and tabs), surrogates or values past Unicode.
  const bool control = (cp < 0x20 && cp != U'\n' && cp != U'\t') || (cp >= 0x7F && cp < 0xA0);
  if (!control && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF && cp != 0) {
    base::AppendUtf8(out, cp);
  }
  return true;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string text;
  std::size_t i = 0;
  static const char* kBlocks[] = {"br", "p", "/p", "div", "/div", "li", "/li", "tr", "/tr",
                                  "h1", "h2", "h3", "/h1", "/h2", "/h3", "table", "/table",
                                  "blockquote", "/blockquote", "hr"};
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      // A comment runs to "-->"; anything else to the next '>'.
      if (html.substr(i, 4) == "<!--") {
        const std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const std::size_t end = html.find('>', i + 1);
      if (end == std::string_view::npos) break;
      std::string tag = Lower(html.substr(i + 1, end - i - 1));
      const std::size_t space = tag.find_first_of(" \t\r\n/", tag[0] == '/' ? 1 : 0);
      const std::string name = space == std::string::npos ? tag : tag.substr(0, space);
      i = end + 1;
      if (name == "script" || name == "style" || name == "head" || name == "title") {
        const std::string close = "</" + name;
        const std::size_t stop = Lower(html.substr(i)).find(close);
        if (stop == std::string::npos) {
          i = html.size();
        } else {
          const std::size_t gt = html.find('>', i + stop);
          i = gt == std::string_view::npos ? html.size() : gt + 1;
        }
        continue;
      }
      for (const char* b : kBlocks) {
        if (name == b) {
          text += '\n';
          break;
        }
      }
      continue;
    }
    if (c == '&') {
      const std::size_t semi = html.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10 && Entity(html.substr(i + 1, semi - i - 1), text)) {
        i = semi + 1;
        continue;
      }
    }
    if (c == '\r') {
      ++i;
      continue;
    }
    text += (c == '\t') ? ' ' : c;
    ++i;
  }
  // Spaces collapsed within lines, lines trimmed, at most one blank line in a row.
  std::string out;
  std::size_t blank = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view line(text.data() + pos, (nl == std::string::npos ? text.size() : nl) - pos);
    std::string collapsed;
    bool space = false;
    for (const char ch : line) {
      if (ch == ' ') {
        space = !collapsed.empty();
        continue;
      }
      if (space) collapsed += ' ';
      space = false;
      collapsed += ch;
    }
    if (collapsed.empty()) {
      ++blank;
    } else {
      if (!out.empty()) out += blank > 0 ? "\n\n" : "\n";
      out += collapsed;
      blank = 0;
    }
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  if (!base::IsValidUtf8(out)) return std::string();
  return out;
}

std::string WhyNoAutoReply(const MailOrigin& m, const std::vector<std::string>& ours) {
  const std::string auto_submitted = Lower(base::Trim(m.auto_submitted));
  if (!auto_submitted.empty() && auto_submitted != "no") return "Auto-Submitted: " + auto_submitted;
  const std::string precedence = Lower(base::Trim(m.precedence));
  if (precedence == "bulk" || precedence == "junk" || precedence == "list") {
    return "Precedence: " + precedence;
  }
  if (!base::Trim(m.list_id).empty()) return "a mailing list (List-Id)";
  if (m.auto_reply_header) return "an automatic reply";
  const std::string rp = base::Trim(m.return_path);
  if (rp == "<>") return "a bounce (empty Return-Path)";
  const std::string from = Lower(base::Trim(m.from));
  if (from.empty()) return "no sender address";
  const std::string local = from.substr(0, from.find('@'));
  if (local == "mailer-daemon" || local == "postmaster" || local.starts_with("no-reply") ||
      local.starts_with("noreply")) {
    return "an address that takes no replies";
  }
  for (const auto& o : ours) {
    if (Lower(o) == from) return "our own address";
  }
  return {};
}

}  // namespace tawasul::domain
