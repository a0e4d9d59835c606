#pragma once

#include <filesystem>
#include <string>

#include "http/message.hpp"

namespace tawasul::http {

/// Serves the built web app from a directory: files by path, index.html for the app's own
/// routes (paths without an extension), nothing outside the root (no "..", no symlink escapes).
class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);

  /// Answers a GET for `req.path`: the file, index.html, or a 404 problem.
  Response Serve(const Request& req) const;

  /// The headers every page of the web app carries (CSP, framing, sniffing, referrer).
  static void AddSecurityHeaders(Response& res);

 private:
  Response File(const std::filesystem::path& file, const Request& req, bool immutable) const;
  std::filesystem::path root_;
};

/// The media type for a file name's extension ("application/octet-stream" when unknown).
std::string ContentTypeFor(const std::string& filename);

}  // namespace tawasul::http
