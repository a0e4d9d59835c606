// Strings of the review's typing form (views/case-retype.ts): the request's type and category
// corrected at review, which may move it into another workflow.
export const en = {
  title: 'Type and category',
  hint: 'Correct what the request is. If the new type is handled by another flow (a meeting request, say), the request moves there and the citizen is told.',
  save: 'Save type and category',
  unchanged: 'Nothing changed.',
  done: 'Type and category saved.',
  refusedMeeting: 'This request has a meeting with the head. Decline the meeting or record its outcome before changing the type.',
};

export const ar: typeof en = {
  title: 'النوع والتصنيف',
  hint: 'صحّح نوع الطلب. إذا كان النوع الجديد يُعالَج في مسار آخر (طلب مقابلة مثلًا) ينتقل الطلب إليه ويُبلَّغ المواطن.',
  save: 'حفظ النوع والتصنيف',
  unchanged: 'لم يتغير شيء.',
  done: 'حُفظ النوع والتصنيف.',
  refusedMeeting: 'لهذا الطلب مقابلة مع رئيس المركز. اعتذر عن المقابلة أو سجّل نتيجتها قبل تغيير النوع.',
};

export const fa: typeof en = {
  title: 'نوع و دسته',
  hint: 'نوع درخواست را اصلاح کنید. اگر نوع تازه در گردش کار دیگری رسیدگی می‌شود (مثلاً درخواست ملاقات)، درخواست به آن منتقل و به متقاضی اطلاع داده می‌شود.',
  save: 'ذخیره نوع و دسته',
  unchanged: 'چیزی تغییر نکرد.',
  done: 'نوع و دسته ذخیره شد.',
  refusedMeeting: 'این درخواست ملاقاتی با ریاست مرکز دارد. پیش از تغییر نوع، ملاقات را رد کنید یا نتیجه آن را ثبت کنید.',
};
