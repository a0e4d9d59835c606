#pragma once

#include <string>

#include "app/reports/export_table.hpp"

namespace tawasul::adapters {

/// An XLSX workbook (libxlsxwriter) with one sheet, right-to-left when asked; numbers are
/// numbers. Throws std::runtime_error when the library fails (a fault, not an input error).
/// An app::XlsxWriter.
std::string ToXlsx(const app::ExportTable& table);

}  // namespace tawasul::adapters
