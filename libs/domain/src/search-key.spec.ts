import { searchKey, searchKeySql, searchWords } from './search-key';

describe('searchKey: Vietnamese with or without diacritics, any case', () => {
  it.each([
    ['Chè Shan tuyết', 'che shan tuyet'],
    ['CHÈ SHAN TUYẾT', 'che shan tuyet'],
    ['che shan tuyet', 'che shan tuyet'],
    ['Rượu mận Bắc Hà', 'ruou man bac ha'],
    ['Đường phèn Đồng Văn', 'duong phen dong van'],
    ['Mật ong  hoa\tbạc hà', 'mat ong hoa bac ha'],
    ['Thổ cẩm Sa Pa', 'tho cam sa pa'],
    ['Quế Văn Bàn', 'que van ban'],
    ['LC-2021-0001', 'lc-2021-0001'],
    // Decomposed input (a combining tilde after the letter) folds like the precomposed one.
    ['Tuye\u0302\u0301t', 'tuyet'],
  ])('%s → %s', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });

  it('splits a search into folded words', () => {
    expect(searchWords('  Chè   SHAN ')).toEqual(['che', 'shan']);
    expect(searchWords('   ')).toEqual([]);
  });

  it('gives SQL whose translate table pairs every folded letter with one plain letter', () => {
    const sql = searchKeySql('x');
    const [, from, to] = /^translate\(x, '([^']*)', '([^']*)'\)$/u.exec(sql)!;
    const fromChars = [...from!];
    const toChars = [...to!];
    // The extra characters of `from` are the combining marks translate deletes.
    expect(fromChars.length - toChars.length).toBe(0x70);
    for (const [i, c] of toChars.entries()) expect(searchKey(fromChars[i]!)).toBe(c);
    expect(toChars.every((c) => /^[a-z]$/.test(c))).toBe(true);
  });
});
