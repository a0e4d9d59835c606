#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tawasul::app {

/// A report as a table for download: the same figures as its JSON, headed in the reader's
/// language.
struct ExportTable {
  using Cell = std::variant<std::string, std::int64_t, double>;
  std::string sheet;  ///< the sheet's name (XLSX), at most 31 characters
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
  bool right_to_left = false;  ///< Arabic and Persian readers
};

/// UTF-8 with a byte-order mark (so spreadsheet programs read Arabic and Persian), RFC 4180
/// quoting, CRLF line ends. Cells that start like a formula (=, +, -, @) are prefixed with a
/// quote so a spreadsheet does not run them.
std::string ToCsv(const ExportTable& table);

/// Writes an XLSX workbook with one sheet, right-to-left when asked; numbers are numbers. Throws
/// std::runtime_error when the library fails (a fault, not an input error). A port: the adapter
/// is adapters::ToXlsx (libxlsxwriter), wired by the binary.
using XlsxWriter = std::string (*)(const ExportTable& table);

}  // namespace tawasul::app
