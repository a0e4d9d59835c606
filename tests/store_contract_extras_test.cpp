// The store contract for Store::ExtrasOf: many requests' meetings, callback attempts and
// messages in one read, each request's share equal to what GetMeeting, CallbackAttempts and
// Messages answer for it alone (the inbox's ?include=extras relies on it). SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/store.hpp"
#include "store_contract_fixture.hpp"

namespace tawasul::store_contract {
namespace {

template <class Engine>
class StoreExtrasContract : public StoreContract<Engine> {
 protected:
  d::Case NewCase(const std::string& code, d::CategoryId cat) {
    auto nc = this->MakeCase(code, cat, "+96892345678");
    nc.fields.workflow = "three_line";
    nc.fields.state = "answered";
    auto c = this->S().CreateCase(nc);
    EXPECT_TRUE(c.ok());
    return *c;
  }

  /// An attempt (`outcome`), with an SMS and, when `place` is given, the meeting; the request
  /// after it.
  d::Case Attempt(const d::Case& c, const std::string& outcome, const std::string& place = "") {
    app::ActionWrite w;
    w.action = "call_back_failed";
    w.from_state = c.state;
    w.update.id = c.id;
    w.update.expected_version = c.version;
    w.update.after = c;
    w.update.after.updated_at = this->clock_.Now();
    d::OutboxMessage m;
    m.channel = "sms";
    m.template_name = "callback_" + outcome;
    m.recipient = "+96892345678";
    m.language = "ar";
    m.body = "حاولنا الاتصال بكم";
    w.messages = {m};
    w.callback = d::CallbackAttempt{c.id, {}, std::nullopt, outcome};
    if (!place.empty()) w.meeting = d::Meeting{c.id, "2031-03-04", "10:30", place, "", {}};
    auto after = this->S().ApplyAction(w, nullptr);
    EXPECT_TRUE(after.ok()) << (after.ok() ? "" : after.error().message);
    this->clock_.Advance(std::chrono::minutes(1));
    return *after;
  }

  /// One request's share of `rows`, in the single-request calls' terms.
  struct Share {
    std::optional<std::string> meeting_place;
    std::vector<std::string> outcomes;
    std::vector<std::int64_t> message_ids;
    bool operator==(const Share&) const = default;
  };
  static Share ShareOf(const app::Store::ExtrasRows& rows, d::CaseId id) {
    Share s;
    for (const auto& m : rows.meetings) {
      if (m.case_id == id) s.meeting_place = m.place;
    }
    for (const auto& a : rows.callbacks) {
      if (a.case_id == id) s.outcomes.push_back(a.outcome);
    }
    for (const auto& m : rows.messages) {
      if (m.case_id == id) s.message_ids.push_back(m.id.value);
    }
    return s;
  }
  Share Single(d::CaseId id) {
    Share s;
    if (auto m = this->S().GetMeeting(id)) s.meeting_place = m->place;
    for (const auto& a : this->S().CallbackAttempts(id)) s.outcomes.push_back(a.outcome);
    for (const auto& m : this->S().Messages(id)) s.message_ids.push_back(m.id.value);
    return s;
  }
};

TYPED_TEST_SUITE(StoreExtrasContract, Engines, EngineNames);

TYPED_TEST(StoreExtrasContract, ManyRequestsInOneReadEachAsAlone) {
  const auto cat = this->SeedCategory();
  d::Case a = this->NewCase("1500000001", cat.id);
  const d::Case b = this->NewCase("1500000002", cat.id);  // nothing recorded
  d::Case c = this->NewCase("1500000003", cat.id);
  const d::Case other = this->NewCase("1500000004", cat.id);  // not asked for
  // Interleaved, so that ids of one request's rows are not contiguous.
  a = this->Attempt(a, "no_answer", "قاعة الاستقبال");
  c = this->Attempt(c, "busy");
  a = this->Attempt(a, "wrong_number");
  this->Attempt(other, "busy", "elsewhere");

  const auto rows = this->S().ExtrasOf({c.id, a.id, b.id});
  for (const d::Case* x : std::vector<const d::Case*>{&a, &b, &c}) {
    EXPECT_EQ(this->ShareOf(rows, x->id), this->Single(x->id)) << x->tracking_code;
  }
  EXPECT_EQ(this->ShareOf(rows, a.id).outcomes,
            (std::vector<std::string>{"no_answer", "wrong_number"}));
  EXPECT_EQ(this->ShareOf(rows, a.id).message_ids.size(), 2u);
  EXPECT_EQ(this->ShareOf(rows, a.id).meeting_place, "قاعة الاستقبال");
  EXPECT_EQ(this->ShareOf(rows, b.id), (typename TestFixture::Share{}));
  // Only what was asked for.
  EXPECT_EQ(rows.meetings.size(), 1u);
  EXPECT_EQ(rows.callbacks.size(), 3u);
  EXPECT_EQ(rows.messages.size(), 3u);
  // Ordered by request, then as the single-request calls order them.
  for (std::size_t i = 1; i < rows.messages.size(); ++i) {
    const auto& prev = rows.messages[i - 1];
    const auto& cur = rows.messages[i];
    EXPECT_TRUE(prev.case_id->value < cur.case_id->value ||
                (prev.case_id == cur.case_id && prev.id.value < cur.id.value));
  }
  const auto none = this->S().ExtrasOf({});
  EXPECT_TRUE(none.meetings.empty() && none.callbacks.empty() && none.messages.empty());
}

}  // namespace
}  // namespace tawasul::store_contract
