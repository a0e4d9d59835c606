#include "channels/imap_mailbox.hpp"

#include <algorithm>
#include <sstream>

#include "channels/curl_util.hpp"

namespace tawasul::channels {
namespace {

struct Sink {
  std::string data;
  std::size_t cap = 0;
  bool over = false;
};

std::size_t Write(char* ptr, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * n;
  if (sink->data.size() + bytes > sink->cap) {
    sink->over = true;
    return 0;  // aborts the transfer
  }
  sink->data.append(ptr, bytes);
  return bytes;
}

}  // namespace

ImapMailbox::ImapMailbox(ImapOptions options) : options_(std::move(options)) {
  while (!options_.url.empty() && options_.url.back() == '/') options_.url.pop_back();
}

base::Result<std::string> ImapMailbox::Run(const std::string& url, const std::string& command,
                                           std::size_t cap) {
  if (!curl_) curl_ = NewCurl(static_cast<long>(options_.timeout.count()), 15);
  CURL* c = curl_.get();
  Sink sink;
  sink.cap = cap;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, options_.username.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  if (options_.require_tls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
  // Set or cleared on every call: the handle is reused.
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  const CURLcode rc = curl_easy_perform(c);
  if (sink.over) {
    curl_.reset();  // the transfer was cut off mid-message: the connection is unusable
    return base::Error{base::ErrorCode::kTooLarge,
                       "the message is larger than " + std::to_string(cap) + " bytes", {}};
  }
  if (rc != CURLE_OK) {
    curl_.reset();  // a fresh connection next time
    return base::Error{base::ErrorCode::kUnavailable, std::string("IMAP: ") + curl_easy_strerror(rc), {}};
  }
  return std::move(sink.data);
}

std::vector<std::int64_t> ImapMailbox::ParseSearch(const std::string& answer) {
  std::vector<std::int64_t> out;
  std::istringstream lines(answer);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("* SEARCH")) continue;
    std::istringstream words(line.substr(8));
    for (std::string w; words >> w;) {
      if (w.empty() || w.size() > 18 || !std::all_of(w.begin(), w.end(), ::isdigit)) continue;
      out.push_back(std::stoll(w));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

base::Result<std::vector<std::int64_t>> ImapMailbox::UidsAfter(std::int64_t after, int limit) {
  // "N:*" always names the newest message even when its UID is below N: filtered here.
  auto answer = Run(options_.url, "UID SEARCH UID " + std::to_string(after + 1) + ":*", 4 * 1024 * 1024);
  if (!answer) return answer.error();
  std::vector<std::int64_t> uids;
  for (const std::int64_t uid : ParseSearch(*answer)) {
    if (uid > after && static_cast<int>(uids.size()) < limit) uids.push_back(uid);
  }
  return uids;
}

base::Result<std::string> ImapMailbox::Fetch(std::int64_t uid) {
  return Run(options_.url + "/;UID=" + std::to_string(uid), "", options_.max_message_bytes);
}

}  // namespace tawasul::channels
