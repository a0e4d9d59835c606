// The server's problems (RFC 9457 `type` and `field`) in the user's language, and the loading
// indicator's words: the server's own English detail is shown only to English readers.
export const en = {
  types: {
    'bad-request': 'The request was not understood',
    unauthenticated: 'Your session has ended; sign in again',
    forbidden: 'Your role may not do this',
    'not-found': 'It is no longer there',
    conflict: 'This clashes with what is already there',
    'precondition-failed': 'Someone else changed this meanwhile; it has been reloaded',
    'too-large': 'That is too large',
    'unsupported-media-type': 'That kind of file is not accepted',
    invalid: 'A value is not accepted',
    'precondition-required': 'Reload the page and try again',
    'rate-limited': 'Too many attempts; wait a moment and try again',
    unavailable: 'The service is not available right now; try again shortly',
    error: 'Something went wrong. Try again.',
  } as Record<string, string>,
  fields: {
    description: 'Description', category_id: 'Category', site_id: 'Site', branch_id: 'Branch',
    unit_id: 'Unit', channel: 'Channel', type: 'Type', priority: 'Priority', phone: 'Phone number',
    name: 'Name', email: 'Email', national_id: 'National ID', language: 'Language', tags: 'Topic tags',
    note: 'Note', answer: 'Answer', public_answer: 'Answer to the citizen', date: 'Date', time: 'Time',
    place: 'Place', reason: 'Reason', case_id: 'Request', recipients: 'Recipients', region: 'Region',
    code: 'Code', outcome: 'Outcome', password: 'Password', username: 'Username',
  } as Record<string, string>,
  loading: 'Loading…',
};

export const ar: typeof en = {
  types: {
    'bad-request': 'تعذّر فهم الطلب',
    unauthenticated: 'انتهت جلستك؛ سجّل الدخول مرة أخرى',
    forbidden: 'لا يسمح دورك بهذا الإجراء',
    'not-found': 'لم يعد موجودًا',
    conflict: 'يتعارض هذا مع ما هو موجود',
    'precondition-failed': 'غيّر شخص آخر هذا في الأثناء؛ أُعيد تحميله',
    'too-large': 'الحجم أكبر من المسموح',
    'unsupported-media-type': 'هذا النوع من الملفات غير مقبول',
    invalid: 'قيمة غير مقبولة',
    'precondition-required': 'أعد تحميل الصفحة وحاول مرة أخرى',
    'rate-limited': 'محاولات كثيرة؛ انتظر قليلًا ثم حاول مرة أخرى',
    unavailable: 'الخدمة غير متاحة الآن؛ حاول بعد قليل',
    error: 'حدث خطأ. حاول مرة أخرى.',
  },
  fields: {
    description: 'الوصف', category_id: 'التصنيف', site_id: 'الموقع', branch_id: 'الفرع',
    unit_id: 'الجهة', channel: 'القناة', type: 'النوع', priority: 'الأولوية', phone: 'رقم الهاتف',
    name: 'الاسم', email: 'البريد الإلكتروني', national_id: 'رقم الهوية', language: 'اللغة', tags: 'وسوم الموضوع',
    note: 'ملاحظة', answer: 'الرد', public_answer: 'الرد على المواطن', date: 'التاريخ', time: 'الوقت',
    place: 'المكان', reason: 'السبب', case_id: 'الطلب', recipients: 'المستلمون', region: 'المنطقة',
    code: 'الرمز', outcome: 'النتيجة', password: 'كلمة المرور', username: 'اسم المستخدم',
  },
  loading: 'جارٍ التحميل…',
};

export const fa: typeof en = {
  types: {
    'bad-request': 'درخواست فهمیده نشد',
    unauthenticated: 'نشست شما پایان یافته؛ دوباره وارد شوید',
    forbidden: 'نقش شما اجازهٔ این کار را ندارد',
    'not-found': 'دیگر وجود ندارد',
    conflict: 'این با آنچه هست تعارض دارد',
    'precondition-failed': 'کس دیگری در این میان آن را تغییر داد؛ دوباره بارگیری شد',
    'too-large': 'حجم آن بیش از حد مجاز است',
    'unsupported-media-type': 'این نوع پرونده پذیرفته نیست',
    invalid: 'مقداری پذیرفته نیست',
    'precondition-required': 'صفحه را دوباره بارگیری کنید و باز تلاش کنید',
    'rate-limited': 'تلاش‌ها زیاد است؛ کمی صبر کنید و دوباره تلاش کنید',
    unavailable: 'خدمت اکنون در دسترس نیست؛ کمی بعد تلاش کنید',
    error: 'خطایی رخ داد. دوباره تلاش کنید.',
  },
  fields: {
    description: 'شرح', category_id: 'دسته', site_id: 'مکان', branch_id: 'شعبه',
    unit_id: 'واحد', channel: 'کانال', type: 'نوع', priority: 'اولویت', phone: 'شمارهٔ تلفن',
    name: 'نام', email: 'ایمیل', national_id: 'کد ملی', language: 'زبان', tags: 'برچسب‌های موضوع',
    note: 'یادداشت', answer: 'پاسخ', public_answer: 'پاسخ به شهروند', date: 'تاریخ', time: 'ساعت',
    place: 'مکان', reason: 'دلیل', case_id: 'درخواست', recipients: 'گیرندگان', region: 'منطقه',
    code: 'کد', outcome: 'نتیجه', password: 'گذرواژه', username: 'نام کاربری',
  },
  loading: 'در حال بارگیری…',
};
