/**
 * Folds Vietnamese text for search: lower case, no diacritics, "đ" as "d",
 * anything but letters and digits as one space. "Cấp Phiếu Lý lịch TƯ PHÁP"
 * becomes "cap phieu ly lich tu phap". The database indexes this form.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of `foldVietnamese(text)`, empty ones dropped. */
export function searchWords(text: string): string[] {
  const folded = foldVietnamese(text);
  return folded === '' ? [] : folded.split(' ');
}
