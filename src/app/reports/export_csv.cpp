#include <cstdio>
#include <string_view>

#include "app/reports/export_table.hpp"

namespace tawasul::app {

namespace {

void Field(std::string& out, std::string_view v) {
  // A leading =, +, - or @ would be a formula in a spreadsheet (CSV injection).
  const bool formula = !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@');
  const bool quote = formula || v.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += v;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string ToCsv(const ExportTable& table) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const auto& cells, auto&& text) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      Field(out, text(cells[i]));
    }
    out += "\r\n";
  };
  line(table.headers, [](const std::string& s) { return s; });
  for (const auto& row : table.rows) {
    line(row, [](const ExportTable::Cell& c) -> std::string {
      if (const auto* s = std::get_if<std::string>(&c)) return *s;
      if (const auto* n = std::get_if<std::int64_t>(&c)) return std::to_string(*n);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", std::get<double>(c));
      return buf;
    });
  }
  return out;
}

}  // namespace tawasul::app
