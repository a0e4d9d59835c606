#pragma once
// The tag registry's store port: shared by the reports (tagging, counting) and by case
// registration (tags put on a request as it is registered).

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/tag.hpp"

namespace tawasul::app {

class TagStore {
 public:
  virtual ~TagStore() = default;
  /// The registry, by name.
  virtual std::vector<domain::Tag> ListTags() = 0;
  virtual std::optional<domain::Tag> FindTag(const std::string& key) = 0;
  /// A new tag (Conflict when its key or name is taken) or a changed one (NotFound when `id` is
  /// unknown; its key and name stay).
  virtual base::Result<domain::Tag> CreateTag(const domain::Tag& tag) = 0;
  virtual base::Result<domain::Tag> UpdateTag(const domain::Tag& tag) = 0;
  /// Folds tag `from` into `into`, in one transaction: every request and contact tagged `from`
  /// is tagged `into` (once), and `from` is gone. NotFound when either is unknown.
  virtual base::Status MergeTag(std::int64_t from, std::int64_t into) = 0;
  /// Gives tag `id` the key `key`; when another tag has that key, the older of the two keeps
  /// both's requests and contacts (MergeTag) and the key. The surviving tag's id.
  virtual base::Result<std::int64_t> RekeyTag(std::int64_t id, const std::string& key) = 0;
};

}  // namespace tawasul::app
