// The tag registry and tagging (ReportService's part: tags are what reports count across
// categories). Matching is by domain::TagKey; decision 0022.
#include <algorithm>

#include "app/reports/report_service.hpp"
#include "base/text.hpp"
#include "domain/permissions.hpp"
#include "domain/tag.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;

base::Status ReportService::ValidateTag(const std::string& tag) {
  const std::size_t n = base::CodePointCount(tag);
  if (!base::IsValidUtf8(tag) || n == 0 || n > 64 || base::HasControlChar(tag) ||
      base::HasBidiControl(tag) || tag.find_first_of(" /?#%\\") != std::string::npos) {
    return base::Invalid("tag", "must be 1-64 characters without spaces, slashes or controls");
  }
  return base::Ok{};
}

namespace {

bool MayTag(d::Role role) { return d::Allows(role, d::Permission::kTagCases); }

}  // namespace

base::Result<std::vector<std::string>> ReportService::Tag(const Principal& who, d::CaseId id,
                                                          const std::string& tag) {
  if (!MayTag(who.user.role)) {
    return base::Error{base::ErrorCode::kForbidden, "This role cannot tag requests", {}};
  }
  if (auto ok = ValidateTag(tag); !ok) return ok.error();
  const std::string key = d::TagKey(tag);
  if (key.empty()) return base::Invalid("tag", "has no letters or digits");
  // A tag not yet in the registry is added as written; one in it must be usable now.
  if (auto known = store_.FindTag(key)) {
    if (auto why = d::TagRefusal(*known, clock_.Now()); !why.empty()) {
      return base::Invalid("tag", "“" + known->name + "” " + why);
    }
  }
  auto added = store_.TagCase(id, tag, key, who.user.id, clock_.Now());
  if (!added) return added.error();
  return store_.CaseTags(id);
}

base::Status ReportService::MergeTag(const Principal& who, std::int64_t id, std::int64_t into) {
  if (!d::Allows(who.user.role, d::Permission::kAdminister)) {
    return base::Error{base::ErrorCode::kForbidden, "This needs the admin role", {}};
  }
  if (id == into) return base::Invalid("into", "is the tag itself");
  return store_.MergeTag(id, into);
}

base::Result<int> ReportService::RekeyTags() {
  const auto tags = store_.ListTags();
  for (const d::Tag& t : tags) {
    const std::string key = d::TagKey(t.name);
    if (key.empty() || key == t.key) continue;
    auto kept = store_.RekeyTag(t.id, key);
    // NotFound: merged into another a moment ago, by this loop or another node.
    if (!kept && kept.error().code != base::ErrorCode::kNotFound) return kept.error();
  }
  return static_cast<int>(tags.size() - store_.ListTags().size());
}

base::Result<std::vector<std::string>> ReportService::Untag(const Principal& who, d::CaseId id,
                                                            const std::string& tag) {
  if (!MayTag(who.user.role)) {
    return base::Error{base::ErrorCode::kForbidden, "This role cannot tag requests", {}};
  }
  if (auto ok = ValidateTag(tag); !ok) return ok.error();
  auto removed = store_.UntagCase(id, d::TagKey(tag), who.user.id, clock_.Now());
  if (!removed) return removed.error();
  return store_.CaseTags(id);
}

namespace {

base::Error NotAdmin() {
  return base::Error{base::ErrorCode::kForbidden, "Only administrators manage tags", {}};
}

/// Applies `in` to `t`, checking each member.
base::Status ApplyTagInput(d::Tag& t, const TagInput& in) {
  if (in.names) {
    for (const auto& [lang, text] : {std::pair{"ar", &in.names->ar}, std::pair{"fa", &in.names->fa},
                                     std::pair{"en", &in.names->en}}) {
      auto clean = d::CleanName(*text, std::string("names.") + lang, 100, false);
      if (!clean) return clean.error();
    }
    t.names = *in.names;
  }
  if (in.colour) {
    if (!d::IsTagColour(*in.colour)) return base::Invalid("colour", "must be #rrggbb or empty");
    t.colour = *in.colour;
  }
  if (in.valid_from) t.valid_from = *in.valid_from;
  if (in.valid_to) t.valid_to = *in.valid_to;
  if (t.valid_from && t.valid_to && *t.valid_to <= *t.valid_from) {
    return base::Invalid("valid_to", "must be after valid_from");
  }
  if (in.open_to_agents) t.open_to_agents = *in.open_to_agents;
  if (in.active) t.active = *in.active;
  return base::Ok{};
}

}  // namespace

base::Result<std::vector<std::pair<d::Tag, bool>>> ReportService::ListTags(const Principal&) {
  // Names and colours only: every signed-in user may read them.
  std::vector<std::pair<d::Tag, bool>> out;
  const base::Time now = clock_.Now();
  for (d::Tag& t : store_.ListTags()) {
    const bool usable = d::TagRefusal(t, now).empty();
    out.emplace_back(std::move(t), usable);
  }
  return out;
}

base::Result<d::Tag> ReportService::CreateTag(const Principal& who, const TagInput& in) {
  if (!d::Allows(who.user.role, d::Permission::kAdminister)) return NotAdmin();
  if (!in.name) return base::Invalid("name", "is required");
  if (auto ok = ValidateTag(*in.name); !ok) return base::Invalid("name", ok.error().message);
  d::Tag t;
  t.name = *in.name;
  t.key = d::TagKey(t.name);
  if (t.key.empty()) return base::Invalid("name", "has no letters or digits");
  if (auto known = store_.FindTag(t.key)) {
    return base::Conflict("name", "“" + known->name + "” is the same tag");
  }
  t.created_at = clock_.Now();
  if (auto ok = ApplyTagInput(t, in); !ok) return ok.error();
  return store_.CreateTag(t);
}

base::Result<d::Tag> ReportService::UpdateTag(const Principal& who, std::int64_t id,
                                              const TagInput& in) {
  if (!d::Allows(who.user.role, d::Permission::kAdminister)) return NotAdmin();
  if (in.name) return base::Invalid("name", "cannot change: requests are counted under it");
  const auto all = store_.ListTags();
  auto it = std::find_if(all.begin(), all.end(), [&](const d::Tag& t) { return t.id == id; });
  if (it == all.end()) return base::NotFound("No such tag");
  d::Tag t = *it;
  if (auto ok = ApplyTagInput(t, in); !ok) return ok.error();
  return store_.UpdateTag(t);
}

}  // namespace tawasul::app
