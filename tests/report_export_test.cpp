// Report exports: CSV bytes exactly; XLSX unpacked with unzip(1) to check the sheet's cells and
// its right-to-left flag.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "adapters/xlsx_writer.hpp"
#include "app/reports/export_table.hpp"

namespace tawasul::app {
namespace {

ExportTable Sample(bool rtl) {
  ExportTable t;
  t.sheet = "breakdown";
  t.headers = {"المفتاح", "البند", "العدد"};
  t.rows = {{std::string("3"), std::string("طرق, \"جسور\""), std::int64_t{42}},
            {std::string("none"), std::string("=HYPERLINK(\"x\")"), std::int64_t{0}},
            {std::string("p"), std::string("نسبة"), 0.25}};
  t.right_to_left = rtl;
  return t;
}

TEST(ReportExport, CsvHasABomQuotesAndDisarmsFormulas) {
  const std::string csv = ToCsv(Sample(true));
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "المفتاح,البند,العدد\r\n"
            "3,\"طرق, \"\"جسور\"\"\",42\r\n"
            "none,\"'=HYPERLINK(\"\"x\"\")\",0\r\n"
            "p,نسبة,0.25\r\n");
}

std::string Unzip(const std::string& xlsx, const std::string& member) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("report-export-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << xlsx;
  const std::string cmd = "unzip -p '" + path.string() + "' " + member;
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

TEST(ReportExport, XlsxHoldsTheSameFiguresRightToLeft) {
  const std::string xlsx = adapters::ToXlsx(Sample(true));
  ASSERT_GT(xlsx.size(), 4u);
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
  const std::string sheet = Unzip(xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("rightToLeft=\"1\""), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<v>42</v>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<v>0.25</v>"), std::string::npos) << sheet;
  const std::string strings = Unzip(xlsx, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("المفتاح"), std::string::npos);
  EXPECT_NE(strings.find("<t>طرق, \"جسور\"</t>"), std::string::npos) << strings;
  const std::string ltr = Unzip(adapters::ToXlsx(Sample(false)), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(ltr.find("rightToLeft"), std::string::npos);
}

}  // namespace
}  // namespace tawasul::app
