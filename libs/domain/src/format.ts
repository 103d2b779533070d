// How dates, times and numbers are written, the Vietnamese way, in one place: every screen of the web app, the
// printable certificate and the server-rendered verify page use these. Vietnam keeps UTC+7 all year (no daylight
// saving), so local time is plain arithmetic and comes out the same in every browser and on the server.

export type FormatLang = 'vi' | 'en';

const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

function local(value: Date | string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new Error(`Not a valid date: ${String(value)}`);
  return new Date(date.getTime() + VIETNAM_UTC_OFFSET_MS);
}

/** dd/mm/yyyy in Vietnam's time: "31/05/2027" (both languages). */
export function formatDate(value: Date | string): string {
  const d = local(value);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).padStart(4, '0')}`;
}

/** 24-hour time then the date, in Vietnam's time: "17:00 31/05/2027". */
export function formatDateTime(value: Date | string): string {
  const d = local(value);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${formatDate(value)}`;
}

/** HH:mm:ss in Vietnam's time (when a page was last refreshed). */
export function formatTime(value: Date | string): string {
  const d = local(value);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * A number with at most `digits` decimals (trailing zeros dropped): a decimal comma and dot-grouped thousands in
 * Vietnamese ("1.234,5"), the other way round in English ("1,234.5").
 */
export function formatDecimal(value: number, lang: FormatLang, digits = 2): string {
  if (!Number.isFinite(value)) return '—';
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole, fraction = ''] = rounded
    .toFixed(digits)
    .replace(/\.?0+$/, '')
    .split('.');
  const [group, point] = lang === 'vi' ? ['.', ','] : [',', '.'];
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${value < 0 && rounded !== 0 ? '-' : ''}${grouped}${fraction ? point + fraction : ''}`;
}

/**
 * A number as typed in a form, in either language: "27,5" and "27.5" are 27.5. Thousands separators are not
 * accepted (scores and indicator values are small), so "1.234,5" is not a number. Empty or not a number: NaN.
 */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  if (!/^-?\d+([.,]\d+)?$/.test(trimmed)) return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

/** A local date kept as yyyy-mm-dd (holidays, windows) written dd/mm/yyyy; anything else comes back as it is. */
export function formatDay(ymd: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : ymd;
}

/**
 * A date as typed in a form, dd/mm/yyyy (or d/m/yyyy, with "/", "." or "-"): the local date yyyy-mm-dd, or
 * undefined when it is not a day of the calendar ("31/02/2026").
 */
export function parseDateInput(text: string): string | undefined {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}
