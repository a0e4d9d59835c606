#pragma once
// The inbound module's store port: written messages that came in, what became of them, and the
// numbers that asked for no more SMS.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "domain/inbound.hpp"
#include "domain/model.hpp"

namespace tawasul::app {

namespace d = tawasul::domain;
using base::Status;

/// A message that joins a request, written in one transaction: the message row, the contact it
/// counts as (linked as "updated"), an "inbound" timeline event holding its text, the replies,
/// and a mention for the request's owner so the owner's desk shows it.
struct InboundAppend {
  d::InboundMessage message;  ///< case_id set
  d::Contact contact;
  std::vector<d::OutboxMessage> replies;
  std::optional<d::UserId> notify;
};

/// Which inbound messages an admin's list shows, newest first.
struct InboundFilter {
  std::optional<d::Channel> channel;
  std::optional<std::string> outcome;
  std::optional<std::string> sender;
  std::optional<std::int64_t> before_id;
  int limit = 50;
};

class InboundStore {
 public:
  virtual ~InboundStore() = default;
  /// The message joined to its request (see InboundAppend); NotFound without the request.
  virtual base::Result<d::InboundMessage> AppendInbound(const InboundAppend& a) = 0;
  /// A message that joins no request (a flood, a keyword, unreadable text), with the replies to
  /// queue to its sender and, for keywords, the number's new opt-out state (true: no more SMS).
  virtual base::Result<d::InboundMessage> RecordInbound(const d::InboundMessage& m,
                                                        const std::vector<d::OutboxMessage>& replies,
                                                        std::optional<bool> sms_opt_out) = 0;
  /// Messages from `sender` on `channel` received at or after `since` (a flood's measure).
  virtual std::int64_t CountInboundSince(d::Channel channel, const std::string& sender,
                                         base::Time since) = 0;
  /// The requester's newest request that is not closed.
  virtual std::optional<d::Case> LatestOpenCaseOf(d::RequesterId requester) = 0;
  virtual bool SmsOptedOut(const std::string& phone) = 0;
  virtual std::vector<d::InboundMessage> ListInbound(const InboundFilter& filter) = 0;
  /// The message a gateway already handed over under this id, if any.
  virtual std::optional<d::InboundMessage> FindInbound(const std::string& external_id) = 0;
  /// Adds to a kept message's reason (e.g. files that could not be kept).
  virtual Status NoteInbound(std::int64_t id, const std::string& reason) = 0;
  /// The request of the newest email of ours whose Message-ID (with its brackets) is one of these.
  virtual std::optional<d::CaseId> CaseOfEmail(const std::vector<std::string>& message_ids) = 0;
  /// How far mailbox `name` has been read (its highest UID taken; 0 at first).
  virtual std::int64_t MailboxCursor(const std::string& name) = 0;
  virtual Status SetMailboxCursor(const std::string& name, std::int64_t last_uid) = 0;
};

}  // namespace tawasul::app
