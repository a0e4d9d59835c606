#include "channels/mime_email.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <string>

#include "base/text.hpp"

namespace tawasul::channels {
namespace {

void InitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

struct Unref {
  void operator()(gpointer p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <class T>
using Owned = std::unique_ptr<T, Unref>;

struct GFree {
  void operator()(char* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// `s` as valid UTF-8: each byte that does not start a valid sequence becomes U+FFFD.
std::string Utf8Lossy(std::string_view s) {
  if (base::IsValidUtf8(s)) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n > 0 && i + n <= s.size() && base::IsValidUtf8(s.substr(i, n))) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string Str(const char* s) { return s == nullptr ? std::string() : Utf8Lossy(s); }

/// An id as headers write it: "<x@y>" → "x@y".
std::string Bare(std::string id) {
  id = base::Trim(id);
  if (!id.empty() && id.front() == '<') id.erase(0, 1);
  if (!id.empty() && id.back() == '>') id.pop_back();
  return id;
}

std::string MimeType(GMimeObject* o) {
  GMimeContentType* ct = g_mime_object_get_content_type(o);
  if (ct == nullptr) return "application/octet-stream";
  GString_ t(g_mime_content_type_get_mime_type(ct));
  return t ? Lower(t.get()) : std::string("application/octet-stream");
}

/// The part's decoded bytes, at most `cap` (more: nullopt).
std::optional<std::string> Content(GMimePart* part, std::size_t cap) {
  GMimeDataWrapper* w = g_mime_part_get_content(part);
  if (w == nullptr) return std::string();
  Owned<GMimeStream> out(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(w, out.get()) < 0) return std::string();
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  if (bytes == nullptr) return std::string();
  if (bytes->len > cap) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

/// A header's value in a block of headers as text (a bounce's text/rfc822-headers part).
std::string HeaderIn(const std::string& block, const std::string& name) {
  const std::string lower = Lower(block);
  const std::string key = "\n" + Lower(name) + ":";
  std::size_t at = ("\n" + lower).find(key);
  if (at == std::string::npos) return {};
  at += key.size() - 1;
  const std::size_t end = block.find('\n', at);
  return base::Trim(block.substr(at, end == std::string::npos ? std::string::npos : end - at));
}

struct Walk {
  const std::size_t max_files;
  const std::size_t max_file_bytes;
  bool report = false;  ///< inside a multipart/report (a delivery status notification)
  std::string plain;
  std::string html;
  ParsedMail* out;

  void Visit(GMimeObject* o, int depth) {
    if (o == nullptr || depth > 20) return;  // nesting past 20 is an attack, not a letter
    if (GMIME_IS_MULTIPART(o)) {
      GMimeMultipart* mp = GMIME_MULTIPART(o);
      const std::string type = MimeType(o);
      if (type == "multipart/report") report = true;
      const int n = g_mime_multipart_get_count(mp);
      for (int i = 0; i < n && i < 200; ++i) Visit(g_mime_multipart_get_part(mp, i), depth + 1);
      return;
    }
    if (GMIME_IS_MESSAGE_PART(o)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
      if (report && inner != nullptr && out->message.bounce_of.empty()) {
        out->message.bounce_of = Bare(Str(g_mime_message_get_message_id(inner)));
      }
      return;  // a forwarded or bounced message is not this message's text
    }
    if (!GMIME_IS_PART(o)) return;
    GMimePart* part = GMIME_PART(o);
    const std::string type = MimeType(o);
    const bool attachment = g_mime_part_is_attachment(part);
    if (report && (type == "text/rfc822-headers" || type == "message/delivery-status")) {
      auto block = Content(part, 1024 * 1024);
      if (block) {
        const std::string text = Utf8Lossy(*block);
        if (type == "text/rfc822-headers" && out->message.bounce_of.empty()) {
          out->message.bounce_of = Bare(HeaderIn(text, "Message-ID"));
        }
        if (type == "message/delivery-status" && out->message.bounce_reason.empty()) {
          std::string why = HeaderIn(text, "Diagnostic-Code");
          if (why.empty()) why = HeaderIn(text, "Status");
          out->message.bounce_reason = why.substr(0, 300);
        }
      }
      return;
    }
    if (!attachment && GMIME_IS_TEXT_PART(o) && (type == "text/plain" || type == "text/html")) {
      std::string& slot = type == "text/plain" ? plain : html;
      if (!slot.empty()) return;
      GString_ text(g_mime_text_part_get_text(GMIME_TEXT_PART(o)));
      slot = text ? Utf8Lossy(text.get()) : std::string();
      return;
    }
    // Anything else is a file: kept when it fits.
    std::string name = Str(g_mime_part_get_filename(part));
    if (name.empty()) name = "attachment";
    if (out->message.files.size() >= max_files) {
      out->skipped_files.push_back(name + ": more than " + std::to_string(max_files) + " files");
      return;
    }
    auto content = Content(part, max_file_bytes);
    if (!content) {
      out->skipped_files.push_back(name + ": larger than " + std::to_string(max_file_bytes) + " bytes");
      return;
    }
    if (content->empty()) return;
    out->message.files.push_back({name, type, std::move(*content)});
  }
};

}  // namespace

base::Result<ParsedMail> ParseEmail(std::string_view raw, std::size_t max_files,
                                    std::size_t max_file_bytes) {
  InitOnce();
  if (raw.find(':') == std::string_view::npos) return base::Invalid("message", "has no headers");
  // The stream copies nothing: `raw` outlives everything made from it here.
  Owned<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  Owned<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  Owned<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!msg) return base::Invalid("message", "is not a MIME message");
  ParsedMail out;
  domain::EmailMessage& m = out.message;
  GMimeObject* top = GMIME_OBJECT(msg.get());

  if (InternetAddressList* from = g_mime_message_get_from(msg.get());
      from != nullptr && internet_address_list_length(from) > 0) {
    InternetAddress* ia = internet_address_list_get_address(from, 0);
    if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
      m.from_address = Lower(Str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia))));
    }
    m.from_name = base::Trim(Str(internet_address_get_name(ia)));
  }
  m.subject = base::Trim(Str(g_mime_message_get_subject(msg.get())));
  m.message_id = Bare(Str(g_mime_message_get_message_id(msg.get())));
  for (const char* name : {"In-Reply-To", "References"}) {
    const char* value = g_mime_object_get_header(top, name);
    if (value == nullptr) continue;
    GMimeReferences* refs = g_mime_references_parse(nullptr, value);
    if (refs == nullptr) continue;
    for (int i = 0; i < g_mime_references_length(refs) && i < 50; ++i) {
      const std::string id = Bare(Str(g_mime_references_get_message_id(refs, i)));
      if (!id.empty() && std::find(m.in_reply_to.begin(), m.in_reply_to.end(), id) == m.in_reply_to.end()) {
        m.in_reply_to.push_back(id);
      }
    }
    g_mime_references_free(refs);
  }
  if (GMimeHeaderList* list = g_mime_object_get_header_list(top)) {
    const int n = g_mime_header_list_get_count(list);
    for (int i = 0; i < n && i < 200; ++i) {
      GMimeHeader* h = g_mime_header_list_get_header_at(list, i);
      const std::string name = Lower(Str(g_mime_header_get_name(h)));
      m.headers.emplace(name, base::Trim(Str(g_mime_header_get_value(h))));
    }
  }
  auto header = [&](const char* name) {
    auto it = m.headers.find(name);
    return it == m.headers.end() ? std::string() : it->second;
  };
  m.origin.from = m.from_address;
  m.origin.auto_submitted = header("auto-submitted");
  m.origin.precedence = header("precedence");
  m.origin.list_id = header("list-id");
  m.origin.return_path = header("return-path");
  m.origin.auto_reply_header = m.headers.count("x-autoreply") || m.headers.count("x-autorespond") ||
                               m.headers.count("x-auto-response-suppress");

  Walk walk{max_files, max_file_bytes, false, {}, {}, &out};
  walk.Visit(g_mime_message_get_mime_part(msg.get()), 0);
  m.text = base::Trim(!base::Trim(walk.plain).empty() ? walk.plain : domain::HtmlToText(walk.html));
  return out;
}

}  // namespace tawasul::channels
