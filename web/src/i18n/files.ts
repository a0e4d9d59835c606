// Strings of the request's attachments (views/case-files.ts): the files, their download, and the
// release to the unit (attachments reach unit staff only once a dispatcher released them).
export const en = {
  title: 'Attachments',
  none: 'No attachments.',
  download: 'Download',
  release: 'Release to the unit',
  releaseLabel: 'Release {name} to the unit',
  released: 'Released to the unit {when}',
  withheld: 'Withheld from the unit',
  warnVisual: 'This file is a picture or a PDF: it may show who the citizen is. Open it and check before releasing it to the unit. Release it now?',
  done: 'The unit can now see this file.',
  bytes: '{n} KB',
};

export const ar: typeof en = {
  title: 'المرفقات',
  none: 'لا توجد مرفقات.',
  download: 'تنزيل',
  release: 'إتاحته للوحدة',
  releaseLabel: 'إتاحة {name} للوحدة',
  released: 'أُتيح للوحدة {when}',
  withheld: 'محجوب عن الوحدة',
  warnVisual: 'هذا الملف صورة أو PDF وقد يكشف هوية المواطن. افتحه وتحقق منه قبل إتاحته للوحدة. هل تريد إتاحته الآن؟',
  done: 'أصبح بإمكان الوحدة رؤية هذا الملف.',
  bytes: '{n} ك.ب',
};

export const fa: typeof en = {
  title: 'پیوست‌ها',
  none: 'پیوستی ندارد.',
  download: 'دریافت',
  release: 'در اختیار واحد قرار بده',
  releaseLabel: 'قرار دادن {name} در اختیار واحد',
  released: 'در اختیار واحد قرار گرفت {when}',
  withheld: 'از واحد پنهان است',
  warnVisual: 'این پرونده تصویر یا PDF است و ممکن است هویت شهروند را نشان دهد. پیش از قرار دادن آن در اختیار واحد، آن را باز کنید و بررسی کنید. اکنون در اختیار واحد قرار گیرد؟',
  done: 'اکنون واحد این پرونده را می‌بیند.',
  bytes: '{n} کیلوبایت',
};
