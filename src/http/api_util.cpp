#include "http/api_util.hpp"

#include <algorithm>
#include <charconv>

#include "base/text.hpp"

namespace tawasul::http {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Response JsonResponse(int status, const Json& body) {
  Response res;
  res.status = status;
  res.Set("Content-Type", "application/json");
  res.body = Dump(body);
  return res;
}

Response Created(const Json& body, const std::string& location) {
  Response res = JsonResponse(201, body);
  res.Set("Location", location);
  return res;
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0) return std::nullopt;
  return v;
}

std::string ETagFor(std::int64_t version) {
  // Appended, not "\"" + ...: g++ 12 -O3 warns falsely (-Wrestrict) on const char* + string&&.
  std::string tag = "\"";
  tag += std::to_string(version);
  tag += '"';
  return tag;
}

IfMatch ParseIfMatch(const std::string* header) {
  IfMatch out;
  if (header == nullptr) return out;
  out.present = true;
  std::string_view v = Trim(*header);
  if (v == "*") {
    out.any = true;
    return out;
  }
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);
  if (v.size() < 3 || v.front() != '"' || v.back() != '"') return out;
  v = v.substr(1, v.size() - 2);
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc() && p == v.data() + v.size() && n > 0) out.version = n;
  return out;
}

std::optional<Response> RequireIfMatch(const Request& req, std::optional<std::int64_t>& version) {
  const IfMatch if_match = ParseIfMatch(req.Header("If-Match"));
  if (!if_match.present) {
    return Problem(428, "Send If-Match with the ETag of the request you read (or * to overwrite)");
  }
  version.reset();
  if (!if_match.any) version = if_match.version.value_or(0);
  return std::nullopt;
}

Response CaseResponse(int status, const app::CaseView& view,
                      const app::Installation& installation) {
  Response res = JsonResponse(status, ToJson(view, installation));
  res.Set("ETag", ETagFor(view.c.version));
  if (status == 201) res.Set("Location", "/api/v1/cases/" + std::to_string(view.c.id.value));
  return res;
}

bool IsJsonContentType(const std::string* content_type) {
  if (content_type == nullptr) return false;
  std::string_view v = *content_type;
  v = Trim(v.substr(0, v.find(';')));
  const std::string type = Lower(v);
  if (type == "application/json") return true;
  const std::size_t slash = type.find('/');
  return slash != std::string::npos && type.size() > 5 &&
         type.compare(type.size() - 5, 5, "+json") == 0 &&
         type.compare(0, slash, "application") == 0;
}

std::string FilenameFromContentDisposition(std::string_view header) {
  std::string plain;
  std::string extended;
  std::string_view rest = header;
  while (!rest.empty()) {
    // Parameters are ';'-separated; a quoted value may hold ';'.
    std::size_t end = 0;
    bool quoted = false;
    for (; end < rest.size(); ++end) {
      if (rest[end] == '"') quoted = !quoted;
      if (rest[end] == '\\' && quoted)
        ++end;
      else if (rest[end] == ';' && !quoted)
        break;
    }
    std::string_view part = Trim(rest.substr(0, std::min(end, rest.size())));
    rest = end >= rest.size() ? std::string_view() : rest.substr(end + 1);
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string name = Lower(Trim(part.substr(0, eq)));
    std::string_view value = Trim(part.substr(eq + 1));
    if (name == "filename*") {
      // RFC 8187: charset'language'percent-encoded
      const std::size_t q1 = value.find('\'');
      const std::size_t q2 = q1 == std::string_view::npos ? q1 : value.find('\'', q1 + 1);
      if (q2 == std::string_view::npos) continue;
      if (Lower(value.substr(0, q1)) != "utf-8") continue;
      auto decoded = PercentDecode(value.substr(q2 + 1), false);
      if (decoded && base::IsValidUtf8(*decoded)) extended = *decoded;
    } else if (name == "filename") {
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
        std::string unescaped;
        for (std::size_t i = 0; i < value.size(); ++i) {
          if (value[i] == '\\' && i + 1 < value.size()) ++i;
          unescaped.push_back(value[i]);
        }
        plain = unescaped;
      } else {
        plain = std::string(value);
      }
    }
  }
  return extended.empty() ? plain : extended;
}

std::optional<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

}  // namespace tawasul::http
