// A request's attachments: photos, scans, voice notes and short videos from staff and citizens,
// sniffed on the way in, and withheld from those who may not see the requester until released
// (docs/decisions/0018).
#include <algorithm>

#include "app/cases/case_service.hpp"
#include "domain/validation.hpp"

namespace tawasul::app {

using base::Error;
using base::ErrorCode;
namespace dom = tawasul::domain;

namespace {

Error Forbidden(std::string message) { return Error{ErrorCode::kForbidden, std::move(message), {}}; }

Error CaseNotFound() { return base::NotFound("No such request"); }

/// Attachments accepted from staff and citizens: photos, scans, voice notes, short videos.
bool AcceptedMediaType(const std::string& t) {
  static const char* const kTypes[] = {
      "image/jpeg", "image/png",  "image/gif",  "image/webp", "image/heic", "image/tiff",
      "application/pdf", "audio/mpeg", "audio/ogg", "audio/x-wav", "audio/wav", "audio/mp4",
      "audio/x-m4a", "video/mp4", "video/quicktime", "video/3gpp", "text/plain"};
  return std::find(std::begin(kTypes), std::end(kTypes), t) != std::end(kTypes);
}

std::string SafeFilename(const std::string& in) {
  std::string name = in;
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  auto clean = dom::CleanName(name, "filename", 200, false);
  if (!clean || clean->empty() || *clean == "." || *clean == "..") return "attachment";
  return *clean;
}

}  // namespace

Result<dom::Attachment> CaseService::AddAttachment(const Principal& who, dom::CaseId id,
                                                   const std::string& filename,
                                                   const std::string& content) {
  if (!CanWriteCases(who.user.role)) return Forbidden("This role cannot add attachments");
  auto c = Visible(who, id);
  if (!c) return c.error();
  return StoreAttachment(id, filename, content, who.user.id);
}

Result<dom::Attachment> CaseService::AddCitizenAttachment(dom::CaseId id,
                                                          const std::string& filename,
                                                          const std::string& content) {
  if (!store_.GetCase(id)) return CaseNotFound();
  return StoreAttachment(id, filename, content, std::nullopt);
}

Result<dom::Attachment> CaseService::StoreAttachment(dom::CaseId id, const std::string& filename,
                                                     const std::string& content,
                                                     std::optional<dom::UserId> uploader) {
  if (content.empty()) return base::Invalid("body", "the file is empty");
  if (static_cast<std::int64_t>(content.size()) > settings_.max_attachment_bytes) {
    return Error{ErrorCode::kTooLarge,
                 "The file is larger than " + std::to_string(settings_.max_attachment_bytes) +
                     " bytes",
                 "body"};
  }
  std::string type = sniffer_.Sniff(content);
  if (!AcceptedMediaType(type)) {
    return Error{ErrorCode::kUnsupportedMedia, "Files of type " + type + " are not accepted",
                 "body"};
  }
  dom::Attachment a;
  a.case_id = id;
  a.filename = SafeFilename(filename);
  a.media_type = type;
  a.size = static_cast<std::int64_t>(content.size());
  a.uploaded_by = uploader;
  a.created_at = clock_.Now();
  return store_.AddAttachment(a, content);
}

Result<std::vector<dom::Attachment>> CaseService::ListAttachments(const Principal& who,
                                                                  dom::CaseId id) {
  auto c = Visible(who, id);
  if (!c) return c.error();
  auto list = store_.ListAttachments(id);
  if (auto mask = MaskFor(who, *c)) {
    std::erase_if(list, [&](const dom::Attachment& a) { return !ReleasedTo(a); });
    for (auto& a : list) {
      a.uploaded_by.reset();  // a citizen upload must not hint at who sent it
      a.released_by.reset();
      a.filename = mask->Mask(a.filename);  // "ID-1012345678.pdf" names its sender
    }
  }
  return list;
}

Result<AttachmentBlob> CaseService::GetAttachment(const Principal& who, dom::CaseId id,
                                                  dom::AttachmentId aid) {
  auto c = Visible(who, id);
  if (!c) return c.error();
  auto blob = store_.GetAttachment(aid);
  if (!blob || blob->meta.case_id != id) return base::NotFound("No such attachment");
  if (auto mask = MaskFor(who, *c)) {
    // Withheld until released: its content may name the citizen (a photo, a scanned letter).
    if (!ReleasedTo(blob->meta)) return base::NotFound("No such attachment");
    blob->meta.uploaded_by.reset();
    blob->meta.released_by.reset();
    blob->meta.filename = mask->Mask(blob->meta.filename);
  }
  return *blob;
}

bool CaseService::ReleasedTo(const dom::Attachment& a) {
  if (a.released_at) return true;
  // What staff who may not see the requester uploaded themselves is theirs to read.
  if (!a.uploaded_by) return false;
  const auto user = store_.GetUser(*a.uploaded_by);
  return user && !CanSeeRequesterIdentity(user->role);
}

Result<dom::Attachment> CaseService::ReleaseAttachment(const Principal& who, dom::CaseId id,
                                                      dom::AttachmentId aid) {
  if (!May(who, dom::Permission::kReleaseAttachments)) {
    return Forbidden("This role cannot release attachments");
  }
  auto c = Visible(who, id);
  if (!c) return c.error();
  const auto blob = store_.GetAttachment(aid);
  if (!blob || blob->meta.case_id != id) return base::NotFound("No such attachment");
  return store_.ReleaseAttachment(aid, who.user.id, clock_.Now());
}

}  // namespace tawasul::app
