// Internal notes on a request and the colleagues they name: "@username" in a note tells that
// user, who finds it among their mentions until they open the request. Notes are for staff only
// (the citizen reads the public answer, never a note) and are masked like the rest of the
// timeline for those who may not see the requester.
#include <regex>
#include <set>

#include "app/cases/case_service.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;
using base::Error;
using base::ErrorCode;

namespace {

constexpr std::size_t kNoteMax = 4000;

/// The distinct usernames a note names with "@", in order: letters, digits, '.', '_' and '-'
/// after an "@" that does not follow a letter or digit (so an e-mail address names no one).
std::vector<std::string> NamedUsers(const std::string& text) {
  static const std::regex kAt(R"((^|[^A-Za-z0-9_.@-])@([A-Za-z0-9_][A-Za-z0-9_.-]{0,63}))");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kAt); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[2].str();
    while (!name.empty() && (name.back() == '.' || name.back() == '-')) name.pop_back();
    if (!name.empty() && seen.insert(name).second) out.push_back(name);
  }
  return out;
}

}  // namespace

Result<dom::TimelineEvent> CaseService::AddNote(const Principal& who, dom::CaseId id,
                                                const std::string& text) {
  if (!CanWriteCases(who.user.role)) return Error{ErrorCode::kForbidden, "This role cannot write notes", {}};
  auto c = Visible(who, id);
  if (!c) return c.error();
  auto clean = dom::CleanText(text, "text", kNoteMax, true);
  if (!clean) return clean.error();
  NewNote note{id, who.user.id, *clean, {}, clock_.Now()};
  for (const std::string& name : NamedUsers(*clean)) {
    const auto found = store_.FindUserByUsername(name);
    if (!found) continue;  // "@" before a word that is no one's username: just text
    const dom::User& u = found->user;
    if (u.id == who.user.id) continue;
    if (!u.active || !MaySeeCase(Principal{u, {}}, c->unit_id)) {
      return base::Invalid("text", "@" + name + " cannot see this request");
    }
    note.mentions.push_back(u.id);
  }
  return store_.AddNote(note);
}

Result<std::vector<Mention>> CaseService::Mentions(const Principal& who, bool unseen_only,
                                                   std::optional<std::int64_t> before_id,
                                                   int limit) {
  std::vector<Mention> out;
  for (Mention& m : store_.MentionsOf(who.user.id, unseen_only, before_id, limit)) {
    // A request referred elsewhere since is no longer this user's to read.
    auto c = Visible(who, m.case_id);
    if (!c) continue;
    if (auto mask = MaskFor(who, *c)) m.note = mask->Mask(m.note);
    out.push_back(std::move(m));
  }
  return out;
}

std::int64_t CaseService::UnseenMentions(const Principal& who) {
  return store_.CountUnseenMentions(who.user.id);
}

Result<int> CaseService::SeeMentions(const Principal& who, dom::CaseId id) {
  auto c = Visible(who, id);
  if (!c) return c.error();
  return store_.MarkMentionsSeen(who.user.id, id, clock_.Now());
}

}  // namespace tawasul::app
