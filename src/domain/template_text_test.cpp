#include "domain/template_text.hpp"

#include <gtest/gtest.h>

namespace tawasul::domain {
namespace {

TEST(Template, ChecksPlaceholdersAndBraces) {
  EXPECT_TRUE(CheckTemplate("رقم بلاغكم {tracking_code} لدى {center_name}").ok());
  EXPECT_FALSE(CheckTemplate("hello {name}").ok());
  EXPECT_FALSE(CheckTemplate("hello {tracking_code").ok());
  EXPECT_FALSE(CheckTemplate("hello }").ok());
}

TEST(Template, Renders) {
  EXPECT_EQ(RenderTemplate("کد {tracking_code} — {meeting_date} {meeting_time}",
                           {{"tracking_code", "1234567890"}, {"meeting_date", "1404/01/20"}}),
            "کد 1234567890 — 1404/01/20 ");
}

TEST(MaskIdentifiers, MasksPhonesInAnyDigitsAndEmails) {
  EXPECT_EQ(MaskIdentifiers("call me on 0501234567 please"), "call me on […] please");
  EXPECT_EQ(MaskIdentifiers("رقمي +966 50 123 4567 شكرا"), "رقمي […] شكرا");
  EXPECT_EQ(MaskIdentifiers("شماره ۰۹۱۲۱۲۳۴۵۶۷"), "شماره […]");
  EXPECT_EQ(MaskIdentifiers("٠٥٠-١٢٣-٤٥٦٧"), "[…]");
  EXPECT_EQ(MaskIdentifiers("write to ali.r@example.com."), "write to […].");
  EXPECT_EQ(MaskIdentifiers("national id 1012345678"), "national id […]");
}

TEST(MaskIdentifiers, KeepsShortNumbersDatesAndText) {
  EXPECT_EQ(MaskIdentifiers("3 speakers in hall 12, since 2025"), "3 speakers in hall 12, since 2025");
  EXPECT_EQ(MaskIdentifiers("مسجد شماره ۱۲"), "مسجد شماره ۱۲");
  EXPECT_EQ(MaskIdentifiers("a@b"), "a@b");
  EXPECT_EQ(MaskIdentifiers(""), "");
}

TEST(MaskIdentifiers, FixedLengthMaskLeaksNoLength) {
  EXPECT_EQ(MaskIdentifiers("0501234567"), MaskIdentifiers("00966501234567"));
}

}  // namespace
}  // namespace tawasul::domain
