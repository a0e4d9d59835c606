#include "http/survey_page.hpp"

#include <array>

namespace tawasul::http {

namespace {

struct Texts {
  const char* title;
  const char* intro;  ///< followed by the tracking code
  const char* answer;
  std::array<const char*, 5> ratings;
  const char* comment;
  const char* send;
  const char* thanks;
  const char* already;
  const char* not_found;
  const char* needs_rating;
};

const Texts& For(const std::string& language) {
  static const Texts kAr{"تقييم الخدمة",
                         "كيف تقيّمون معالجة طلبكم رقم",
                         "الرد:",
                         {"سيئ جدًا", "سيئ", "مقبول", "جيد", "ممتاز"},
                         "ملاحظاتكم (اختياري)",
                         "إرسال",
                         "شكرًا لكم على تقييمكم.",
                         "تم استلام تقييمكم لهذا الطلب من قبل.",
                         "الرابط غير صالح أو انتهت صلاحيته.",
                         "يرجى اختيار تقييم من 1 إلى 5."};
  static const Texts kFa{"نظرسنجی رضایت",
                         "رسیدگی به درخواست شما را چگونه ارزیابی می‌کنید؟ شماره",
                         "پاسخ:",
                         {"خیلی بد", "بد", "متوسط", "خوب", "عالی"},
                         "توضیحات (اختیاری)",
                         "ارسال",
                         "از نظر شما سپاسگزاریم.",
                         "نظر شما برای این درخواست قبلاً ثبت شده است.",
                         "این پیوند نامعتبر است یا منقضی شده است.",
                         "لطفاً امتیازی از ۱ تا ۵ انتخاب کنید."};
  static const Texts kEn{"Rate our service",
                         "How would you rate the handling of your request",
                         "The answer:",
                         {"Very poor", "Poor", "Fair", "Good", "Excellent"},
                         "Comments (optional)",
                         "Send",
                         "Thank you for your rating.",
                         "This request has already been rated.",
                         "This link is not valid or has expired.",
                         "Please choose a rating from 1 to 5."};
  if (language == "ar") return kAr;
  if (language == "fa") return kFa;
  return kEn;
}

std::string Head(const std::string& language, const char* title) {
  const std::string lang = language == "ar" || language == "fa" ? language : "en";
  const char* dir = lang == "en" ? "ltr" : "rtl";
  return std::string("<!doctype html>\n<html lang=\"") + lang + "\" dir=\"" + dir +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><title>" +
         HtmlEscape(title) +
         "</title><style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 "
         "1rem;line-height:1.6}label{display:block;margin:.4rem 0}textarea{width:100%}"
         "button{margin-top:1rem;padding:.5rem 1.5rem}</style></head><body>";
}

const char* kTail = "</body></html>\n";

std::string Localized(const domain::LocalizedName& n, const std::string& language) {
  const std::string& pick = language == "fa" ? n.fa : language == "en" ? n.en : n.ar;
  if (!pick.empty()) return pick;
  return !n.ar.empty() ? n.ar : !n.fa.empty() ? n.fa : n.en;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string SurveyFormHtml(const app::SurveyPage& page, const std::string& token) {
  const Texts& t = For(page.language);
  std::string html = Head(page.language, t.title);
  html += "<h1>" + HtmlEscape(Localized(page.center_name, page.language)) + "</h1>";
  html += "<p>" + HtmlEscape(t.intro) + " <bdi>" + HtmlEscape(page.tracking_code) + "</bdi> (" +
          HtmlEscape(Localized(page.category, page.language)) + ")</p>";
  if (!page.public_answer.empty()) {
    html += "<p><strong>" + HtmlEscape(t.answer) + "</strong> " + HtmlEscape(page.public_answer) +
            "</p>";
  }
  html += "<form method=\"post\" action=\"/s/" + HtmlEscape(token) + "\"><fieldset><legend>" +
          HtmlEscape(t.title) + "</legend>";
  for (int r = 5; r >= 1; --r) {
    const std::string v = std::to_string(r);
    html += "<label><input type=\"radio\" name=\"rating\" value=\"" + v + "\" required> " + v +
            " — " + HtmlEscape(t.ratings[static_cast<std::size_t>(r - 1)]) + "</label>";
  }
  html += "</fieldset><label>" + HtmlEscape(t.comment) +
          "<textarea name=\"comment\" rows=\"4\" maxlength=\"2000\"></textarea></label>"
          "<button type=\"submit\">" +
          HtmlEscape(t.send) + "</button></form>";
  return html + kTail;
}

std::string SurveyNoticeHtml(SurveyNotice notice, const std::string& language) {
  const Texts& t = For(language);
  const char* text = t.thanks;
  switch (notice) {
    case SurveyNotice::kThanks:
      text = t.thanks;
      break;
    case SurveyNotice::kAlreadyAnswered:
      text = t.already;
      break;
    case SurveyNotice::kNotFound:
      text = t.not_found;
      break;
    case SurveyNotice::kNeedsRating:
      text = t.needs_rating;
      break;
  }
  return Head(language, t.title) + "<p>" + HtmlEscape(text) + "</p>" + kTail;
}

}  // namespace tawasul::http
