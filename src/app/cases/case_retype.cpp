// Review typing a request into another workflow (a complaint that is really a request to meet
// the head, or the other way round): the move is planned by the domain (PlanRetype) and written
// here with the PATCH's own changes, its clocks and its messages, in one transaction.
#include "app/cases/case_service.hpp"
#include "app/sla/sla_service.hpp"

namespace tawasul::app {

namespace dom = tawasul::domain;

namespace {

std::string IdText(const std::optional<dom::UnitId>& v) {
  return v ? std::to_string(v->value) : std::string();
}

}  // namespace

std::optional<Result<dom::Case>> CaseService::WriteRetype(const dom::Case& before,
                                                          CaseUpdate& update) {
  const auto inst = installation_.Get();
  dom::Case& after = update.after;
  const dom::Workflow* from = inst->FindWorkflow(before.workflow);
  if (from == nullptr) return std::nullopt;  // not installed: nothing to move from
  const auto chain = CategoryChain(after.category_id);
  const dom::Workflow& to = inst->WorkflowFor(chain, after.type);
  if (to.name == from->name) return std::nullopt;
  auto plan = dom::PlanRetype(*from, to, before.state, store_.GetMeeting(before.id).has_value());
  if (!plan) return Result<dom::Case>(plan.error());
  if (!plan->move) return std::nullopt;

  const base::Time now = after.updated_at;
  after.workflow = to.name;
  after.state = plan->to_state;
  after.status = plan->to_status;
  if (after.status != dom::CaseStatus::kReferred && after.unit_id) {
    // The new flow decides the referral again; the unit that had it is on the timeline.
    update.changes.push_back({"unit_id", IdText(after.unit_id), ""});
    after.unit_id.reset();
  }
  if (after.status != before.status) {
    update.changes.push_back({"status", std::string(dom::ToString(before.status)),
                              std::string(dom::ToString(after.status))});
  }

  ActionWrite w;
  w.from_state = before.state;  // no "action" event: the move is the "moved" line below
  w.notes.push_back({"moved", "workflow", to.name + "." + after.state, "",
                     from->name + "." + before.state});

  // Clocks: kept (their start, the new policy's targets) or restarted from the move; then the
  // new state's status and the workflow's on_retype marks move them like an action would.
  const SlaConfig& sla = inst->sla();
  std::vector<StoredClock> clocks = store_.SlaClocks({before.id});
  dom::CaseStatus clock_from = before.status;
  if (plan->restart_clocks) {
    OverlayClocks(clocks, ClocksForNewCase(sla, chain, after.type, after.priority, now));
    clock_from = dom::CaseStatus::kNew;
  } else {
    OverlayClocks(clocks, ClocksAfterRetarget(sla, clocks, chain, after.type, after.priority,
                                        before.created_at));
  }
  dom::WorkflowAction marks_of;
  marks_of.effects = plan->effects;
  OverlayClocks(clocks, ClocksAfterAction(sla, clocks, clock_from, after.status, ClockMarks(marks_of), now));
  update.service.clocks = std::move(clocks);

  std::optional<dom::Requester> requester;
  if (before.requester_id) requester = store_.GetRequester(*before.requester_id);
  for (const dom::Effect& e : plan->effects) {
    if (e.kind == dom::EffectKind::kStartClock || e.kind == dom::EffectKind::kStopClock) {
      w.notes.push_back({"clock", e.clock,
                         e.kind == dom::EffectKind::kStartClock ? "start" : "stop", ""});
      continue;
    }
    if (e.kind != dom::EffectKind::kNotify) continue;
    auto composed = inst->Compose(e.template_name, e.channel, requester ? &*requester : nullptr,
                                  {{"tracking_code", before.tracking_code}}, now);
    if (!composed.message) {
      w.notes.push_back({"notification", e.channel, e.template_name, composed.skipped});
      continue;
    }
    composed.message->case_id = before.id;
    w.messages.push_back(std::move(*composed.message));
  }
  w.update = std::move(update);
  return store_.ApplyAction(w, nullptr);
}

}  // namespace tawasul::app
