#include "app/reports/report_labels.hpp"

namespace tawasul::app {

std::string LocalizedLabel(const domain::LocalizedName& n, const std::string& language) {
  const std::string* first = language == "fa" ? &n.fa : language == "en" ? &n.en : &n.ar;
  if (!first->empty()) return *first;
  for (const std::string* s : {&n.ar, &n.en, &n.fa}) {
    if (!s->empty()) return *s;
  }
  return {};
}

}  // namespace tawasul::app
