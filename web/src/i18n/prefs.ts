// Strings of the date picker, the keyboard shortcuts and the saved language (issue 4).
export const en = {
  languageNotSaved: 'The language changed here, but could not be saved to your account.',
  datePicker: {
    open: 'Choose a date',
    dialog: 'Choose a date',
    prevMonth: 'Previous month',
    nextMonth: 'Next month',
    today: 'Today',
    close: 'Close',
    format: 'year/month/day',
    invalid: 'Enter a date as year/month/day, or pick it from the calendar.',
    help: 'Arrow keys move by day and week, Page Up and Page Down by month (with Shift, by year), Enter picks, Escape closes.',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    close: 'Close',
    intro: 'These work anywhere in the app; while typing in a field, only those with Alt do.',
    newRequest: 'New request (the phone field gets the focus)',
    inboxes: 'Inboxes',
    focusSearch: 'Go to the phone number or the search box',
    guidance: 'Log the call as guidance only (on the new request screen)',
    escape: 'Close a dialog or the calendar',
    help: 'Show this list',
  },
};

export const ar: typeof en = {
  languageNotSaved: 'تغيّرت اللغة هنا، لكن تعذّر حفظها في حسابك.',
  datePicker: {
    open: 'اختر تاريخًا',
    dialog: 'اختر تاريخًا',
    prevMonth: 'الشهر السابق',
    nextMonth: 'الشهر التالي',
    today: 'اليوم',
    close: 'إغلاق',
    format: 'السنة/الشهر/اليوم',
    invalid: 'أدخل التاريخ على شكل السنة/الشهر/اليوم، أو اختره من التقويم.',
    help: 'الأسهم تنقل يومًا وأسبوعًا، وPage Up وPage Down شهرًا (ومع Shift سنة)، وEnter يختار، وEscape يغلق.',
  },
  shortcuts: {
    title: 'اختصارات لوحة المفاتيح',
    close: 'إغلاق',
    intro: 'تعمل في أي مكان من التطبيق؛ وأثناء الكتابة في حقل لا يعمل إلا ما فيه Alt.',
    newRequest: 'طلب جديد (ينتقل التركيز إلى حقل الهاتف)',
    inboxes: 'صناديق الوارد',
    focusSearch: 'الانتقال إلى رقم الهاتف أو مربع البحث',
    guidance: 'تسجيل المكالمة إرشادًا فقط (في شاشة الطلب الجديد)',
    escape: 'إغلاق نافذة حوار أو التقويم',
    help: 'عرض هذه القائمة',
  },
};

export const fa: typeof en = {
  languageNotSaved: 'زبان اینجا عوض شد، اما در حساب شما ذخیره نشد.',
  datePicker: {
    open: 'انتخاب تاریخ',
    dialog: 'انتخاب تاریخ',
    prevMonth: 'ماه قبل',
    nextMonth: 'ماه بعد',
    today: 'امروز',
    close: 'بستن',
    format: 'سال/ماه/روز',
    invalid: 'تاریخ را به شکل سال/ماه/روز وارد کنید یا از تقویم انتخاب کنید.',
    help: 'کلیدهای جهت‌نما روز و هفته را جابه‌جا می‌کنند، Page Up و Page Down ماه را (با Shift سال را)، Enter انتخاب می‌کند و Escape می‌بندد.',
  },
  shortcuts: {
    title: 'میان‌برهای صفحه‌کلید',
    close: 'بستن',
    intro: 'همه‌جای برنامه کار می‌کنند؛ هنگام نوشتن در یک فیلد فقط آن‌هایی که Alt دارند.',
    newRequest: 'درخواست جدید (مکان‌نما به فیلد تلفن می‌رود)',
    inboxes: 'صندوق‌ها',
    focusSearch: 'رفتن به شماره تلفن یا جعبه جست‌وجو',
    guidance: 'ثبت تماس فقط به‌عنوان راهنمایی (در صفحه درخواست جدید)',
    escape: 'بستن پنجره یا تقویم',
    help: 'نمایش همین فهرست',
  },
};
