// libxlsxwriter writes to a file only (no memory output in Debian 12's 1.1.4): the workbook goes
// to a private temporary file that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "adapters/xlsx_writer.hpp"

namespace tawasul::adapters {

namespace {

struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

struct WorkbookClose {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

void Check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
  }
}

}  // namespace

std::string ToXlsx(const app::ExportTable& table) {
  TempFile file;
  {
    std::string pattern = (std::filesystem::temp_directory_path() / "tawasul-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("xlsx: cannot create a temporary file");
    ::close(fd);
    file.path = pattern;
  }
  lxw_workbook* wb = workbook_new(file.path.c_str());
  if (wb == nullptr) throw std::runtime_error("xlsx: cannot start a workbook");
  std::unique_ptr<lxw_workbook, WorkbookClose> guard(wb);
  std::string sheet_name = table.sheet.empty() ? std::string("report") : table.sheet;
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  if (ws == nullptr) throw std::runtime_error("xlsx: cannot add the sheet");
  if (table.right_to_left) worksheet_right_to_left(ws);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    Check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), table.headers[c].c_str(), bold),
          "header");
  }
  Check(worksheet_set_column(
            ws, 0, static_cast<lxw_col_t>(table.headers.empty() ? 0 : table.headers.size() - 1), 22,
            nullptr),
        "column width");
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const auto& cell = table.rows[r][c];
      if (const auto* s = std::get_if<std::string>(&cell)) {
        Check(worksheet_write_string(ws, row, col, s->c_str(), nullptr), "cell");
      } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
        Check(worksheet_write_number(ws, row, col, static_cast<double>(*n), nullptr), "cell");
      } else {
        Check(worksheet_write_number(ws, row, col, std::get<double>(cell), nullptr), "cell");
      }
    }
  }
  Check(workbook_close(guard.release()), "close");
  std::ifstream in(file.path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace tawasul::adapters
