#include "channels/smtp_email.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "channels/curl_util.hpp"

namespace tawasul::channels {
namespace {

constexpr long kConnectTimeoutSeconds = 10;
// 39 bytes are 52 base64 characters: a 64-character encoded word, which leaves room for a
// header's name on the first line within RFC 5322's 78.
constexpr std::size_t kMaxWordBytes = 39;
constexpr std::size_t kMaxLine = 78;

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool IsPlainAsciiText(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

/// Text with every line break as CRLF, the canonical form of text/plain.
std::string CrLf(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 20);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += "\r\n";
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (s[i] == '\n') {
      out += "\r\n";
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t count = std::min(size * n, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, count);
  up->offset += count;
  return count;
}

std::string DomainOf(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

std::string EncodeHeaderWord(std::string_view utf8) {
  if (IsPlainAsciiText(utf8) && utf8.size() <= 60 && utf8.find("=?") == std::string_view::npos) {
    return std::string(utf8);
  }
  std::string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    std::size_t end = std::min(i + kMaxWordBytes, utf8.size());
    // Back up to the start of a character so no word ends inside one.
    while (end > i && end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (end == i) end = std::min(i + kMaxWordBytes, utf8.size());  // malformed: cut anyway
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string FormatRfc5322Date(base::Time t) {
  using namespace std::chrono;
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const weekday wd(day);
  const hh_mm_ss hms(floor<seconds>(t - day));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

bool IsPlainEmailAddress(std::string_view s) {
  if (s.empty() || s.size() > 254) return false;
  const auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= s.size() ||
      s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    // Printable ASCII without space, angle brackets, quotes, commas or semicolons.
    return u > 0x20 && u < 0x7F && std::strchr("<>()[]\\,;:\"", c) == nullptr;
  });
}

std::string ComposeEmail(const EmailParts& p) {
  std::string m;
  m += "Date: " + FormatRfc5322Date(p.date) + "\r\n";
  std::string from = "From: " + EncodeHeaderWord(p.from_name);
  const std::string address = "<" + p.from_address + ">";
  const auto last_line =
      from.size() - (from.rfind('\n') == std::string::npos ? 0 : from.rfind('\n') + 1);
  if (p.from_name.empty()) {
    from += address;
  } else {
    from += (last_line + 1 + address.size() > kMaxLine ? "\r\n " : " ") + address;
  }
  m += from + "\r\n";
  m += "To: <" + p.to + ">\r\n";
  m += "Subject: " + EncodeHeaderWord(p.subject) + "\r\n";
  m += "Message-ID: " + p.message_id + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no vacation replies, please
  auto lines = [&m](const std::string& bytes) {
    const std::string encoded = Base64(bytes);
    for (std::size_t i = 0; i < encoded.size(); i += 76) m += encoded.substr(i, 76) + "\r\n";
  };
  if (!p.file) {
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: base64\r\n";
    m += "\r\n";
    lines(CrLf(p.body));
    return m;
  }
  // The boundary is derived from the Message-ID: stable across retries, and base64 never
  // contains "=_" runs like it.
  std::string boundary = "=_tawasul_";
  for (char c : p.message_id) {
    if (std::isalnum(static_cast<unsigned char>(c))) boundary += c;
  }
  m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n";
  m += "\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n\r\n";
  lines(CrLf(p.body));
  m += "--" + boundary + "\r\n";
  std::string ascii;
  for (char c : p.file->filename) {
    const auto u = static_cast<unsigned char>(c);
    ascii += u >= 0x20 && u < 0x7F && c != '"' && c != '\\' ? c : '_';
  }
  std::string encoded_name;  // RFC 2231: UTF-8'' then percent-encoded octets
  for (char c : p.file->filename) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.' || c == '-' || c == '_') {
      encoded_name += c;
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", u);
      encoded_name += hex;
    }
  }
  m += "Content-Type: " + p.file->media_type + "\r\n";
  m += "Content-Transfer-Encoding: base64\r\n";
  m += "Content-Disposition: attachment; filename=\"" + ascii + "\";\r\n filename*=UTF-8''" +
       encoded_name + "\r\n\r\n";
  lines(p.file->content);
  m += "--" + boundary + "--\r\n";
  return m;
}

SmtpEmailSender::SmtpEmailSender(SmtpOptions options, const base::Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

std::chrono::seconds SmtpEmailSender::MaxSendTime() const {
  return options_.timeout + std::chrono::seconds(1);
}

std::string SmtpEmailSender::MessageId(const app::Outgoing& out) const {
  return "<tawasul." + std::to_string(out.message.id.value) + "." + out.report_token.substr(0, 16) +
         "@" + DomainOf(options_.from) + ">";
}

app::SendResult SmtpEmailSender::Send(const app::Outgoing& out) {
  const domain::OutboxMessage& msg = out.message;
  if (!IsPlainEmailAddress(msg.recipient)) {
    return app::SendResult::Permanent("not a plain email address");
  }
  EmailParts parts{options_.from, options_.from_name, msg.recipient, msg.subject,
                   msg.body,      MessageId(out),     clock_.Now(),       msg.file};
  const std::string payload = ComposeEmail(parts);

  CurlEasy curl = NewCurl(static_cast<long>(options_.timeout.count()), kConnectTimeoutSeconds);
  char error[CURL_ERROR_SIZE] = {0};
  const std::string mail_from = "<" + options_.from + ">";
  const std::string rcpt = "<" + msg.recipient + ">";
  CurlSlist recipients(curl_slist_append(nullptr, rcpt.c_str()));
  Upload upload{&payload};
  curl_easy_setopt(curl.get(), CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  if (options_.require_tls) curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, CURLUSESSL_ALL);
  if (!options_.username.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, options_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc == CURLE_OK) return app::SendResult::Accepted(parts.message_id);

  long reply = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply);
  const std::string why =
      "smtp: " + std::string(error[0] != '\0' ? error : curl_easy_strerror(rc)) +
      (reply > 0 ? " (reply " + std::to_string(reply) + ")" : "");
  // A 5xx reply refuses this message for good (e.g. 550 to RCPT: no such mailbox), unless it
  // refused our login or our sender (MAIL FROM), which a configuration change fixes.
  const bool ours = rc == CURLE_LOGIN_DENIED || rc == CURLE_AUTH_ERROR ||
                    std::strstr(error, "MAIL failed") != nullptr;
  const bool permanent = reply >= 500 && reply < 600 && !ours;
  return permanent ? app::SendResult::Permanent(why) : app::SendResult::Temporary(why);
}

}  // namespace tawasul::channels
