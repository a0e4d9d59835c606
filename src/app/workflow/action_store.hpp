#pragma once
// The workflow module's store port: an action's writes in one transaction, and the extras it reads.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/cases/case_store.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

using base::Result;
using base::Status;
namespace d = tawasul::domain;

/// Everything one workflow action writes, in one transaction (see ActionStore::ApplyAction).
struct ActionWrite {
  CaseUpdate update;                 ///< the request after the action, with version check
  std::string action;                ///< the action's name, for the timeline; empty: no action line
  std::string inputs_text;           ///< the inputs as shown on the timeline ("name=value; ...")
  std::string from_state;
  std::vector<d::OutboxMessage> messages;
  std::optional<d::Meeting> meeting;          ///< inserted or replaced
  std::optional<d::CallbackAttempt> callback; ///< appended
  std::optional<NewCase> follow_up;           ///< a linked request created with the action
  bool count_malicious = false;      ///< increments the requester's malicious_count
  std::vector<TimelineNote> notes;   ///< extra timeline lines (queued notifications, clocks)
  /// Staff accepted the request: messages held for an unknown number (a portal submission, the
  /// profile's portal_unknown_numbers = "hold") are queued now.
  bool release_held = false;
};

/// Workflow actions and their meetings, callback attempts and messages.
class ActionStore {
 public:
  virtual ~ActionStore() = default;

  // Workflow actions
  /// Writes the update (version-checked like UpdateCase, same "changed" events), an "action"
  /// event (field = action, from = from_state, to = the new state, note = inputs_text), the
  /// queued messages (each with a "notification" event: field = channel, to = template name;
  /// never the recipient), the meeting, the callback attempt, the follow-up request (with its
  /// own "created" event and parent_id set) and the malicious count, all in one transaction.
  /// Returns the request after the action; the follow-up's id is in `follow_up_id` when made.
  virtual Result<d::Case> ApplyAction(const ActionWrite& write,
                                      std::optional<d::CaseId>* follow_up_id) = 0;
  virtual std::optional<d::Meeting> GetMeeting(d::CaseId id) = 0;
  virtual std::vector<d::CallbackAttempt> CallbackAttempts(d::CaseId id) = 0;
  virtual std::vector<d::OutboxMessage> Messages(d::CaseId id) = 0;
  /// GetMeeting, CallbackAttempts and Messages for many requests in one read (an inbox's rows):
  /// each list ordered by request, then as the single-request calls order it.
  struct ExtrasRows {
    std::vector<d::Meeting> meetings;
    std::vector<d::CallbackAttempt> callbacks;
    std::vector<d::OutboxMessage> messages;
  };
  virtual ExtrasRows ExtrasOf(const std::vector<d::CaseId>& ids) = 0;
};

}  // namespace tawasul::app
