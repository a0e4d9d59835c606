#include "channels/kannel_sms.hpp"

#include <cctype>

#include "channels/curl_util.hpp"
#include "domain/sms_segments.hpp"

namespace tawasul::channels {
namespace {

constexpr long kConnectTimeoutSeconds = 5;
constexpr std::size_t kMaxAnswer = 4096;

std::size_t Collect(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  const std::size_t bytes = size * n;
  if (out->size() < kMaxAnswer) out->append(data, std::min(bytes, kMaxAnswer - out->size()));
  return bytes;
}

/// E.164 with its "+", or national digits: what Kannel and SMSCs take as a destination.
bool IsPhoneNumber(const std::string& s) {
  std::size_t i = s.size() > 0 && s[0] == '+' ? 1 : 0;
  const std::size_t digits = s.size() - i;
  if (digits < 3 || digits > 20) return false;
  for (; i < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::string FirstLine(std::string s) {
  const auto nl = s.find_first_of("\r\n");
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

}  // namespace

KannelSmsSender::KannelSmsSender(KannelOptions options) : options_(std::move(options)) {
  while (!options_.dlr_base_url.empty() && options_.dlr_base_url.back() == '/') {
    options_.dlr_base_url.pop_back();
  }
}

std::chrono::seconds KannelSmsSender::MaxSendTime() const {
  return options_.timeout + std::chrono::seconds(1);
}

std::string KannelSmsSender::DlrUrl(const app::Outgoing& out) const {
  return options_.dlr_base_url + kKannelDlrPath + "?id=" + std::to_string(out.message.id.value) +
         "&type=%d&secret=" + UrlEncode(out.report_token) + "&answer=%A";
}

std::string KannelSmsSender::SendSmsUrl(const app::Outgoing& out) const {
  const auto segments = domain::CountSmsSegments(out.message.body);
  const std::string& from = out.sender.empty() ? options_.default_sender : out.sender;
  std::string url = options_.sendsms_url;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "username=" + UrlEncode(options_.username);
  url += "&password=" + UrlEncode(options_.password);
  if (!from.empty()) url += "&from=" + UrlEncode(from);
  url += "&to=" + UrlEncode(out.message.recipient);
  url += "&text=" + UrlEncode(out.message.body);
  // charset names the encoding of `text` as sent (UTF-8); coding is what goes on the air.
  url += segments.encoding == domain::SmsEncoding::kUcs2 ? "&coding=2" : "&coding=0";
  url += "&charset=UTF-8";
  if (!options_.smsc.empty()) url += "&smsc=" + UrlEncode(options_.smsc);
  if (!options_.dlr_base_url.empty()) {
    url += "&dlr-mask=" + std::to_string(options_.dlr_mask);
    url += "&dlr-url=" + UrlEncode(DlrUrl(out));
  }
  return url;
}

app::SendResult KannelSmsSender::Interpret(long http_status, const std::string& body) {
  const std::string answer = FirstLine(body);
  if (http_status >= 200 && http_status < 300) {
    // "0: Accepted for delivery" or "1: Queued for later delivery"; some builds append an id.
    std::string ref;
    if (const auto first = answer.find(": "); first != std::string::npos) {
      if (const auto second = answer.find(": ", first + 2); second != std::string::npos) {
        ref = answer.substr(second + 2);
      }
    }
    return app::SendResult::Accepted(ref);
  }
  const std::string why = "kannel answered " + std::to_string(http_status) + ": " + answer;
  // 403 is a wrong sendsms user or password: a configuration fault that is fixed without
  // changing the message, so it is retried. Other 4xx are about this message.
  if (http_status == 403 || http_status >= 500 || http_status < 400) {
    return app::SendResult::Temporary(why);
  }
  return app::SendResult::Permanent(why);
}

app::SendResult KannelSmsSender::Send(const app::Outgoing& out) {
  if (!IsPhoneNumber(out.message.recipient)) {
    return app::SendResult::Permanent("not a phone number");
  }
  if (out.message.body.empty()) return app::SendResult::Permanent("empty text");
  CurlEasy curl = NewCurl(static_cast<long>(options_.timeout.count()), kConnectTimeoutSeconds);
  const std::string url = SendSmsUrl(out);
  std::string body;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) {
    // The URL holds the password: report libcurl's words only.
    return app::SendResult::Temporary(std::string("kannel unreachable: ") +
                                      (error[0] != '\0' ? error : curl_easy_strerror(rc)));
  }
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  return Interpret(status, body);
}

}  // namespace tawasul::channels
