#include "app/installation/profile_lint.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "domain/sms_segments.hpp"
#include "domain/template_text.hpp"

namespace tawasul::app {
namespace {

namespace d = tawasul::domain;

/// The first line of `text` that starts (after blanks) with `start`; 1 when none does.
int LineOf(const std::string& text, const std::string& start) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, start.size(), start) == 0) return n;
  }
  return 1;
}

/// The line of action `name`'s `name = "..."` key in a workflow file.
int ActionLine(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find("name") != std::string::npos && line.find("\"" + name + "\"") != std::string::npos) {
      return n;
    }
  }
  return 1;
}

/// States reachable from the initial and entry states through the actions' targets.
std::set<std::string> Reachable(const d::Workflow& w) {
  std::set<std::string> seen{w.initial, w.EntryState()};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& a : w.actions) {
      const bool from_seen = std::any_of(a.from.begin(), a.from.end(), [&](const std::string& f) {
        if (f != "*") return seen.count(f) > 0;
        return std::any_of(seen.begin(), seen.end(), [&](const std::string& s) {
          const auto* st = w.State(s);
          return st != nullptr && !st->final;
        });
      });
      if (!from_seen) continue;
      std::vector<std::string> targets;
      if (!a.to.empty()) targets.push_back(a.to);
      for (const auto& e : a.effects) {
        if (!e.give_up_to.empty()) targets.push_back(e.give_up_to);
      }
      for (const auto& t : targets) grew = seen.insert(t).second || grew;
    }
  }
  return seen;
}

}  // namespace

std::vector<ProfileWarning> LintProfile(const Profile& profile, const std::string& profile_file,
                                        const std::string& profile_text) {
  std::vector<ProfileWarning> out;
  // An SMS as it goes out: the tracking code, dates and the survey link at their real lengths;
  // free text (a reason, an answer, a place) left out, since its length is the staff's.
  const std::map<std::string, std::string> typical = {
      {"tracking_code", "1234567890"},
      {"meeting_date", "1405/10/01"},
      {"meeting_time", "10:30"},
      {"due_at", "1405/10/01 10:30"},
      {"survey_link", profile.sla.survey.link_base + "/s/" + std::string(43, 'x')}};
  for (const auto& t : profile.templates) {
    if (t.kind != "sms") continue;
    const d::SmsSegments cost = d::CountSmsSegments(d::RenderTemplate(t.text, typical));
    if (cost.segments > 1) {
      const int one = cost.encoding == d::SmsEncoding::kGsm7 ? 160 : 70;
      out.push_back({profile_file, LineOf(profile_text, "[templates." + t.name + "]"),
                     "template \"" + t.name + "\".sms." + t.language + ": " +
                         std::to_string(cost.units) + " characters (filled in) go out in " +
                         std::to_string(cost.segments) + " SMS parts (one holds " +
                         std::to_string(one) + ")"});
    }
  }
  for (const auto& src : profile.workflow_sources) {
    auto it = profile.workflows.find(src.name);
    if (it == profile.workflows.end()) continue;
    const d::Workflow& w = it->second;
    const auto reach = Reachable(w);
    for (const auto& [name, st] : w.states) {
      if (!reach.count(name)) {
        out.push_back({src.file, LineOf(src.source, "[states." + name + "]"),
                       "state \"" + name + "\" cannot be reached from \"" + w.initial + "\""});
      }
    }
    for (const auto& a : w.actions) {
      bool then = false;
      std::set<std::string> read;
      for (const auto& e : a.effects) {
        for (const auto& [input, required] : d::InputsRead(e)) read.insert(input);
        if (e.kind == d::EffectKind::kRefer) read.insert("unit_id");
        if (e.kind == d::EffectKind::kFollowUp && !e.then.empty()) then = true;
      }
      for (const auto& in : a.inputs) {
        if (read.count(in.name) || d::KnownPlaceholders().count(in.name) || in.name == "note" ||
            (then && in.name == "unit_id")) {
          continue;
        }
        out.push_back({src.file, ActionLine(src.source, a.name),
                       "action \"" + a.name + "\": input \"" + in.name +
                           "\" is read by no effect (it still lands on the timeline)"});
      }
    }
  }
  return out;
}

}  // namespace tawasul::app
