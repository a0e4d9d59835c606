#include "app/installation/profile.hpp"

#include "app/installation/toml_reader.hpp"
#include "app/installation/attribute_config.hpp"

#include <set>

#include "app/sla/escalation_worker.hpp"
#include "app/surveys/survey_service.hpp"
#include "domain/identity.hpp"
#include "domain/template_text.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {
namespace {

namespace dom = tawasul::domain;

using toml_read::Localized;
using toml_read::Reader;
using toml_read::Str;

}  // namespace

base::Result<Profile> ParseProfile(
    const std::string& profile_file, const std::string& profile_text,
    const std::vector<std::pair<std::string, std::string>>& workflow_files) {
  Profile p;
  Reader r{profile_file};
  for (const auto& [file, text] : workflow_files) {
    auto w = ParseWorkflowToml(file, text);
    if (!w) return base::Invalid("profile", w.error().message);
    p.workflows[w->name] = *w;
    auto it = std::find_if(p.workflow_sources.begin(), p.workflow_sources.end(),
                           [&](const auto& s) { return s.name == w->name; });
    if (it != p.workflow_sources.end()) p.workflow_sources.erase(it);
    p.workflow_sources.push_back({w->name, file, text});
  }

  toml::table root;
  try {
    root = toml::parse(profile_text, profile_file);
  } catch (const toml::parse_error& e) {
    return base::Invalid("profile", profile_file + ":" + std::to_string(e.source().begin.line) +
                                        ": " + std::string(e.description()));
  }
  CenterSettings& s = p.settings;
  s.profile = Str(root["name"]);
  if (s.profile.empty()) return r.Err(&root, "`name` is missing");
  s.country = Str(root["country"]);
  s.time_zone = Str(root["time_zone"]);
  s.calendar = root["calendar"].value_or(std::string("gregorian"));
  if (s.calendar != "gregorian" && s.calendar != "islamic-umalqura" && s.calendar != "persian") {
    return r.Err(root.get("calendar"), "calendar must be gregorian, islamic-umalqura or persian");
  }
  s.languages.clear();
  if (auto* langs = root["languages"].as_array()) {
    for (const auto& l : *langs) {
      const std::string lang = l.value_or(std::string());
      if (!dom::IsSupportedLanguage(lang)) return r.Err(&l, "language must be ar, fa or en");
      s.languages.push_back(lang);
    }
  }
  if (s.languages.empty()) return r.Err(&root, "`languages` is missing");
  s.sms_sender = Str(root["sms_sender"]);
  s.center_name = Localized(root["center_name"]);
  s.default_workflow = root["default_workflow"].value_or(std::string("basic"));
  if (s.default_workflow != "basic" && !p.workflows.count(s.default_workflow)) {
    return r.Err(root.get("default_workflow"),
                 "default_workflow \"" + s.default_workflow + "\" is not defined");
  }
  s.reopen_window_days = root["reopen_window_days"].value_or(s.reopen_window_days);
  s.callback_max_attempts = root["callback_max_attempts"].value_or(s.callback_max_attempts);
  s.malicious_flag_threshold = root["malicious_flag_threshold"].value_or(s.malicious_flag_threshold);
  s.portal_unknown_numbers = root["portal_unknown_numbers"].value_or(s.portal_unknown_numbers);
  if (s.portal_unknown_numbers != "send" && s.portal_unknown_numbers != "hold") {
    return r.Err(root.get("portal_unknown_numbers"), "portal_unknown_numbers must be \"send\" or \"hold\"");
  }
  if (const auto* intake = root["sms_intake"].as_table()) {
    s.sms_category = Str((*intake)["category"]);
    s.sms_type = (*intake)["type"].value_or(s.sms_type);
    if (!dom::ParseCaseType(s.sms_type)) {
      return r.Err(intake->get("type"), "sms_intake: unknown request type \"" + s.sms_type + "\"");
    }
    auto words = [&](const char* key, std::vector<std::string>& out) -> bool {
      const auto* list = (*intake)[key].as_array();
      if (list == nullptr) return true;
      out.clear();
      for (const auto& w : *list) {
        const std::string word = w.value_or(std::string());
        if (word.empty() || word.find(',') != std::string::npos) return false;
        out.push_back(word);
      }
      return true;
    };
    if (!words("stop_words", s.sms_stop_words)) {
      return r.Err(intake->get("stop_words"), "sms_intake.stop_words: words without commas");
    }
    if (!words("start_words", s.sms_start_words)) {
      return r.Err(intake->get("start_words"), "sms_intake.start_words: words without commas");
    }
  }
  if (auto* by_type = root["workflow_by_type"].as_table()) {
    for (const auto& [k, v] : *by_type) {
      const std::string type(k.str());
      const std::string wf = v.value_or(std::string());
      if (!dom::ParseCaseType(type)) return r.Err(&v, "unknown request type \"" + type + "\"");
      if (!p.workflows.count(wf)) return r.Err(&v, "workflow \"" + wf + "\" is not defined");
      s.workflow_by_type[type] = wf;
    }
  }

  std::set<std::string> unit_codes, category_codes, site_codes;
  if (auto* units = root["units"].as_array()) {
    for (const auto& n : *units) {
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[units]] must be tables");
      Profile::UnitSeed u;
      u.unit.code = Str((*t)["code"]);
      u.unit.name = Localized((*t)["name"]);
      u.parent = Str((*t)["parent"]);
      const std::string kind = (*t)["kind"].value_or(std::string("department"));
      auto k = dom::ParseUnitKind(kind);
      if (!k) return r.Err(&n, "unit \"" + u.unit.code + "\": unknown kind \"" + kind + "\"");
      u.unit.kind = *k;
      if (!u.parent.empty() && !unit_codes.count(u.parent)) {
        return r.Err(&n, "unit \"" + u.unit.code + "\": parent \"" + u.parent + "\" is not defined above");
      }
      if (!unit_codes.insert(u.unit.code).second) return r.Err(&n, "unit \"" + u.unit.code + "\" twice");
      p.units.push_back(u);
    }
  }
  if (auto* cats = root["categories"].as_array()) {
    for (const auto& n : *cats) {
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[categories]] must be tables");
      Profile::CategorySeed c;
      c.category.code = Str((*t)["code"]);
      c.category.name = Localized((*t)["name"]);
      c.category.workflow = Str((*t)["workflow"]);
      c.parent = Str((*t)["parent"]);
      c.default_unit = Str((*t)["default_unit"]);
      const std::string& code = c.category.code;
      if (!c.parent.empty() && !category_codes.count(c.parent)) {
        return r.Err(&n, "category \"" + code + "\": parent \"" + c.parent + "\" is not defined above");
      }
      if (!c.default_unit.empty() && !unit_codes.count(c.default_unit)) {
        return r.Err(&n, "category \"" + code + "\": unit \"" + c.default_unit + "\" is not defined");
      }
      if (!c.category.workflow.empty() && c.category.workflow != "basic" &&
          !p.workflows.count(c.category.workflow)) {
        return r.Err(&n, "category \"" + code + "\": workflow \"" + c.category.workflow + "\" is not defined");
      }
      if (!category_codes.insert(code).second) return r.Err(&n, "category \"" + code + "\" twice");
      p.categories.push_back(c);
    }
  }
  if (auto* sites = root["sites"].as_array()) {
    for (const auto& n : *sites) {
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[sites]] must be tables");
      d::Site site;
      site.code = Str((*t)["code"]);
      site.name = Localized((*t)["name"]);
      const std::string kind = (*t)["kind"].value_or(std::string("mosque"));
      auto k = dom::ParseSiteKind(kind);
      if (!k) return r.Err(&n, "site \"" + site.code + "\": unknown kind \"" + kind + "\"");
      site.kind = *k;
      site.region = Str((*t)["region"]);
      site.district = Str((*t)["district"]);
      if (auto lat = (*t)["latitude"].value<double>()) site.latitude = *lat;
      if (auto lon = (*t)["longitude"].value<double>()) site.longitude = *lon;
      if (!site_codes.insert(site.code).second) return r.Err(&n, "site \"" + site.code + "\" twice");
      p.sites.push_back(site);
    }
  }
  if (auto* rules = root["routing"].as_array()) {
    for (const auto& n : *rules) {
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[routing]] must be tables");
      Profile::RoutingSeed rule{Str((*t)["category"]), Str((*t)["site"]),   Str((*t)["region"]),
                                Str((*t)["branch"]),   Str((*t)["channel"]), Str((*t)["unit"]),
                                Str((*t)["note"])};
      if (rule.unit.empty()) return r.Err(&n, "a routing rule needs a unit");
      for (const std::string* code : {&rule.unit, &rule.branch}) {
        if (!code->empty() && !unit_codes.count(*code)) {
          return r.Err(&n, "routing rule: unit \"" + *code + "\" is not defined");
        }
      }
      if (!rule.category.empty() && !category_codes.count(rule.category)) {
        return r.Err(&n, "routing rule: category \"" + rule.category + "\" is not defined");
      }
      if (!rule.site.empty() && !site_codes.count(rule.site)) {
        return r.Err(&n, "routing rule: site \"" + rule.site + "\" is not defined");
      }
      if (!rule.channel.empty() && !dom::ParseChannel(rule.channel)) {
        return r.Err(&n, "routing rule: unknown channel \"" + rule.channel + "\"");
      }
      p.routing.push_back(rule);
    }
  }
  if (auto* schedules = root["report_schedules"].as_array()) {
    for (const auto& n : *schedules) {
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[report_schedules]] must be tables");
      Profile::ScheduleSeed seed{Str((*t)["unit"]), toml_read::Strings((*t)["recipients"]),
                                 (*t)["language"].value_or(s.languages.front())};
      if (!unit_codes.count(seed.unit)) {
        return r.Err(&n, "report schedule: unit \"" + seed.unit + "\" is not defined");
      }
      if (seed.recipients.empty()) return r.Err(&n, "report schedule: no recipients");
      for (const auto& to : seed.recipients) {
        if (!dom::NormalizeEmail(to)) return r.Err(&n, "report schedule: \"" + to + "\" is not an email address");
      }
      p.schedules.push_back(std::move(seed));
    }
  }
  if (auto* users = root["users"].as_array()) {
    for (const auto& n : *users) {
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[users]] must be tables");
      Profile::UserSeed u;
      u.username = Str((*t)["username"]);
      u.display_name = Str((*t)["display_name"]);
      u.unit = Str((*t)["unit"]);
      u.language = (*t)["language"].value_or(s.languages.front());
      const std::string role = Str((*t)["role"]);
      auto parsed = dom::ParseRole(role);
      if (!parsed) return r.Err(&n, "user \"" + u.username + "\": unknown role \"" + role + "\"");
      u.role = *parsed;
      if (!u.unit.empty() && !unit_codes.count(u.unit)) {
        return r.Err(&n, "user \"" + u.username + "\": unit \"" + u.unit + "\" is not defined");
      }
      // Where SLA escalations reach them.
      u.manager = (*t)["manager"].value_or(false);
      if (u.manager && (u.role != d::Role::kUnitStaff || u.unit.empty())) {
        return r.Err(&n, "user \"" + u.username + "\": only unit_staff with a unit can be its manager");
      }
      if (auto email = Str((*t)["email"]); !email.empty()) {
        auto normal = dom::NormalizeEmail(email);
        if (!normal) return r.Err(t->get("email"), "user \"" + u.username + "\": " + normal.error().message);
        u.email = *normal;
      }
      if (auto phone = Str((*t)["phone"]); !phone.empty()) {
        auto normal = dom::NormalizePhone(phone, s.country);
        if (!normal) return r.Err(t->get("phone"), "user \"" + u.username + "\": " + normal.error().message);
        u.phone = *normal;
      }
      p.users.push_back(u);
    }
  }
  std::set<std::string> template_names;
  if (auto* templates = root["templates"].as_table()) {
    for (const auto& [name, node] : *templates) {
      const auto* t = node.as_table();
      if (t == nullptr) return r.Err(&node, "a template must be a table");
      for (const char* kind : {"sms", "email_subject", "email_body"}) {
        if (auto* texts = (*t)[kind].as_table()) {
          for (const auto& [lang, text_node] : *texts) {
            const std::string text = text_node.value_or(std::string());
            if (auto st = dom::CheckTemplate(text); !st) {
              return r.Err(&text_node, "template \"" + std::string(name.str()) + "\": " + st.error().message);
            }
            p.templates.push_back({std::string(name.str()), kind, std::string(lang.str()), text});
          }
        }
      }
      template_names.insert(std::string(name.str()));
    }
  }
  // Requester attributes ([[requester_attributes]]): what the center records about requesters.
  auto attributes = ParseAttributeConfig(profile_file, profile_text);
  if (!attributes) return attributes.error();
  p.settings.requester_attributes = std::move(attributes->attributes);
  p.settings.requester_attributes_source = std::move(attributes->source);
  // Business calendars, SLA policies and the survey ([calendars.NAME], [[sla]], [survey]).
  if (!s.sms_category.empty() && !category_codes.count(s.sms_category)) {
    return r.Err(root.at_path("sms_intake.category").node(),
                 "sms_intake.category \"" + s.sms_category + "\" is not a category");
  }
  auto sla = ParseSlaConfig(profile_file, profile_text, s.time_zone, &category_codes);
  if (!sla) return sla.error();
  p.sla = std::move(sla).value();
  if (!p.sla.policies.empty() && !template_names.count(kBreachTemplate)) {
    return r.Err(root.get("sla"), std::string("SLA policies need a template \"") + kBreachTemplate +
                                      "\" (what supervisors and unit managers get on a breach)");
  }
  if (p.sla.survey.enabled && !template_names.count(kSurveyTemplate)) {
    return r.Err(root.get("survey"), std::string("the survey needs a template \"") +
                                         kSurveyTemplate + "\" with {survey_link}");
  }

  for (const auto& [wname, wf] : p.workflows) {
    auto actions = wf.actions;
    actions.push_back(d::WorkflowAction{"on_create", {}, {}, "", {}, false, {}, wf.on_create});
    actions.push_back(d::WorkflowAction{"on_retype", {}, {}, "", {}, false, {}, wf.on_retype});
    for (const auto& a : actions) {
      for (const auto& e : a.effects) {
        if (e.kind == d::EffectKind::kFollowUp && !e.then.empty() &&
            std::none_of(p.workflows.begin(), p.workflows.end(), [&](const auto& w) {
              return w.second.Action(e.then) != nullptr;
            })) {
          const auto& src = *std::find_if(p.workflow_sources.begin(), p.workflow_sources.end(),
                                          [&](const auto& x) { return x.name == wname; });
          return base::Invalid("profile", src.file + ": action \"" + a.name +
                                              "\": follow_up then \"" + e.then +
                                              "\" is no workflow's action");
        }
        if (!e.template_name.empty() && !template_names.count(e.template_name)) {
          const auto& src = *std::find_if(p.workflow_sources.begin(), p.workflow_sources.end(),
                                          [&](const auto& x) { return x.name == wname; });
          return base::Invalid("profile", src.file + ": action \"" + a.name + "\": template \"" +
                                              e.template_name + "\" is not defined in " + profile_file);
        }
      }
    }
  }
  if (auto* samples = root["sample_cases"].as_array()) {
    for (const auto& n : *samples) {
      const auto* t = n.as_table();
      if (t == nullptr) return r.Err(&n, "[[sample_cases]] must be tables");
      Profile::SampleCase c;
      const std::string type = (*t)["type"].value_or(std::string("complaint"));
      const std::string channel = (*t)["channel"].value_or(std::string("phone"));
      auto pt = dom::ParseCaseType(type);
      auto pc = dom::ParseChannel(channel);
      if (!pt) return r.Err(&n, "sample: unknown type \"" + type + "\"");
      if (!pc) return r.Err(&n, "sample: unknown channel \"" + channel + "\"");
      c.type = *pt;
      c.channel = *pc;
      c.category = Str((*t)["category"]);
      c.site = Str((*t)["site"]);
      c.description = Str((*t)["description"]);
      if (!category_codes.count(c.category)) {
        return r.Err(&n, "sample: category \"" + c.category + "\" is not defined");
      }
      if (!c.site.empty() && !site_codes.count(c.site)) {
        return r.Err(&n, "sample: site \"" + c.site + "\" is not defined");
      }
      if (auto* req = (*t)["requester"].as_table()) {
        c.requester = RequesterInput{Str((*req)["name"]), Str((*req)["phone"]),
                                     Str((*req)["email"]), Str((*req)["national_id"]),
                                     (*req)["language"].value_or(s.languages.front())};
        if (auto* attrs = (*req)["attributes"].as_table()) {
          for (const auto& [k, v] : *attrs) {
            auto& value = c.requester->attributes[std::string(k.str())];
            if (auto text = v.value<std::string>()) value = *text;
            if (auto number = v.value<std::int64_t>()) value = std::to_string(*number);
          }
        }
      }
      p.samples.push_back(c);
    }
  }
  return p;
}

base::Result<std::string> LoadProfile(const Profile& p, Store& store, AdminService& admin,
                                      CaseService& cases, InstallationRef& installation,
                                      const std::string& password) {
  if (!store.IsEmpty()) return base::Invalid("store", "the store already holds data");
  auto fail = [](const std::string& what, const base::Error& e) {
    return base::Invalid(e.field, what + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message);
  };
  auto settings = p.settings.ToKeyValues();
  settings[kInstallationSlaKey] = p.sla.source;
  if (auto st = store.SaveInstallation(settings); !st) return st.error();
  for (const auto& w : p.workflow_sources) {
    if (auto st = store.SaveWorkflow(w); !st) return st.error();
  }
  for (const auto& t : p.templates) {
    if (auto st = store.SaveTemplate(t); !st) return st.error();
  }
  installation.Set(Installation::Make(p.settings, p.workflows, p.templates, p.sla));

  // The first admin is made without a principal; everything else goes through the rules.
  auto admin_seed = std::find_if(p.users.begin(), p.users.end(),
                                 [](const auto& u) { return u.role == d::Role::kAdmin; });
  if (admin_seed == p.users.end()) return base::Invalid("users", "the profile has no admin user");
  std::map<std::string, d::UnitId> unit_ids;
  std::map<std::string, d::CategoryId> category_ids;
  std::map<std::string, d::SiteId> site_ids;
  auto root_user = admin.CreateUserUnchecked(
      {admin_seed->username, admin_seed->display_name, d::Role::kAdmin, std::nullopt,
       admin_seed->language, password});
  if (!root_user) return fail("user " + admin_seed->username, root_user.error());
  const Principal root{*root_user, d::TokenKind::kSession};

  for (const auto& u : p.units) {
    d::Unit unit = u.unit;
    if (!u.parent.empty()) unit.parent_id = unit_ids.at(u.parent);
    auto made = admin.CreateUnit(root, unit);
    if (!made) return fail("unit " + unit.code, made.error());
    unit_ids[unit.code] = made->id;
  }
  for (const auto& c : p.categories) {
    d::Category cat = c.category;
    if (!c.parent.empty()) cat.parent_id = category_ids.at(c.parent);
    if (!c.default_unit.empty()) cat.default_unit_id = unit_ids.at(c.default_unit);
    auto made = admin.CreateCategory(root, cat);
    if (!made) return fail("category " + cat.code, made.error());
    category_ids[cat.code] = made->id;
  }
  for (const auto& s : p.sites) {
    auto made = admin.CreateSite(root, s);
    if (!made) return fail("site " + s.code, made.error());
    site_ids[s.code] = made->id;
  }
  for (const auto& seed : p.routing) {
    d::RoutingRule rule;
    if (!seed.category.empty()) rule.category_id = category_ids.at(seed.category);
    if (!seed.site.empty()) rule.site_id = site_ids.at(seed.site);
    rule.region = seed.region;
    if (!seed.branch.empty()) rule.branch_id = unit_ids.at(seed.branch);
    if (!seed.channel.empty()) rule.channel = d::ParseChannel(seed.channel);
    rule.unit_id = unit_ids.at(seed.unit);
    rule.note = seed.note;
    auto made = admin.CreateRoutingRule(root, rule);
    if (!made) return fail("routing rule to " + seed.unit, made.error());
  }
  for (const auto& seed : p.schedules) {
    ReportSchedule schedule;
    schedule.unit_id = unit_ids.at(seed.unit);
    schedule.recipients = seed.recipients;
    schedule.language = seed.language;
    for (auto& to : schedule.recipients) to = *dom::NormalizeEmail(to);
    auto made = store.CreateReportSchedule(schedule);
    if (!made) return fail("report schedule of " + seed.unit, made.error());
  }
  std::optional<Principal> agent;
  for (const auto& u : p.users) {
    if (&u == &*admin_seed) continue;
    std::optional<d::UnitId> unit;
    if (!u.unit.empty()) unit = unit_ids.at(u.unit);
    auto made = admin.CreateUserUnchecked({u.username, u.display_name, u.role, unit, u.language, password});
    if (!made) return fail("user " + u.username, made.error());
    if (!u.email.empty() || !u.phone.empty() || u.manager) {
      if (auto st = store.SaveStaffContact({made->id, u.email, u.phone, u.manager}); !st) {
        return fail("user " + u.username, st.error());
      }
    }
    if (u.role == d::Role::kAgent && !agent) agent = Principal{*made, d::TokenKind::kSession};
  }
  int samples = 0;
  for (const auto& sc : p.samples) {
    CaseInput in;
    in.type = sc.type;
    in.category_id = category_ids.at(sc.category);
    in.channel = sc.channel;
    in.description = sc.description;
    in.requester = sc.requester;
    if (!sc.site.empty()) in.site_id = site_ids.at(sc.site);
    auto made = agent ? cases.Create(*agent, in) : cases.Create(root, in);
    if (!made) return fail("sample request " + std::to_string(samples + 1), made.error());
    ++samples;
  }
  return "profile " + p.settings.profile + ": " + std::to_string(p.units.size()) + " units, " +
         std::to_string(p.categories.size()) + " categories, " + std::to_string(p.sites.size()) +
         " sites, " + std::to_string(p.routing.size()) + " routing rules, " + std::to_string(p.users.size()) + " users, " +
         std::to_string(p.workflows.size()) + " workflows, " + std::to_string(samples) +
         " sample requests";
}

}  // namespace tawasul::app
