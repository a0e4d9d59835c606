#include "http/static_files.hpp"
#include "http/server.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include "http/problem.hpp"

namespace tawasul::http {

namespace fs = std::filesystem;

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// True when `p` is `root` or inside it (both canonical).
bool Inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto i = p.begin();
  for (; r != root.end(); ++r, ++i) {
    if (i == p.end() || *r != *i) return false;
  }
  return true;
}

}  // namespace

std::string ContentTypeFor(const std::string& filename) {
  const std::size_t dot = filename.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : Lower(filename.substr(dot + 1));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff") return "font/woff";
  if (ext == "woff2") return "font/woff2";
  if (ext == "ttf") return "font/ttf";
  if (ext == "otf") return "font/otf";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "xml") return "application/xml";
  if (ext == "pdf") return "application/pdf";
  if (ext == "wasm") return "application/wasm";
  return "application/octet-stream";
}

std::string OriginOf(const std::string& url) {
  for (const char* scheme : {"https://", "http://"}) {
    if (url.rfind(scheme, 0) == 0) {
      const auto end = url.find('/', std::string(scheme).size());
      return url.substr(0, end);
    }
  }
  return "";
}

std::string MapTilesProblem(const std::string& url) {
  if (url.empty()) return "";
  for (const char* part : {"{z}", "{x}", "{y}"}) {
    if (url.find(part) == std::string::npos) return std::string("needs ") + part;
  }
  if (url.find_first_of(" ;'\"\\,") != std::string::npos) return "may not hold spaces, quotes, commas or semicolons";
  if (url.front() != '/' && OriginOf(url).empty()) return "must start with https://, http:// or /";
  return "";
}

StaticFiles::StaticFiles(const std::string& root, const std::string& map_tiles)
    : img_origin_(OriginOf(map_tiles)) {
  std::error_code ec;
  root_ = fs::weakly_canonical(fs::absolute(root), ec);
  if (ec) root_ = fs::absolute(root);
}

void StaticFiles::AddSecurityHeaders(Response& res, const std::string& img_origin) {
  res.Set("X-Content-Type-Options", "nosniff");
  res.Set("X-Frame-Options", "DENY");
  res.Set("Referrer-Policy", "same-origin");
  res.Set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:" + (img_origin.empty() ? std::string() : " " + img_origin) +
          "; font-src 'self'; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
}

Response StaticFiles::Serve(const Request& req) const {
  auto decoded = PercentDecode(req.path, false);
  if (!decoded || decoded->find('\0') != std::string::npos ||
      decoded->find('\\') != std::string::npos) {
    return Problem(400, "The path is malformed");
  }
  std::string rel = decoded->substr(1);  // the path starts with "/"
  std::istringstream parts(rel);
  for (std::string seg; std::getline(parts, seg, '/');) {
    if (seg == "..") return Problem(400, "The path is malformed");
  }
  if (rel.empty() || rel.back() == '/') rel += "index.html";

  std::error_code ec;
  const fs::path file = fs::weakly_canonical(root_ / rel, ec);
  if (!ec && Inside(root_, file) && fs::is_regular_file(file, ec)) {
    return File(file, req, rel.rfind("assets/", 0) == 0);
  }
  // The web app routes on the client: a path without an extension gets index.html.
  const std::string last = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
  if (last.find('.') == std::string::npos) {
    const fs::path index = root_ / "index.html";
    if (fs::is_regular_file(index, ec)) return File(index, req, false);
  }
  return Problem(404, "No such file");
}

Response StaticFiles::File(const fs::path& file, const Request& req, bool immutable) const {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  const auto mtime = fs::last_write_time(file, ec);
  const std::string etag =
      "W/\"" + std::to_string(size) + "-" + std::to_string(mtime.time_since_epoch().count()) + "\"";
  Response res;
  AddSecurityHeaders(res, img_origin_);
  res.Set("ETag", etag);
  res.Set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (const std::string* inm = req.Header("If-None-Match"); inm != nullptr && *inm == etag) {
    res.status = 304;
    return res;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Problem(404, "No such file");
  res.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  res.Set("Content-Type", ContentTypeFor(file.filename().string()));
  return res;
}

}  // namespace tawasul::http
