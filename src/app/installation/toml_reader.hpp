// Reading the installation's TOML (profile.toml, the workflow files, the SLA section) so that
// every error names FILE:LINE, and the few readers those loaders share. Only the loaders
// include it: toml++ stays out of the other translation units.
#pragma once

#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "domain/model.hpp"

namespace tawasul::app::toml_read {

/// The 1-based line a node starts on.
inline int Line(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

/// Errors that name the file and line, under a problem field ("profile", "workflow").
class Reader {
 public:
  explicit Reader(std::string file, std::string field = "profile")
      : file_(std::move(file)), field_(std::move(field)) {}

  const std::string& file() const { return file_; }

  base::Error Err(const toml::node* n, const std::string& what) const {
    return ErrAt(n != nullptr ? Line(*n) : 1, what);
  }
  base::Error ErrAt(int line, const std::string& what) const {
    return base::Invalid(field_, file_ + ":" + std::to_string(line) + ": " + what);
  }

  /// `text` as TOML; a syntax error as "FILE:LINE: problem".
  base::Result<toml::table> Parse(const std::string& text) const {
    try {
      return toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      return ErrAt(static_cast<int>(e.source().begin.line), std::string(e.description()));
    }
  }

  /// Keys outside `known` are typos that would silently change nothing: refuse them.
  base::Status OnlyKeys(const toml::table& t, std::initializer_list<const char*> known,
                        const std::string& where) const {
    for (const auto& [k, v] : t) {
      const std::string key(k.str());
      if (std::none_of(known.begin(), known.end(), [&](const char* s) { return key == s; })) {
        return Err(&v, where + ": unknown key \"" + key + "\"");
      }
    }
    return base::Ok{};
  }

 private:
  std::string file_;
  std::string field_;
};

/// A string, or "" when absent or not a string.
template <class View>
std::string Str(View n) {
  return n.value_or(std::string());
}

/// `{ ar = "...", fa = "...", en = "..." }`; missing languages stay empty.
template <class View>
domain::LocalizedName Localized(View n) {
  domain::LocalizedName l;
  if (auto* t = n.as_table()) {
    l.ar = (*t)["ar"].value_or(std::string());
    l.fa = (*t)["fa"].value_or(std::string());
    l.en = (*t)["en"].value_or(std::string());
  }
  return l;
}

/// An array's strings (other elements skipped); empty when absent.
template <class View>
std::vector<std::string> Strings(View n) {
  std::vector<std::string> out;
  if (auto* a = n.as_array()) {
    for (const auto& e : *a) {
      if (auto s = e.template value<std::string>()) out.push_back(*s);
    }
  }
  return out;
}

}  // namespace tawasul::app::toml_read
