// Searching Vietnamese names as people type them: with or without diacritics ("che shan tuyet" finds "Chè Shan
// tuyết"), any case. The words are folded here, and the searched columns by the SQL form of the same fold as the
// query reads them.

/** Letters with diacritics that fold to a plain Latin letter, and where they go (Latin-1 … Latin Extended Additional). */
function foldTable(): { from: string; to: string } {
  let from = 'Đđ' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let to = 'dd' + 'abcdefghijklmnopqrstuvwxyz';
  const ranges: [number, number][] = [
    [0x00c0, 0x024f],
    [0x1e00, 0x1eff],
  ];
  for (const [start, end] of ranges) {
    for (let code = start; code <= end; code += 1) {
      const char = String.fromCodePoint(code);
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      if (base !== char && /^[A-Za-z]$/.test(base)) {
        from += char;
        to += base.toLowerCase();
      }
    }
  }
  return { from, to };
}

const TABLE = foldTable();
const FOLD = new Map([...TABLE.from].map((char, i) => [char, TABLE.to[i]!]));

/** Lower case, no diacritics, đ → d, runs of white space as one space: "Chè  Shan Tuyết" → "che shan tuyet". */
export function searchKey(text: string): string {
  return [...text.normalize('NFC')]
    .map((char) => FOLD.get(char) ?? char)
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a search, folded: each must occur in the searched text. */
export const searchWords = (query: string): string[] => searchKey(query).split(' ').filter(Boolean);

/**
 * The SQL of the same fold over an expression: `translate` maps each letter with a diacritic (and A–Z) to its plain
 * lower-case letter and deletes stray combining marks; it needs no extension (`unaccent` is not installed on every
 * managed PostgreSQL) and no locale.
 */
export function searchKeySql(expression: string): string {
  const marks = Array.from({ length: 0x70 }, (_, i) => String.fromCodePoint(0x300 + i)).join('');
  return `translate(${expression}, '${TABLE.from}${marks}', '${TABLE.to}')`;
}

/** `text LIKE pattern` safe: % _ and \ of the user's words are literal. */
export const likeEscape = (word: string): string => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A search as LIKE patterns, one per word (every one must match): `$n::text[]` of a query. */
export const searchPatterns = (query: string | undefined): string[] => searchWords(query ?? '').map((word) => `%${likeEscape(word)}%`);
