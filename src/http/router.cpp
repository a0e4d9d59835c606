#include "http/router.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace tawasul::http {

namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// The number of literal segments when `route` matches `path`; nullopt otherwise.
std::optional<int> MatchPath(const Router::Route& route, const std::vector<std::string_view>& path,
                             std::map<std::string, std::string>* params) {
  if (route.segments.size() != path.size()) return std::nullopt;
  int literals = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (IsParam(seg)) {
      if (path[i].empty()) return std::nullopt;
      auto decoded = PercentDecode(path[i], false);
      if (!decoded) return std::nullopt;
      if (params != nullptr) (*params)[seg.substr(1, seg.size() - 2)] = std::move(*decoded);
    } else if (seg == path[i]) {
      ++literals;
    } else {
      return std::nullopt;
    }
  }
  return literals;
}

}  // namespace

void Router::Add(RouteInfo info, Handler handler) {
  if (info.path.empty() || info.path.front() != '/') {
    throw std::invalid_argument("route template must start with '/': " + info.path);
  }
  Route route;
  for (std::string_view seg : Split(info.path)) {
    if (seg.find_first_of("{}") != std::string_view::npos && !IsParam(seg)) {
      throw std::invalid_argument("malformed route segment in " + info.path);
    }
    route.segments.emplace_back(seg);
  }
  auto same_shape = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (IsParam(a[i]) != IsParam(b[i]) || (!IsParam(a[i]) && a[i] != b[i])) return false;
    }
    return true;
  };
  for (const Route& r : routes_) {
    if (r.info.method == info.method && same_shape(r.segments, route.segments)) {
      throw std::invalid_argument("duplicate route " + info.method + " " + info.path);
    }
  }
  route.info = std::move(info);
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  const std::vector<std::string_view> segments = Split(path);
  Match match;
  int best = -1;
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    auto literals = MatchPath(r, segments, &params);
    if (!literals) continue;
    if (std::find(match.allow.begin(), match.allow.end(), r.info.method) == match.allow.end()) {
      match.allow.push_back(r.info.method);
    }
    if (r.info.method == method && *literals > best) {
      best = *literals;
      match.route = &r;
      match.params = std::move(params);
    }
  }
  if (match.route != nullptr) {
    match.outcome = Outcome::kFound;
  } else if (!match.allow.empty()) {
    match.outcome = Outcome::kMethodNotAllowed;
  } else {
    match.outcome = Outcome::kNotFound;
  }
  return match;
}

std::vector<RouteInfo> Router::Table() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.push_back(r.info);
  return out;
}

}  // namespace tawasul::http
