#include "domain/model.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace tawasul::domain {
namespace {

/// Checks one enum against its expected wire names, listed in declaration order: every
/// enumerator has its name, the name parses back, no two share a name, and the value just past
/// the last has none, so an enumerator added without a name (or a name missing here) shows up.
template <class E>
void ExpectWireNames(const std::vector<std::string>& names,
                     std::optional<E> (*parse)(std::string_view)) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto v = static_cast<E>(i);
    EXPECT_EQ(ToString(v), names[i]);
    EXPECT_EQ(parse(names[i]), v) << names[i];
    EXPECT_TRUE(seen.insert(names[i]).second) << "duplicate " << names[i];
  }
  EXPECT_EQ(ToString(static_cast<E>(names.size())), "")
      << "an enumerator past the expected list has a name";
  EXPECT_EQ(parse(""), std::nullopt);
  EXPECT_EQ(parse("unknown"), std::nullopt);
  // Wire names are exact: no case folding, no padding, no prefixes.
  std::string upper = names.front();
  for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
  EXPECT_EQ(parse(upper), std::nullopt);
  EXPECT_EQ(parse(names.front() + " "), std::nullopt);
  EXPECT_EQ(parse(names.front().substr(0, names.front().size() - 1)), std::nullopt);
}

TEST(WireNames, Channel) {
  ExpectWireNames<Channel>({"phone", "walk_in", "portal", "email", "chat", "sms", "fax", "social"},
                           &ParseChannel);
}

TEST(WireNames, CaseType) {
  ExpectWireNames<CaseType>({"complaint", "suggestion", "criticism", "report", "violation_report",
                             "service_request", "inquiry", "meeting_request"},
                            &ParseCaseType);
}

TEST(WireNames, Priority) {
  ExpectWireNames<Priority>({"low", "normal", "high", "urgent"}, &ParsePriority);
}

TEST(WireNames, CaseStatus) {
  ExpectWireNames<CaseStatus>(
      {"new", "dispatched", "referred", "answered", "callback", "on_hold", "closed"},
      &ParseCaseStatus);
}

TEST(WireNames, Role) {
  ExpectWireNames<Role>(
      {"agent", "dispatcher", "unit_staff", "head", "supervisor", "analyst", "admin"}, &ParseRole);
}

TEST(WireNames, ContactDirection) {
  ExpectWireNames<ContactDirection>({"inbound", "outbound"}, &ParseContactDirection);
}

TEST(WireNames, ContactOutcome) {
  ExpectWireNames<ContactOutcome>({"guidance", "case_created", "case_updated", "transferred",
                                   "no_answer", "busy", "wrong_number", "abandoned", "ringing",
                                   "answered", "missed", "rejected", "forwarded", "voicemail"},
                                  &ParseContactOutcome);
}

TEST(WireNames, UnitKind) {
  ExpectWireNames<UnitKind>(
      {"center", "directorate", "department", "deputy", "branch", "affiliate"}, &ParseUnitKind);
}

TEST(WireNames, SiteKind) {
  ExpectWireNames<SiteKind>({"mosque", "facility", "area", "branch", "other"}, &ParseSiteKind);
}

TEST(WireNames, TokenKind) { ExpectWireNames<TokenKind>({"session", "api"}, &ParseTokenKind); }

TEST(WireNames, NamesBelongToTheirOwnEnum) {
  // "branch" is both a unit kind and a site kind; other names do not cross over.
  EXPECT_EQ(ParseUnitKind("branch"), UnitKind::kBranch);
  EXPECT_EQ(ParseSiteKind("branch"), SiteKind::kBranch);
  EXPECT_EQ(ParseChannel("complaint"), std::nullopt);
  EXPECT_EQ(ParseCaseStatus("urgent"), std::nullopt);
}

TEST(Ids, AreStrongAndOrdered) {
  static_assert(!std::is_convertible_v<CaseId, UserId>);
  EXPECT_LT(CaseId{1}, CaseId{2});
  EXPECT_FALSE(CaseId{}.valid());
  EXPECT_TRUE(CaseId{7}.valid());
}

TEST(Values, CompareByContent) {
  Case a;
  a.tracking_code = "1234567890";
  Case b = a;
  EXPECT_EQ(a, b);
  b.version = 2;
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace tawasul::domain
