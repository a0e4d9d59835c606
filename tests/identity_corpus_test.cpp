// The identity corpus (support/identity_corpus.hpp) through the anonymizer alone: every entry's
// needle is readable before masking and gone after it, and the kept texts come back unchanged.
// The same corpus goes through the HTTP API as unit staff in anonymized_referral_http_test.
#include <gtest/gtest.h>

#include "domain/anonymizer.hpp"
#include "support/identity_corpus.hpp"
#include "support/identity_reader.hpp"

namespace tawasul::testing {
namespace {

domain::Anonymizer For(const CorpusPerson& p) {
  return domain::Anonymizer(domain::IdentityMarks{p.name, {p.e164}, p.national_id, p.email});
}

TEST(IdentityCorpus, HasAHundredWaysAndEachIsReadableUnmasked) {
  EXPECT_GE(IdentityCorpus().size(), 100u);
  for (const auto& e : IdentityCorpus()) {
    for (const auto& needle : e.needles) {
      EXPECT_TRUE(Readable(e.text, needle)) << "the reader misses " << needle << " in " << e.text;
    }
  }
}

TEST(IdentityCorpus, NoNeedleSurvivesMasking) {
  int leaks = 0;
  for (const auto& e : IdentityCorpus()) {
    const std::string masked = For(CorpusPeople()[e.person]).Mask(e.text);
    for (const auto& needle : e.needles) {
      if (Readable(masked, needle)) {
        ++leaks;
        ADD_FAILURE() << needle << " survives in «" << masked << "» (from «" << e.text << "»)";
      }
    }
  }
  EXPECT_EQ(leaks, 0);
}

TEST(IdentityCorpus, KeptTextsStayAsWritten) {
  for (const auto& person : CorpusPeople()) {
    for (const auto& text : KeptTexts()) EXPECT_EQ(For(person).Mask(text), text);
  }
}

}  // namespace
}  // namespace tawasul::testing
