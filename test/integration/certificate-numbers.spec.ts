import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { dataSourceOptions } from '@ocop/persistence';
import { CertificateKeyConflictError, CertificateNumberAllocator, CertificateNumberRequest } from '@ocop/certificates';
import { openTestDatabase } from '../support/database';

const PROVINCE = 'lao-cai';

describe('certificate numbers on PostgreSQL', () => {
  let db: DataSource;
  /** A second pool, wide enough for the concurrency tests to hold many transactions open at once. */
  let wide: DataSource;
  const allocator = new CertificateNumberAllocator();
  const usedYears = new Set<number>();

  beforeAll(async () => {
    db = await openTestDatabase();
    wide = await new DataSource(
      dataSourceOptions(process.env.OCOP_TEST_DATABASE_URL!, { extra: { max: 10 }, logging: false }),
    ).initialize();
  });
  afterAll(async () => {
    await wide?.destroy();
    await db?.destroy();
  });

  /** A year (2100–2899) that no sequence of the province has used yet: the database is shared, never empty. */
  async function freshYear(): Promise<number> {
    for (;;) {
      const year = 2100 + Math.floor(Math.random() * 800);
      if (usedYears.has(year)) continue;
      usedYears.add(year);
      const taken = await db.query(`SELECT 1 FROM certificate_sequences WHERE province_code = $1 AND year = $2`, [PROVINCE, year]);
      if (taken.length === 0) return year;
    }
  }

  const key = () => `journey-${randomUUID()}`;
  const allocate = (request: CertificateNumberRequest, source: DataSource = db) =>
    source.transaction((m) => allocator.allocate(m, request));
  const lastSeq = async (year: number, province = PROVINCE): Promise<number | undefined> => {
    const [row] = await db.query(`SELECT last_seq FROM certificate_sequences WHERE province_code = $1 AND year = $2`, [province, year]);
    return row ? Number(row.last_seq) : undefined;
  };
  const storedFor = async (certificateKey: string) =>
    db.query(`SELECT certificate_no, province_code, year, seq FROM certificate_numbers WHERE certificate_key = $1`, [certificateKey]);
  /** Keeps the allocating transaction open a little, so that concurrent ones really overlap on the locks. */
  const allocateAndLinger = (m: EntityManager, request: CertificateNumberRequest) =>
    allocator.allocate(m, request).then(async (no) => {
      await m.query(`SELECT pg_sleep(0.02)`);
      return no;
    });

  it('gives a fresh (province, year) consecutive numbers from 0001, and records them', async () => {
    const year = await freshYear();
    const keys = [key(), key(), key()];
    const numbers: string[] = [];
    for (const k of keys) numbers.push(await allocate({ certificateKey: k, provinceCode: PROVINCE, year }));
    expect(numbers).toEqual([`LC-${year}-0001`, `LC-${year}-0002`, `LC-${year}-0003`]);
    expect(await lastSeq(year)).toBe(3);
    expect(await storedFor(keys[1]!)).toEqual([{ certificate_no: `LC-${year}-0002`, province_code: PROVINCE, year, seq: 2 }]);
  });

  it('gives the same key the same number again without advancing the sequence', async () => {
    const year = await freshYear();
    const k = key();
    const first = await allocate({ certificateKey: k, provinceCode: PROVINCE, year });
    const again = await allocate({ certificateKey: k, provinceCode: PROVINCE, year });
    const inOneTransaction = await db.transaction(async (m) => [
      await allocator.allocate(m, { certificateKey: k, provinceCode: PROVINCE, year }),
      await allocator.allocate(m, { certificateKey: k, provinceCode: PROVINCE, year }),
    ]);
    expect(first).toBe(`LC-${year}-0001`);
    expect(again).toBe(first);
    expect(inOneTransaction).toEqual([first, first]);
    expect(await lastSeq(year)).toBe(1);
    expect(await allocate({ certificateKey: key(), provinceCode: PROVINCE, year })).toBe(`LC-${year}-0002`);
  });

  it('keeps one sequence per year and per province', async () => {
    const [yearA, yearB] = [await freshYear(), await freshYear()];
    const otherProvince = `zz-test-${randomUUID()}`; // another province's counter, written directly: only Lào Cai has a prefix
    await db.query(`INSERT INTO certificate_sequences (province_code, year, last_seq) VALUES ($1, $2, 41)`, [otherProvince, yearA]);
    expect(await allocate({ certificateKey: key(), provinceCode: PROVINCE, year: yearA })).toBe(`LC-${yearA}-0001`);
    expect(await allocate({ certificateKey: key(), provinceCode: PROVINCE, year: yearB })).toBe(`LC-${yearB}-0001`);
    expect(await allocate({ certificateKey: key(), provinceCode: PROVINCE, year: yearA })).toBe(`LC-${yearA}-0002`);
    expect(await lastSeq(yearA, otherProvince)).toBe(41);
    expect(await lastSeq(yearB)).toBe(1);
  });

  it('gives 20 concurrent allocations 20 distinct numbers 1..20 with no gaps', async () => {
    const year = await freshYear();
    const keys = Array.from({ length: 20 }, key);
    const numbers = await Promise.all(
      keys.map((k) => wide.transaction((m) => allocateAndLinger(m, { certificateKey: k, provinceCode: PROVINCE, year }))),
    );
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `LC-${year}-${String(i + 1).padStart(4, '0')}`));
    expect(await lastSeq(year)).toBe(20);
    const rows: { certificate_key: string; certificate_no: string }[] = await db.query(
      `SELECT certificate_key, certificate_no FROM certificate_numbers WHERE province_code = $1 AND year = $2`,
      [PROVINCE, year],
    );
    expect(Object.fromEntries(rows.map((r) => [r.certificate_key, r.certificate_no]))).toEqual(
      Object.fromEntries(keys.map((k, i) => [k, numbers[i]])),
    );
  });

  it('gives concurrent allocations for one key one number, and advances the sequence once', async () => {
    const year = await freshYear();
    const k = key();
    const numbers = await Promise.all(
      Array.from({ length: 8 }, () => wide.transaction((m) => allocateAndLinger(m, { certificateKey: k, provinceCode: PROVINCE, year }))),
    );
    expect(new Set(numbers)).toEqual(new Set([`LC-${year}-0001`]));
    expect(await lastSeq(year)).toBe(1);
    expect(await storedFor(k)).toHaveLength(1);
  });

  it('gives one number to a key raced by transactions that mostly roll back', async () => {
    const year = await freshYear();
    const k = key();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        wide.transaction(async (m) => {
          const no = await allocateAndLinger(m, { certificateKey: k, provinceCode: PROVINCE, year });
          if (i % 2 === 0) throw new Error(`attempt ${i} fails after allocating ${no}`);
          return no;
        }),
      ),
    );
    const committed = outcomes.filter((o): o is PromiseFulfilledResult<string> => o.status === 'fulfilled').map((o) => o.value);
    expect(committed).toHaveLength(3);
    expect(new Set(committed)).toEqual(new Set([`LC-${year}-0001`]));
    expect(await lastSeq(year)).toBe(1);
  });

  it('takes back the number of a transaction that rolled back: the next allocation reuses it, leaving no gap', async () => {
    const year = await freshYear();
    expect(await allocate({ certificateKey: key(), provinceCode: PROVINCE, year })).toBe(`LC-${year}-0001`);

    const rolledBackKey = key();
    let allocatedThenRolledBack: string | undefined;
    await expect(
      db.transaction(async (m) => {
        allocatedThenRolledBack = await allocator.allocate(m, { certificateKey: rolledBackKey, provinceCode: PROVINCE, year });
        throw new Error('the activity failed after allocating');
      }),
    ).rejects.toThrow('the activity failed after allocating');
    expect(allocatedThenRolledBack).toBe(`LC-${year}-0002`);
    expect(await storedFor(rolledBackKey)).toEqual([]);
    expect(await lastSeq(year)).toBe(1);

    expect(await allocate({ certificateKey: key(), provinceCode: PROVINCE, year })).toBe(`LC-${year}-0002`);
    // The retried activity gets the next free number, not the one it briefly held.
    expect(await allocate({ certificateKey: rolledBackKey, provinceCode: PROVINCE, year })).toBe(`LC-${year}-0003`);
  });

  it('refuses a key that already holds a number for another year, without advancing either sequence', async () => {
    const [year, otherYear] = [await freshYear(), await freshYear()];
    const k = key();
    const no = await allocate({ certificateKey: k, provinceCode: PROVINCE, year });
    const error = await allocate({ certificateKey: k, provinceCode: PROVINCE, year: otherYear }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateKeyConflictError);
    expect(error).toMatchObject({
      certificateKey: k,
      stored: { certificateNo: no, provinceCode: PROVINCE, year },
      requested: { year: otherYear },
    });
    expect(await lastSeq(year)).toBe(1);
    expect(await lastSeq(otherYear)).toBeUndefined();
  });

  it('refuses an unknown province, a bad year or an empty key before writing anything', async () => {
    const year = await freshYear();
    await expect(allocate({ certificateKey: key(), provinceCode: 'ha-noi', year })).rejects.toThrow(/Unknown province.*"ha-noi"/);
    await expect(allocate({ certificateKey: key(), provinceCode: PROVINCE, year: 99 })).rejects.toThrow(/year must be an integer/);
    await expect(allocate({ certificateKey: ' ', provinceCode: PROVINCE, year })).rejects.toThrow(/certificate key is required/);
    expect(await lastSeq(year)).toBeUndefined();
    expect(Number((await db.query(`SELECT count(*) AS n FROM certificate_sequences WHERE province_code = 'ha-noi'`))[0].n)).toBe(0);
  });

  it('refuses to allocate outside a transaction', async () => {
    const year = await freshYear();
    await expect(allocator.allocate(db.manager, { certificateKey: key(), provinceCode: PROVINCE, year })).rejects.toThrow(
      /inside a transaction/,
    );
    expect(await lastSeq(year)).toBeUndefined();
  });

  it('has its tables with named constraints, and the database refuses a second holder of a number', async () => {
    const constraints: { conname: string }[] = await db.query(
      `SELECT conname FROM pg_constraint WHERE conrelid IN ('certificate_numbers'::regclass, 'certificate_sequences'::regclass)`,
    );
    expect(constraints.map((c) => c.conname)).toEqual(
      expect.arrayContaining([
        'pk_certificate_sequences',
        'pk_certificate_numbers',
        'uq_certificate_numbers_certificate_no',
        'uq_certificate_numbers_province_year_seq',
      ]),
    );
    const [allocatedAt] = await db.query(
      `SELECT data_type FROM information_schema.columns WHERE table_name = 'certificate_numbers' AND column_name = 'allocated_at'`,
    );
    expect(allocatedAt).toEqual({ data_type: 'timestamp with time zone' });

    const year = await freshYear();
    const no = await allocate({ certificateKey: key(), provinceCode: PROVINCE, year });
    await expect(
      db.query(`INSERT INTO certificate_numbers (certificate_key, certificate_no, province_code, year, seq) VALUES ($1, $2, $3, $4, 99)`, [
        key(),
        no,
        PROVINCE,
        year,
      ]),
    ).rejects.toThrow(/uq_certificate_numbers_certificate_no/);
  });
});
