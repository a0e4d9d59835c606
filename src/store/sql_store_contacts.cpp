// Contacts (calls, visits, messages) and attachments.
#include <algorithm>

#include "store/sql_rows.hpp"
#include "store/sql_store.hpp"

namespace tawasul::store {

using namespace rows;  // NOLINT(google-build-using-namespace): column lists and mappers

Result<d::Contact> SqlStore::CreateContact(const d::Contact& contact) {
  return Write<d::Contact>([&](Conn& c) -> Result<d::Contact> {
    d::Contact out = contact;
    out.created_at = Stamp(contact.created_at);
    out.started_at =
        contact.started_at.time_since_epoch().count() == 0 ? out.created_at : contact.started_at;
    const auto r = c.Query(
        "INSERT INTO contacts (channel, direction, requester_id, case_id, agent_id, outcome, "
        "note, started_at, ended_at, created_at, from_number, to_number, queue, site_id, "
        "category_id, answered_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) "
        "RETURNING id",
        {Enum(out.channel), Enum(out.direction), IdOrNull(out.requester_id), IdOrNull(out.case_id),
         IdOrNull(out.agent_id), Enum(out.outcome), Text(out.note), Micros(out.started_at),
         MicrosOrNull(out.ended_at), Micros(out.created_at), Text(out.from_number),
         Text(out.to_number), Text(out.queue), IdOrNull(out.site_id), IdOrNull(out.category_id),
         MicrosOrNull(out.answered_at)});
    out.id = AsId<d::ContactId>(r.at(0).at(0));
    out.call_id.reset();
    out.source_id.reset();
    if (out.case_id) {
      c.Exec(
          "INSERT INTO contact_cases (contact_id, case_id, link, at) VALUES ($1, $2, $3, $4)",
          {IdValue(out.id), IdValue(*out.case_id),
           Text(out.outcome == d::ContactOutcome::kCaseCreated ? "registered" : "updated"),
           Micros(out.started_at)});
      c.Exec(
          "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, "
          "note) VALUES ($1, $2, $3, 'contact', '', '', $4, $5)",
          {IdValue(*out.case_id), Micros(out.started_at), IdOrNull(out.agent_id), Enum(out.outcome),
           Text(out.note)});
    }
    return out;
  });
}

std::optional<d::Contact> SqlStore::GetContact(d::ContactId id) {
  return Read([&](Conn& c) -> std::optional<d::Contact> {
    const auto r = c.Query(Select(kContactCols, "contacts", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return ContactFrom(r[0]);
  });
}

std::vector<d::Contact> SqlStore::ListContacts(std::optional<d::CaseId> case_id,
                                               std::optional<d::RequesterId> requester_id,
                                               int limit) {
  std::string where;
  Params params;
  if (case_id) {
    params.push_back(IdValue(*case_id));
    where = "WHERE case_id = $1";
  }
  if (requester_id) {
    params.push_back(IdValue(*requester_id));
    where += (where.empty() ? "WHERE " : " AND ") + std::string("requester_id = $") +
             std::to_string(params.size());
  }
  params.push_back(Int(limit <= 0 ? 50 : std::min(limit, 1000)));
  const std::string sql =
      Select(kContactCols, "contacts",
             where + " ORDER BY id DESC LIMIT $" + std::to_string(params.size()));
  return Read([&](Conn& c) {
    std::vector<d::Contact> out;
    for (const Row& r : c.Query(sql, params)) out.push_back(ContactFrom(r));
    return out;
  });
}

Result<d::Attachment> SqlStore::AddAttachment(const d::Attachment& meta,
                                              const std::string& content) {
  return Write<d::Attachment>([&](Conn& c) -> Result<d::Attachment> {
    d::Attachment out = meta;
    out.created_at = Stamp(meta.created_at);
    out.size = static_cast<std::int64_t>(content.size());  // the bytes are the truth
    const auto r = c.Query(
        "INSERT INTO attachments (case_id, filename, media_type, size, uploaded_by, created_at, "
        "content) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {IdValue(out.case_id), Text(out.filename), Text(out.media_type), Int(out.size),
         IdOrNull(out.uploaded_by), Micros(out.created_at), Bytes(content)});
    out.id = AsId<d::AttachmentId>(r.at(0).at(0));
    c.Exec(
        "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, "
        "note) VALUES ($1, $2, $3, 'attachment', '', '', $4, '')",
        {IdValue(out.case_id), Micros(out.created_at), IdOrNull(out.uploaded_by),
         Text(out.filename)});
    return out;
  });
}

std::vector<d::Attachment> SqlStore::ListAttachments(d::CaseId case_id) {
  return Read([&](Conn& c) {
    std::vector<d::Attachment> out;
    for (const Row& r :
         c.Query(Select(kAttachmentCols, "attachments", "WHERE case_id = $1 ORDER BY id"),
                 {IdValue(case_id)})) {
      out.push_back(AttachmentFrom(r));
    }
    return out;
  });
}

std::optional<app::AttachmentBlob> SqlStore::GetAttachment(d::AttachmentId id) {
  return Read([&](Conn& c) -> std::optional<app::AttachmentBlob> {
    const auto r =
        c.Query(Select(std::string(kAttachmentCols) + ", content", "attachments", "WHERE id = $1"),
                {IdValue(id)});
    if (r.empty()) return std::nullopt;
    return app::AttachmentBlob{AttachmentFrom(r[0]), AsText(r[0].back())};
  });
}

Result<d::Attachment> SqlStore::ReleaseAttachment(d::AttachmentId id, d::UserId by, base::Time at) {
  return Write<d::Attachment>([&](Conn& c) -> Result<d::Attachment> {
    const base::Time stamp = Stamp(at);
    const auto released = c.Query(
        "UPDATE attachments SET released_at = $2, released_by = $3 "
        "WHERE id = $1 AND released_at IS NULL RETURNING case_id, filename",
        {IdValue(id), Micros(stamp), IdValue(by)});
    if (!released.empty()) {
      c.Exec(
          "INSERT INTO case_events (case_id, at, actor_id, kind, field, from_value, to_value, "
          "note) VALUES ($1, $2, $3, 'attachment_released', '', '', $4, '')",
          {released[0][0], Micros(stamp), IdValue(by), released[0][1]});
    }
    const auto r =
        c.Query(Select(kAttachmentCols, "attachments", "WHERE id = $1"), {IdValue(id)});
    if (r.empty()) return base::NotFound("No such attachment");
    return AttachmentFrom(r[0]);
  });
}

}  // namespace tawasul::store
