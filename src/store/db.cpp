#include "store/db.hpp"

namespace tawasul::store {

std::string_view EngineName(Engine e) {
  switch (e) {
    case Engine::kSqlite:
      return "sqlite";
    case Engine::kPostgres:
      return "postgres";
  }
  return "unknown";
}

bool IsNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

std::int64_t AsInt(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  throw std::runtime_error("store: expected an integer column");
}

double AsReal(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  throw std::runtime_error("store: expected a real column");
}

std::string AsText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  if (IsNull(v)) return {};
  throw std::runtime_error("store: expected a text column");
}

}  // namespace tawasul::store
