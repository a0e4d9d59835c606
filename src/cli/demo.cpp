#include "cli/demo.hpp"

#include <map>
#include <stdexcept>

namespace tawasul::cli {
namespace {

namespace d = tawasul::domain;

template <class T>
T Must(app::Result<T> r, const std::string& what) {
  if (!r) {
    throw std::runtime_error("demo: " + what + ": " + r.error().message +
                             (r.error().field.empty() ? "" : " (" + r.error().field + ")"));
  }
  return std::move(r).value();
}

/// A valid mobile number in the installation's country, varied by `i`.
std::string DemoPhone(const std::string& country, int i) {
  char tail[16];
  if (country == "AE") {
    std::snprintf(tail, sizeof tail, "%07d", 1234500 + i);
    return std::string("+97150") + tail;
  }
  if (country == "OM") {
    std::snprintf(tail, sizeof tail, "%07d", 2123400 + i);
    return std::string("+9689") + tail;
  }
  if (country == "IR") {
    std::snprintf(tail, sizeof tail, "%07d", 1234500 + i);
    return std::string("+98912") + tail;
  }
  std::snprintf(tail, sizeof tail, "%07d", 1234500 + i);
  return std::string("+9665") + "0" + tail;
}

}  // namespace

std::string LoadDemo(app::Store& store, app::AdminService& admin, app::CaseService& cases,
                     const app::Settings& settings, const std::string& password) {
  if (!store.IsEmpty()) throw std::runtime_error("demo: the store already holds data");

  app::NewUserInput admin_in{"admin", "مدير النظام", d::Role::kAdmin, std::nullopt, "ar", password};
  app::Principal root{Must(admin.CreateUserUnchecked(admin_in), "admin user"),
                      d::TokenKind::kSession};

  auto unit = [&](const char* code, d::UnitKind kind, std::optional<d::UnitId> parent,
                  d::LocalizedName name) {
    d::Unit u;
    u.code = code;
    u.kind = kind;
    u.parent_id = parent;
    u.name = std::move(name);
    return Must(admin.CreateUnit(root, u), std::string("unit ") + code).id;
  };
  const auto center = unit("CC", d::UnitKind::kCenter, std::nullopt,
                           {"مركز الاتصال الموحد", "مرکز تماس یکپارچه", "Unified contact center"});
  const auto mosques = unit("DIR-MOSQ", d::UnitKind::kDirectorate, center,
                            {"مديرية شؤون المساجد", "معاونت امور مساجد", "Mosque affairs directorate"});
  const auto maint = unit("DEP-MAINT", d::UnitKind::kDepartment, mosques,
                          {"قسم الصيانة والتشغيل", "واحد تعمیر و نگهداری", "Maintenance department"});
  const auto staff = unit("DEP-STAFF", d::UnitKind::kDepartment, mosques,
                          {"قسم منسوبي المساجد", "واحد کارکنان مساجد", "Mosque staff department"});
  const auto dawa = unit("DIR-DAWA", d::UnitKind::kDirectorate, center,
                         {"مديرية الدعوة والإرشاد", "معاونت تبلیغ و ارشاد", "Da'wa and guidance directorate"});
  const auto quran = unit("DEP-QURAN", d::UnitKind::kDepartment, dawa,
                          {"قسم جمعيات تحفيظ القرآن", "واحد حفظ قرآن", "Quran memorization department"});
  const auto services = unit("DEP-SERV", d::UnitKind::kDepartment, center,
                             {"قسم الخدمات العامة", "واحد خدمات عمومی", "General services department"});

  auto category = [&](const char* code, std::optional<d::CategoryId> parent,
                      std::optional<d::UnitId> owner, d::LocalizedName name) {
    d::Category c;
    c.code = code;
    c.parent_id = parent;
    c.default_unit_id = owner;
    c.name = std::move(name);
    return Must(admin.CreateCategory(root, c), std::string("category ") + code).id;
  };
  // The seven top categories of the 1933 center's published breakdown.
  std::vector<d::CategoryId> leaves;
  leaves.push_back(category("MOSQUE-STAFF", std::nullopt, staff,
                            {"خدمات منسوبي المساجد", "خدمات کارکنان مساجد", "Mosque-staff services"}));
  const auto maintenance = category("MAINTENANCE", std::nullopt, maint,
                                    {"الصيانة", "تعمیر و نگهداری", "Maintenance"});
  leaves.push_back(category("MAINT-AC", maintenance, maint, {"التكييف", "تهویه", "Air conditioning"}));
  leaves.push_back(category("MAINT-WATER", maintenance, maint,
                            {"المياه ودورات المياه", "آب و سرویس بهداشتی", "Water and ablution"}));
  leaves.push_back(category("LOUDSPEAKERS", std::nullopt, maint, {"مكبرات الصوت", "بلندگوها", "Loudspeakers"}));
  leaves.push_back(category("APPOINTMENTS", std::nullopt, staff,
                            {"طلبات التعيين", "درخواست استخدام", "Appointment requests"}));
  leaves.push_back(category("DONORS", std::nullopt, services, {"خدمات المتبرعين", "خدمات خیرین", "Donor services"}));
  leaves.push_back(category("DAWA-QURAN", std::nullopt, quran,
                            {"الدعوة وتحفيظ القرآن", "تبلیغ و حفظ قرآن", "Da'wa and Quran memorization"}));
  leaves.push_back(category("OTHER", std::nullopt, services,
                            {"خدمات الوزارة الأخرى", "سایر خدمات", "Other services"}));

  struct SiteSeed {
    const char* code;
    d::LocalizedName name;
    const char* district;
    double lat, lon;
  };
  const SiteSeed site_seeds[] = {
      {"MSQ-0001", {"جامع الملك خالد", "مسجد جامع ملک خالد", "King Khalid Grand Mosque"}, "أم الحمام", 24.6917, 46.6410},
      {"MSQ-0002", {"جامع الراجحي", "مسجد جامع راجحی", "Al-Rajhi Grand Mosque"}, "الجزيرة", 24.6883, 46.7870},
      {"MSQ-0003", {"مسجد الإمام تركي بن عبدالله", "مسجد امام ترکی", "Imam Turki bin Abdullah Mosque"}, "الديرة", 24.6310, 46.7130},
      {"MSQ-0004", {"مسجد الملز", "مسجد ملز", "Al-Malaz Mosque"}, "الملز", 24.6640, 46.7350},
      {"MSQ-0005", {"مسجد النور", "مسجد نور", "Al-Noor Mosque"}, "العليا", 24.6990, 46.6850},
  };
  std::vector<d::SiteId> sites;
  for (const auto& s : site_seeds) {
    d::Site site;
    site.code = s.code;
    site.kind = d::SiteKind::kMosque;
    site.name = s.name;
    site.region = "الرياض";
    site.district = s.district;
    site.latitude = s.lat;
    site.longitude = s.lon;
    sites.push_back(Must(admin.CreateSite(root, site), std::string("site ") + s.code).id);
  }

  const struct {
    const char* name;
    d::Role role;
    std::optional<d::UnitId> unit;
    const char* display;
  } users[] = {
      {"agent", d::Role::kAgent, std::nullopt, "موظف الاستقبال"},
      {"dispatcher", d::Role::kDispatcher, std::nullopt, "موظف المتابعة"},
      {"unit_staff", d::Role::kUnitStaff, maint, "موظف قسم الصيانة"},
      {"head", d::Role::kHead, std::nullopt, "رئيس المركز"},
      {"supervisor", d::Role::kSupervisor, std::nullopt, "مشرف المركز"},
      {"analyst", d::Role::kAnalyst, std::nullopt, "محلل البيانات"},
  };
  std::map<std::string, app::Principal> people;
  for (const auto& u : users) {
    app::NewUserInput in{u.name, u.display, u.role, u.unit, "ar", password};
    people[u.name] = app::Principal{Must(admin.CreateUserUnchecked(in), u.name), d::TokenKind::kSession};
  }

  const char* names[] = {"عبدالله القحطاني", "فاطمة الزهراني", "محمد العتيبي", "نورة الشهري",
                         "خالد الدوسري", "سارة الغامدي", "أحمد المطيري", "مريم الحربي"};
  const char* texts[] = {
      "مكبر الصوت الخارجي في المسجد لا يعمل منذ صلاة الفجر",
      "التكييف في مصلى النساء معطل ودرجة الحرارة مرتفعة",
      "تسرب مياه في دورات المياه بالمسجد",
      "استفسار عن موعد بدء حلقات تحفيظ القرآن الصيفية",
      "طلب تعيين مؤذن للمسجد بعد انتقال المؤذن السابق",
      "أرغب في التبرع بفرش جديد للمسجد، ما الإجراءات؟",
      "اقتراح بزيادة عدد الحلقات المسائية في الحي",
      "ملاحظة على تأخر فتح المسجد قبل صلاة الفجر",
  };
  const d::Channel channels[] = {d::Channel::kPhone, d::Channel::kPhone, d::Channel::kPortal,
                                 d::Channel::kWalkIn, d::Channel::kEmail, d::Channel::kChat};
  const d::CaseType types[] = {d::CaseType::kComplaint, d::CaseType::kServiceRequest,
                               d::CaseType::kInquiry, d::CaseType::kSuggestion,
                               d::CaseType::kViolationReport};
  int made = 0;
  for (int i = 0; i < 24; ++i) {
    app::CaseInput in;
    in.type = types[i % 5];
    in.category_id = leaves[i % leaves.size()];
    in.channel = channels[i % 6];
    in.description = texts[i % 8];
    in.site_id = sites[i % sites.size()];
    in.priority = i % 7 == 0 ? d::Priority::kHigh : d::Priority::kNormal;
    if (i % 6 != 5) {  // every sixth report is anonymous
      in.requester = app::RequesterInput{names[i % 8], DemoPhone(settings.country, i % 10), "",
                                         "", "ar"};
    }
    Must(cases.Create(people["agent"], in), "sample request");
    ++made;
  }
  for (int i = 0; i < 6; ++i) {
    app::ContactInput c;
    c.channel = d::Channel::kPhone;
    c.outcome = d::ContactOutcome::kGuidance;
    c.phone = DemoPhone(settings.country, 20 + i);
    c.note = "استفسار عن مواعيد برامج المسجد؛ تم الإرشاد";
    Must(cases.LogContact(people["agent"], c), "guidance contact");
  }
  return "demo: 7 units, " + std::to_string(leaves.size() + 1) + " categories, " +
         std::to_string(sites.size()) + " mosques, 7 users (one per role), " +
         std::to_string(made) + " requests, 6 guidance calls";
}

}  // namespace tawasul::cli
