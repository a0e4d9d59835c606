/** Arabic-Indic (U+0660..0669) and Persian (U+06F0..06F9) digits to ASCII, before sending. */
export function normalizeDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Text folded for matching what people type against names, in any of the three languages:
 *  digits in any script, Latin case, Arabic diacritics and tatweel, alef forms (أ إ آ ٱ → ا),
 *  ى and Persian ی → ي, Persian ک → ك, ة → ه, ؤ → و, ئ → ي, and the zero-width non-joiner
 *  (so «می‌روم» finds «میروم»); the letter variants the server joins in tag keys (domain/tag.hpp). */
export function foldText(s: string): string {
  return normalizeDigits(s).toLocaleLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640\u200C\u200D]/g, '')
    .replace(/[\u0623\u0625\u0622\u0671]/g, '\u0627')
    .replace(/[\u0649\u06CC\u0626]/g, '\u064A')
    .replace(/\u06A9/g, '\u0643')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0624/g, '\u0648')
    .replace(/\s+/g, ' ');
}
