// Workflows edited in place by administrators: the same TOML and the same parser
// (ParseWorkflowToml) as a profile's workflow files, stored and spread to every node like the
// other installation edits (docs/decisions/0012, 0017).
#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "app/installation/installation_admin.hpp"

#include "app/admin/admin_audit.hpp"

namespace tawasul::app {
namespace {

using base::Error;
using base::ErrorCode;

constexpr std::size_t kMaxWorkflowChars = 200000;

bool ValidCode(const std::string& code) {
  return !code.empty() && code.size() <= 64 &&
         code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

/// The file name the parser's messages (and the stored row) use for an edited workflow.
std::string FileOf(const std::string& code) { return code + ".toml"; }

/// Splits ParseWorkflowToml's "FILE:LINE: problem" into the line and the problem.
std::pair<int, std::string> LineAndProblem(const std::string& file, const std::string& message) {
  const std::string prefix = file + ":";
  if (message.rfind(prefix, 0) != 0) return {0, message};
  std::size_t i = prefix.size();
  int line = 0;
  while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])) != 0) {
    line = line * 10 + (message[i] - '0');
    if (line > 10000000) return {0, message};
    ++i;
  }
  if (i == prefix.size() || i >= message.size() || message[i] != ':') return {0, message};
  ++i;
  while (i < message.size() && message[i] == ' ') ++i;
  return {line, message.substr(i)};
}

/// The 1-based line of the first line for which `match` holds; 0 when none does.
template <class Match>
int FindLine(const std::string& source, Match match) {
  std::istringstream in(source);
  std::string text;
  for (int n = 1; std::getline(in, text); ++n) {
    const auto start = text.find_first_not_of(" \t");
    if (start != std::string::npos && match(text.substr(start))) return n;
  }
  return 0;
}

Error Invalid(WorkflowRejection& why, int line, const std::string& problem) {
  why.line = line;
  return base::Invalid("source", problem);
}

}  // namespace

Result<std::vector<WorkflowView>> InstallationAdmin::Workflows(const Principal& who) {
  if (!May(who, d::Permission::kAdminister)) {
    return Error{ErrorCode::kForbidden, "This needs the admin role", {}};
  }
  auto inst = installation_.Get();
  std::map<std::string, std::string> sources;
  for (auto& w : store_.ListWorkflows()) sources[w.name] = std::move(w.source);
  std::map<std::string, int> categories;
  for (const auto& c : store_.ListCategories()) {
    if (!c.workflow.empty()) ++categories[c.workflow];
  }
  const auto open = store_.CountOpenCasesByState();
  std::vector<WorkflowView> out;
  for (const auto& [code, workflow] : inst->workflows()) {
    WorkflowView v;
    v.code = code;
    auto src = sources.find(code);
    v.source = src != sources.end() ? src->second : code == "basic" ? BasicWorkflowToml() : "";
    v.workflow = &workflow;
    v.installation = inst;
    v.categories = categories[code];
    for (const auto& [key, n] : open) {
      if (key.first == code) v.open_by_state[key.second] = n;
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<WorkflowView> InstallationAdmin::PutWorkflow(const Principal& who, const std::string& code,
                                                    const std::string& source,
                                                    WorkflowRejection& why) {
  why = {};
  if (!May(who, d::Permission::kAdminister)) {
    return Error{ErrorCode::kForbidden, "This needs the admin role", {}};
  }
  if (!ValidCode(code)) return base::Invalid("code", "must be 1 to 64 of a-z, 0-9 and _");
  if (source.size() > kMaxWorkflowChars) {
    return Invalid(why, 0, "must be at most " + std::to_string(kMaxWorkflowChars) + " characters");
  }
  // The profile loader's parser and checks, unchanged: what is saved here loads on every node.
  const std::string file = FileOf(code);
  auto parsed = ParseWorkflowToml(file, source, &why.column);
  if (!parsed) {
    auto [line, problem] = LineAndProblem(file, parsed.error().message);
    return Invalid(why, line, problem);
  }
  if (parsed->name != code) {
    const int line = FindLine(source, [](const std::string& t) {
      return t.rfind("name", 0) == 0 && t.find_first_not_of(" \t", 4) != std::string::npos &&
             t[t.find_first_not_of(" \t", 4)] == '=';
    });
    return Invalid(why, line, "`name` must be \"" + code + "\", the workflow's code");
  }
  // As a profile's: every template an effect sends must exist.
  std::set<std::string> templates;
  for (const auto& t : store_.ListTemplates()) templates.insert(t.name);
  auto effects = parsed->on_create;
  effects.insert(effects.end(), parsed->on_retype.begin(), parsed->on_retype.end());
  for (const auto& a : parsed->actions) effects.insert(effects.end(), a.effects.begin(), a.effects.end());
  for (const auto& e : effects) {
    if (!e.template_name.empty() && !templates.count(e.template_name)) {
      const std::string quoted = "\"" + e.template_name + "\"";
      const int line = FindLine(source, [&](const std::string& t) {
        return t.find(quoted) != std::string::npos && t.find("template") != std::string::npos;
      });
      return Invalid(why, line, "template " + quoted + " is not defined");
    }
  }
  // No stranded requests: a state the new definition drops must hold no open request.
  auto inst = installation_.Get();
  if (const d::Workflow* old = inst->FindWorkflow(code)) {
    const auto open = store_.CountOpenCasesByState();
    for (const auto& [name, state] : old->states) {
      if (parsed->states.count(name)) continue;
      auto it = open.find({code, name});
      if (it != open.end() && it->second > 0) why.occupied[name] = it->second;
    }
    if (!why.occupied.empty()) {
      std::string list;
      for (const auto& [name, n] : why.occupied) {
        list += (list.empty() ? "" : ", ") + name + " (" + std::to_string(n) + ")";
      }
      return Error{ErrorCode::kConflict,
                   "open requests are in states the new definition removes: " + list, "source"};
    }
  }
  std::string before;  // as the admin read it: stored, or the built-in one it replaces
  if (auto current = Workflows(who)) {
    for (const auto& v : *current) {
      if (v.code == code) before = v.source;
    }
  }
  if (auto s = store_.SaveWorkflow({code, file, source}); !s) return s.error();
  RecordAdminChange(store_, who, "workflow", code, "put", before, source);
  if (auto s = BumpRevisionAndReload(); !s) return s.error();
  auto all = Workflows(who);
  if (!all) return all.error();
  for (auto& v : *all) {
    if (v.code == code) return std::move(v);
  }
  return Error{ErrorCode::kUnavailable, "the saved workflow did not load", {}};
}

}  // namespace tawasul::app
