#include "domain/anonymizer.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

Anonymizer Reza() {
  return Anonymizer(IdentityMarks{"رضا احمدی", {"+989121234567"}, "0791234568",
                                  "reza.ahmadi@example.com"});
}

TEST(Anonymizer, MasksTheRequestersNameInPlace) {
  EXPECT_EQ(Reza().Mask("من رضا احمدی هستم"), "من […] هستم");
  EXPECT_EQ(Reza().Mask("من رضا احمدي هستم"), "من […] هستم") << "Arabic yeh";
  EXPECT_EQ(Reza().Mask("آقای احمدی تماس گرفت"), "آقای […] تماس گرفت");
  EXPECT_EQ(Reza().Mask("من رضااحمدی هستم"), "من […] هستم") << "without the space";
  EXPECT_EQ(Reza().Mask("نامه احمدی\u200Cاست"), "نامه […]\u200Cاست") << "a suffix after ZWNJ";
}

TEST(Anonymizer, KeepsWordsThatOnlyStartLikeTheName) {
  EXPECT_EQ(Reza().Mask("رضایت نداریم از احمد"), "رضایت نداریم از احمد");
  const Anonymizer abdullah(IdentityMarks{"عبد الله العتيبي", {}, "", ""});
  EXPECT_EQ(abdullah.Mask("إن شاء الله"), "إن شاء الله") << "a particle alone is a word";
  EXPECT_EQ(abdullah.Mask("من عبد الله"), "من […]");
  EXPECT_EQ(abdullah.Mask("اتصل بالعتيبي"), "اتصل […]") << "proclitic and article";
  EXPECT_EQ(abdullah.Mask("اتصل عتيبي"), "اتصل […]") << "the name without its article";
}

TEST(Anonymizer, MasksKnownDigitsAcrossAnySeparators) {
  EXPECT_EQ(Reza().Mask("0912   ,   123   ,   4567"), "0[…]");
  EXPECT_EQ(Reza().Mask("کد 079 / 123 / 456 / 8"), "کد […]");
}

TEST(Anonymizer, GenericMasksNeedNoRequester) {
  const Anonymizer any;
  EXPECT_EQ(any.Mask("call 055,123,4567 now"), "call […] now");
  EXPECT_EQ(any.Mask("رقم ٠٥٥،١٢٣،٤٥٦٧"), "رقم […]");
  EXPECT_EQ(any.Mask("x 0912_123_4567"), "x […]");
  EXPECT_EQ(any.Mask("x ０９１２１２３４５６７"), "x […]");
  EXPECT_EQ(any.Mask("x 0912\u200B123\u200B4567"), "x […]");
  EXPECT_EQ(any.Mask("mail a.b＠example.com now"), "mail […] now");
  EXPECT_EQ(any.Mask("mail علی@example.com now"), "mail […] now");
  EXPECT_EQ(any.Mask("mail ali at example dot com now"), "mail […] now");
  EXPECT_EQ(any.Mask("mail ali[at]example[dot]com"), "mail […]");
}

TEST(Anonymizer, KeepsDatesTimesAndOrdinaryText) {
  const Anonymizer any;
  for (const char* kept :
       {"since 1403/05/12", "on 2026-11-24", "12.05.2026", "at 10:30", "we met at school.",
        "arrived at 5.30 pm", "a@b", "hall 12, row 3, seat 40", "[…]"}) {
    EXPECT_EQ(any.Mask(kept), kept);
  }
}

TEST(Anonymizer, LongTextsAreMaskedInOnePass) {
  // The longest description a request may hold, shaped to make a backtracking matcher slow.
  // A local part is at most 64 long (RFC 5321): longer runs are no address, and the scan stops.
  EXPECT_EQ(Anonymizer().Mask(std::string(64, 'a') + " at example dot com"), "[…]");
  const std::string long_word = std::string(10000, 'a') + " at example dot com";
  EXPECT_EQ(Anonymizer().Mask(long_word), long_word);
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "a at b ";
  EXPECT_EQ(Anonymizer().Mask(many), many) << "no address without a dot";
  EXPECT_EQ(Reza().Mask(std::string(10000, '9')), "[…]");
}

TEST(Anonymizer, AnE_mailThatFoldsToNothingIsNoToken) {
  // Tatweel and zero-width characters fold away: an empty token would match everywhere.
  const Anonymizer odd(IdentityMarks{"", {}, "", "\u0640\u0640\u0640@example.com"});
  EXPECT_EQ(odd.Mask("\u0640"), "\u0640");
  EXPECT_EQ(odd.Mask("\u200C\u200C"), "\u200C\u200C");
  EXPECT_EQ(odd.Mask("نص عادي"), "نص عادي");
}

TEST(Anonymizer, CharactersThatDecomposeToSeveralAreReadWhole) {
  EXPECT_EQ(Anonymizer().Mask("رقم ⑼⑴⑵⑴⑵⑶⑷⑸⑹⑺ هنا"), "رقم […] هنا") << "parenthesized digits";
  const Anonymizer bilal(IdentityMarks{"بلال", {}, "", ""});
  EXPECT_EQ(bilal.Mask("أنا بﻼل"), "أنا […]") << "the lam-alef ligature";
  const Anonymizer jose(IdentityMarks{"José Pérez", {}, "", ""});
  EXPECT_EQ(jose.Mask("from Jose Perez"), "from […]") << "accents fold away";
}

TEST(Anonymizer, MaskLengthSaysNothing) {
  EXPECT_EQ(Reza().Mask("رضا"), Reza().Mask("رضا احمدی"));
}

TEST(FoldForMatch, JoinsLetterVariantsAndDropsMarks) {
  EXPECT_EQ(FoldForMatch("عليّ"), FoldForMatch("علی"));
  EXPECT_EQ(FoldForMatch("كتاب"), FoldForMatch("کتاب"));
  EXPECT_EQ(FoldForMatch("ＡＢ１"), U"ab1");
  EXPECT_EQ(FoldForMatch("۱۲٣"), U"123");
}

}  // namespace
}  // namespace tawasul::domain
