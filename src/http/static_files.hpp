#pragma once

#include <filesystem>
#include <string>

#include "http/message.hpp"

namespace tawasul::http {

/// Serves the built web app from a directory: files by path, index.html for the app's own
/// routes (paths without an extension), nothing outside the root (no "..", no symlink escapes).
class StaticFiles {
 public:
  /// `map_tiles`: the tile server's URL template, whose origin the pages may load images from.
  explicit StaticFiles(const std::string& root, const std::string& map_tiles = "");

  /// Answers a GET for `req.path`: the file, index.html, or a 404 problem.
  Response Serve(const Request& req) const;

  /// The headers every page of the web app carries (CSP, framing, sniffing, referrer).
  /// `img_origin`: one more origin images may come from (the map's tile server).
  static void AddSecurityHeaders(Response& res, const std::string& img_origin = "");

 private:
  Response File(const std::filesystem::path& file, const Request& req, bool immutable) const;
  std::filesystem::path root_;
  std::string img_origin_;
};

/// The media type for a file name's extension ("application/octet-stream" when unknown).
std::string ContentTypeFor(const std::string& filename);

}  // namespace tawasul::http
