#include "app/installation/installation.hpp"
#include "app/installation/attribute_config.hpp"

#include "app/installation/toml_reader.hpp"

#include <sstream>

#include "domain/template_text.hpp"

#include <algorithm>

namespace tawasul::app {
namespace {

namespace dom = tawasul::domain;

std::string Where(const std::string& file, const toml::source_region& r) {
  return file + ":" + std::to_string(r.begin.line) + ": ";
}

using toml_read::Strings;

base::Error LoadError(const std::string& file, const toml::node* node, const std::string& what) {
  return toml_read::Reader(file, "workflow").Err(node, what);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

int ToInt(const std::map<std::string, std::string>& kv, const char* key, int fallback) {
  auto it = kv.find(key);
  if (it == kv.end()) return fallback;
  try {
    return std::stoi(it->second);
  } catch (const std::exception&) {
    return fallback;
  }
}

}  // namespace

std::map<std::string, std::string> CenterSettings::ToKeyValues() const {
  std::map<std::string, std::string> kv;
  kv["profile"] = profile;
  kv["country"] = country;
  kv["time_zone"] = time_zone;
  kv["calendar"] = calendar;
  std::string langs;
  for (const auto& l : languages) langs += (langs.empty() ? "" : ",") + l;
  kv["languages"] = langs;
  kv["sms_sender"] = sms_sender;
  kv["center_name.ar"] = center_name.ar;
  kv["center_name.fa"] = center_name.fa;
  kv["center_name.en"] = center_name.en;
  kv["default_workflow"] = default_workflow;
  std::string by_type;
  for (const auto& [t, w] : workflow_by_type) by_type += (by_type.empty() ? "" : ",") + t + "=" + w;
  kv["workflow_by_type"] = by_type;
  kv["reopen_window_days"] = std::to_string(reopen_window_days);
  kv["callback_max_attempts"] = std::to_string(callback_max_attempts);
  kv["malicious_flag_threshold"] = std::to_string(malicious_flag_threshold);
  kv["portal_unknown_numbers"] = portal_unknown_numbers;
  auto words = [](const std::vector<std::string>& list) {
    std::string out;
    for (const auto& w : list) out += (out.empty() ? "" : ",") + w;
    return out;
  };
  kv["sms_intake.category"] = sms_category;
  kv["sms_intake.type"] = sms_type;
  kv["sms_intake.stop_words"] = words(sms_stop_words);
  kv["sms_intake.start_words"] = words(sms_start_words);
  kv[kInstallationAttributesKey] = requester_attributes_source;
  return kv;
}

base::Result<CenterSettings> CenterSettings::FromKeyValues(
    const std::map<std::string, std::string>& kv) {
  CenterSettings s;
  auto get = [&](const char* k, std::string& out) {
    if (auto it = kv.find(k); it != kv.end() && !it->second.empty()) out = it->second;
  };
  get("profile", s.profile);
  get("country", s.country);
  get("time_zone", s.time_zone);
  get("calendar", s.calendar);
  get("sms_sender", s.sms_sender);
  get("center_name.ar", s.center_name.ar);
  get("center_name.fa", s.center_name.fa);
  get("center_name.en", s.center_name.en);
  get("default_workflow", s.default_workflow);
  get("portal_unknown_numbers", s.portal_unknown_numbers);
  get("sms_intake.category", s.sms_category);
  get("sms_intake.type", s.sms_type);
  if (auto it = kv.find("sms_intake.stop_words"); it != kv.end()) {
    s.sms_stop_words = it->second.empty() ? std::vector<std::string>{} : Split(it->second, ',');
  }
  if (auto it = kv.find("sms_intake.start_words"); it != kv.end()) {
    s.sms_start_words = it->second.empty() ? std::vector<std::string>{} : Split(it->second, ',');
  }
  if (auto it = kv.find("languages"); it != kv.end() && !it->second.empty()) {
    s.languages = Split(it->second, ',');
  }
  if (auto it = kv.find("workflow_by_type"); it != kv.end()) {
    for (const auto& pair : Split(it->second, ',')) {
      auto eq = pair.find('=');
      if (eq != std::string::npos) s.workflow_by_type[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  }
  s.reopen_window_days = ToInt(kv, "reopen_window_days", s.reopen_window_days);
  s.callback_max_attempts = ToInt(kv, "callback_max_attempts", s.callback_max_attempts);
  s.malicious_flag_threshold = ToInt(kv, "malicious_flag_threshold", s.malicious_flag_threshold);
  if (auto it = kv.find(kInstallationAttributesKey); it != kv.end() && !it->second.empty()) {
    auto parsed = ParseAttributeConfig("<installation: requester_attributes>", it->second);
    if (!parsed) return parsed.error();
    s.requester_attributes = std::move(parsed->attributes);
    s.requester_attributes_source = std::move(parsed->source);
  }
  return s;
}

base::Result<d::Workflow> ParseWorkflowToml(const std::string& file, const std::string& text,
                                            int* column) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    if (column != nullptr) *column = static_cast<int>(e.source().begin.column);
    return base::Invalid("workflow", Where(file, e.source()) + std::string(e.description()));
  }
  d::Workflow w;
  w.name = root["name"].value_or(std::string());
  w.label = toml_read::Localized(root["label"]);
  w.initial = root["initial"].value_or(std::string());
  if (w.name.empty()) return LoadError(file, &root, "`name` is missing");
  std::map<std::string, int> lines;  // "states.X" / "actions.X" → line, for validation errors
  if (auto* states = root["states"].as_table()) {
    for (const auto& [key, node] : *states) {
      const auto* t = node.as_table();
      if (t == nullptr) return LoadError(file, &node, "state \"" + std::string(key.str()) + "\" must be a table");
      d::WorkflowState st;
      st.name = std::string(key.str());
      const std::string status = (*t)["status"].value_or(std::string());
      auto parsed = dom::ParseCaseStatus(status);
      if (!parsed) {
        return LoadError(file, &node, "state \"" + st.name + "\": unknown status \"" + status + "\"");
      }
      st.status = *parsed;
      st.label = toml_read::Localized((*t)["label"]);
      st.inbox = (*t)["inbox"].value_or(std::string());
      st.final = (*t)["final"].value_or(false);
      lines["states." + st.name] = static_cast<int>(node.source().begin.line);
      w.states[st.name] = st;
    }
  } else {
    return LoadError(file, &root, "`states` is missing");
  }
  if (auto* actions = root["actions"].as_array()) {
    for (const auto& node : *actions) {
      const auto* t = node.as_table();
      if (t == nullptr) return LoadError(file, &node, "each [[actions]] must be a table");
      d::WorkflowAction a;
      a.name = (*t)["name"].value_or(std::string());
      a.label = toml_read::Localized((*t)["label"]);
      a.from = Strings((*t)["from"]);
      if (auto one = (*t)["from"].value<std::string>()) a.from = {*one};
      a.to = (*t)["to"].value_or(std::string());
      a.unit_scoped = (*t)["unit_scoped"].value_or(false);
      for (const auto& r : Strings((*t)["roles"])) {
        auto role = dom::ParseRole(r);
        if (!role) return LoadError(file, &node, "action \"" + a.name + "\": unknown role \"" + r + "\"");
        a.roles.push_back(*role);
      }
      if (auto* inputs = (*t)["inputs"].as_array()) {
        for (const auto& in_node : *inputs) {
          const auto* it = in_node.as_table();
          if (it == nullptr) return LoadError(file, &in_node, "an input must be a table");
          d::ActionInputSpec spec;
          spec.name = (*it)["name"].value_or(std::string());
          const std::string type = (*it)["type"].value_or(std::string("text"));
          auto parsed = dom::ParseInputType(type);
          if (!parsed) {
            return LoadError(file, &in_node, "action \"" + a.name + "\": unknown input type \"" + type + "\"");
          }
          spec.type = *parsed;
          spec.required = (*it)["required"].value_or(false);
          spec.options = Strings((*it)["options"]);
          a.inputs.push_back(spec);
        }
      }
      if (auto* effects = (*t)["effects"].as_array()) {
        for (const auto& e_node : *effects) {
          const auto* et = e_node.as_table();
          if (et == nullptr) return LoadError(file, &e_node, "an effect must be a table");
          d::Effect e;
          const std::string kind = (*et)["kind"].value_or(std::string());
          auto parsed = dom::ParseEffectKind(kind);
          if (!parsed) {
            return LoadError(file, &e_node, "action \"" + a.name + "\": unknown effect \"" + kind + "\"");
          }
          e.kind = *parsed;
          e.template_name = (*et)["template"].value_or(std::string());
          if (e.kind == dom::EffectKind::kCallback) {
            e.template_name = (*et)["give_up_template"].value_or(std::string());
          }
          e.channel = (*et)["channel"].value_or(std::string("sms"));
          e.give_up_to = (*et)["give_up_to"].value_or(std::string());
          e.clock = (*et)["clock"].value_or(std::string());
          e.then = (*et)["then"].value_or(std::string());
          if (auto type = (*et)["type"].value<std::string>()) {
            e.follow_up_type = dom::ParseCaseType(*type);
            if (!e.follow_up_type) {
              return LoadError(file, &e_node, "action \"" + a.name + "\": unknown request type \"" + *type + "\"");
            }
          }
          a.effects.push_back(e);
        }
      }
      lines["actions." + a.name] = static_cast<int>(node.source().begin.line);
      w.actions.push_back(a);
    }
  }
  // Effects outside actions (on_create, on_retype): notify and clocks, checked by the domain.
  auto plain_effects = [&](const toml::array& list, const char* what,
                           std::vector<d::Effect>& out) -> base::Status {
    for (const auto& e_node : list) {
      const auto* et = e_node.as_table();
      if (et == nullptr) return LoadError(file, &e_node, std::string(what) + " effects must be tables");
      d::Effect e;
      const std::string kind = (*et)["kind"].value_or(std::string());
      auto parsed = dom::ParseEffectKind(kind);
      if (!parsed) {
        return LoadError(file, &e_node, std::string(what) + ": unknown effect \"" + kind + "\"");
      }
      e.kind = *parsed;
      e.template_name = (*et)["template"].value_or(std::string());
      e.channel = (*et)["channel"].value_or(std::string("sms"));
      e.clock = (*et)["clock"].value_or(std::string());
      out.push_back(e);
    }
    return base::Ok{};
  };
  if (auto* on_create = root["on_create"].as_array()) {
    if (auto s = plain_effects(*on_create, "on_create", w.on_create); !s) return s.error();
    lines["on_create"] = static_cast<int>(on_create->source().begin.line);
  }
  w.start_with = root["start_with"].value_or(std::string());
  if (root["start_with"]) lines["start_with"] = static_cast<int>(root["start_with"].node()->source().begin.line);
  w.entry = root["entry"].value_or(std::string());
  if (root["entry"]) lines["entry"] = static_cast<int>(root["entry"].node()->source().begin.line);
  if (auto* on_retype = root["on_retype"].as_table()) {
    lines["on_retype"] = static_cast<int>(on_retype->source().begin.line);
    const std::string clocks = (*on_retype)["clocks"].value_or(std::string("keep"));
    if (clocks != "keep" && clocks != "restart") {
      return LoadError(file, on_retype, "on_retype: clocks must be \"keep\" or \"restart\"");
    }
    w.retype_restarts_clocks = clocks == "restart";
    if (auto* effects = (*on_retype)["effects"].as_array()) {
      if (auto s = plain_effects(*effects, "on_retype", w.on_retype); !s) return s.error();
    }
  } else if (root["on_retype"]) {
    return LoadError(file, root["on_retype"].node(), "on_retype must be a table");
  }
  if (auto s = dom::ValidateWorkflow(w); !s) {
    auto it = lines.find(s.error().field);
    const int line = it != lines.end() ? it->second : 1;
    return base::Invalid("workflow", file + ":" + std::to_string(line) + ": " + s.error().message);
  }
  return w;
}

const std::string& BasicWorkflowToml() {
  static const std::string kText = R"(name = "basic"
label = { ar = "متابعة", fa = "پیگیری", en = "Follow-up" }
initial = "new"

[states.new]
status = "new"
label = { ar = "جديد", fa = "جدید", en = "New" }
inbox = "triage"

[states.referred]
status = "referred"
label = { ar = "محال", fa = "ارجاع‌شده", en = "Referred" }
inbox = "unit"

[states.answered]
status = "answered"
label = { ar = "تمت الإجابة", fa = "پاسخ داده شد", en = "Answered" }
inbox = "triage"

[states.closed]
status = "closed"
label = { ar = "مغلق", fa = "بسته", en = "Closed" }
final = true

[[actions]]
name = "refer"
label = { ar = "إحالة", fa = "ارجاع", en = "Refer" }
from = ["new"]
to = "referred"
roles = ["dispatcher", "supervisor"]
[[actions.inputs]]
name = "unit_id"
type = "unit"
[[actions.effects]]
kind = "refer"

[[actions]]
name = "answer"
label = { ar = "الرد", fa = "پاسخ", en = "Answer" }
from = ["new", "referred"]
to = "answered"
roles = ["unit_staff", "dispatcher", "supervisor"]
unit_scoped = true
[[actions.inputs]]
name = "answer"
type = "text"
required = true
[[actions.effects]]
kind = "answer"

[[actions]]
name = "close"
label = { ar = "إغلاق", fa = "بستن", en = "Close" }
from = ["*"]
to = "closed"
roles = ["dispatcher", "supervisor"]
[[actions.inputs]]
name = "note"
type = "text"
)";
  return kText;
}

std::shared_ptr<const Installation> Installation::Make(CenterSettings settings,
                                                       std::map<std::string, d::Workflow> workflows,
                                                       std::vector<InstallationStore::TemplateText> templates,
                                                       SlaConfig sla) {
  auto inst = std::make_shared<Installation>();
  inst->settings_ = std::move(settings);
  inst->sla_ = std::move(sla);
  if (!inst->sla_.calendars.count(kContactCenterCalendar)) {
    auto zone = d::TimeZone::Make(inst->settings_.time_zone);
    inst->sla_.calendars.emplace(kContactCenterCalendar,
                                 d::BusinessCalendar::AlwaysOpen(zone ? *zone : d::TimeZone()));
  }
  inst->workflows_ = std::move(workflows);
  if (!inst->workflows_.count("basic")) {
    auto basic = ParseWorkflowToml("<built-in basic>", BasicWorkflowToml());
    inst->workflows_["basic"] = std::move(basic).value();
  }
  for (auto& t : templates) {
    inst->templates_[t.name + "|" + t.kind + "|" + t.language] = std::move(t.text);
  }
  return inst;
}

base::Result<std::shared_ptr<const Installation>> Installation::Load(InstallationStore& store) {
  const auto kv = store.Installation();
  auto settings = CenterSettings::FromKeyValues(kv);
  if (!settings) return settings.error();
  // The service levels are stored as the TOML text of the profile's tables (key "sla").
  SlaConfig sla;
  if (auto it = kv.find(kInstallationSlaKey); it != kv.end() && !it->second.empty()) {
    auto parsed = ParseSlaConfig("<installation: sla>", it->second, settings->time_zone);
    if (!parsed) return parsed.error();
    sla = std::move(parsed).value();
  }
  std::map<std::string, d::Workflow> workflows;
  for (const auto& src : store.ListWorkflows()) {
    auto w = ParseWorkflowToml(src.file.empty() ? src.name : src.file, src.source);
    if (!w) return w.error();
    workflows[w->name] = std::move(w).value();
  }
  return Make(std::move(settings).value(), std::move(workflows), store.ListTemplates(),
              std::move(sla));
}

const d::Workflow* Installation::FindWorkflow(const std::string& name) const {
  auto it = workflows_.find(name);
  return it == workflows_.end() ? nullptr : &it->second;
}

const d::Workflow& Installation::WorkflowFor(const std::vector<d::Category>& chain,
                                             d::CaseType type) const {
  for (const auto& c : chain) {
    if (const auto* w = FindWorkflow(c.workflow); w != nullptr) return *w;
  }
  if (auto it = settings_.workflow_by_type.find(std::string(dom::ToString(type)));
      it != settings_.workflow_by_type.end()) {
    if (const auto* w = FindWorkflow(it->second); w != nullptr) return *w;
  }
  if (const auto* w = FindWorkflow(settings_.default_workflow); w != nullptr) return *w;
  return workflows_.at("basic");
}

std::string Installation::TemplateText(const std::string& name, const std::string& kind,
                                       const std::string& language) const {
  auto find = [&](const std::string& lang) -> const std::string* {
    auto it = templates_.find(name + "|" + kind + "|" + lang);
    return it == templates_.end() || it->second.empty() ? nullptr : &it->second;
  };
  if (const auto* t = find(language)) return *t;
  for (const auto& lang : settings_.languages) {
    if (const auto* t = find(lang)) return *t;
  }
  for (const char* lang : {"ar", "fa", "en"}) {
    if (const auto* t = find(lang)) return *t;
  }
  return {};
}

std::string Installation::LanguageFor(const d::Requester* r) const {
  const auto& langs = settings_.languages;
  if (r != nullptr && std::find(langs.begin(), langs.end(), r->language) != langs.end()) {
    return r->language;
  }
  return langs.empty() ? "ar" : langs.front();
}

Installation::Composed Installation::Compose(const std::string& name, const std::string& channel,
                                             const d::Requester* to,
                                             std::map<std::string, std::string> values,
                                             base::Time now) const {
  const std::string lang = LanguageFor(to);
  std::string recipient;
  if (to != nullptr) recipient = channel == "email" ? to->email : to->phone;
  const std::string body = TemplateText(name, channel == "email" ? "email_body" : "sms", lang);
  if (recipient.empty()) {
    return {std::nullopt, channel == "email" ? "not sent: no email address" : "not sent: no phone number"};
  }
  if (body.empty()) return {std::nullopt, "not sent: the template has no text"};
  auto center = settings_.center_name;
  const std::string& pick = lang == "fa" ? center.fa : lang == "en" ? center.en : center.ar;
  values.emplace("center_name", !pick.empty() ? pick : !center.ar.empty() ? center.ar : !center.fa.empty() ? center.fa : center.en);
  d::OutboxMessage m;
  m.channel = channel;
  m.template_name = name;
  m.recipient = recipient;
  m.language = lang;
  if (channel == "email") {
    m.subject = dom::RenderTemplate(TemplateText(name, "email_subject", lang), values);
  }
  m.body = dom::RenderTemplate(body, values);
  m.created_at = now;
  return {std::move(m), ""};
}

}  // namespace tawasul::app
