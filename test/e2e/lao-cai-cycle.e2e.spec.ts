import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatDecimal, localDateKey } from '@ocop/domain';
import { openTestDatabase } from '../support/database';
import { pdfText } from '../support/pdf-text';
import { apiUrl, requestAs, tokenOf } from './http';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

describe('a whole Lào Cai cycle, scripted, on the Temporal dev server', () => {
  it('ends with the expected certificates and exactly the expected reminders, listable by stage', async () => {
    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), 'simulate', '--products', '27', '--year', '2021'],
      {
        env: {
          PATH: process.env.PATH!,
          DATABASE_URL: process.env.OCOP_E2E_DATABASE_URL!,
          TEMPORAL_ADDRESS: process.env.OCOP_E2E_TEMPORAL_ADDRESS!,
          TEMPORAL_TASK_QUEUE: process.env.OCOP_E2E_TASK_QUEUE!,
        },
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    const report = JSON.parse(stdout.slice(stdout.indexOf('{\n'), stdout.lastIndexOf('\n}') + 2));
    expect(report.actual.byStage).toEqual(report.expected.byStage);
    expect(report.expected.byStage).toEqual({ certified: 15, rejected: 3, not_qualified: 3, withdrawn: 3, failed_lab_test: 3 });
    expect(report.actual.reminders).toBe(9);
    // 15 certified products, one of them 5★: its provincial 4★ certificate (as a nominee) and the centre's 5★.
    expect(report.actual.outbox).toEqual({ 'certificate-issued': 16, 'deadline-missed': 6, 'deadline-reminder': 6 });
    expect(report.actual.certificates).toHaveLength(16);
    for (const no of report.actual.certificates) expect(no).toMatch(/^LC-2021-\d{4}$/);
    expect(report.ok).toBe(true);

    // Temporal itself lists the journeys by stage (search attributes), as a coordinator would in the Web UI.
    const { stdout: listed } = await run(
      process.env.OCOP_TEMPORAL_CLI!,
      [
        'workflow',
        'list',
        '--address',
        process.env.OCOP_E2E_TEMPORAL_ADDRESS!,
        '--query',
        `OcopStage='certified' AND OcopCycleYear=2021`,
        '--output',
        'json',
      ],
      { maxBuffer: 10 * 1024 * 1024 },
    );
    const certifiedIds = (JSON.parse(listed) as { execution: { workflowId: string } }[]).map((w) => w.execution.workflowId);
    const simulated = new Set<string>(report.workflowIds);
    expect(certifiedIds.filter((id) => simulated.has(id))).toHaveLength(15);

    // Each certificate prints, with a QR code pointing at its public verification page.
    const [first] = report.actual.certificates as string[];
    const { stdout: html } = await run(
      process.execPath,
      [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), 'certificate', first!],
      {
        env: { PATH: process.env.PATH!, DATABASE_URL: process.env.OCOP_E2E_DATABASE_URL!, PUBLIC_BASE_URL: 'https://ocop.laocai.example' },
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    expect(html).toContain(first);
    expect(html).toContain(`https://ocop.laocai.example/verify/${first}`);
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).toContain('GIẤY CHỨNG NHẬN');

    await theOfficesPaperworkMatches();
  }, 300_000);

  /** A coordinator's download (binary), as the web app's buttons fetch it. */
  async function download(
    path: string,
    username = 'tinh.laocai',
  ): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
    const response = await fetch(`${apiUrl()}${path}`, { headers: { authorization: `Bearer ${await tokenOf(username)}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /**
   * The office's documents of the simulated cycle, generated from the log: the progress workbook opened with exceljs
   * (and the CSV) hold the progress endpoint's numbers; each session's minutes list every member's total for every
   * product; the recognition list holds the products the provincial session recognised.
   */
  async function theOfficesPaperworkMatches(): Promise<void> {
    const progress = (await requestAs('tinh.laocai', 'GET', '/cycles/lao-cai/2021/progress')).body;
    expect(progress.totals.byStage.certified).toBeGreaterThanOrEqual(15);

    const xlsx = await download('/cycles/lao-cai/2021/progress/xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    expect(xlsx.disposition).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cellsSheet = book.getWorksheet('Giai doan x huyen x nhom')!;
    const cells: { stage: string; districtCode: string; productGroup: string; products: number }[] = [];
    cellsSheet.eachRow((row, n) => {
      const text = (column: number) => String(row.getCell(column).value);
      if (n > 1) cells.push({ stage: text(2), districtCode: text(4), productGroup: text(6), products: Number(row.getCell(7).value) });
    });
    expect(cells).toEqual(progress.byStageDistrictGroup);
    const summary = book.getWorksheet('Tong hop')!;
    const valueOf = (label: RegExp) => {
      let found: unknown;
      summary.eachRow((row) => {
        if (found === undefined && label.test(String(row.getCell(1).value))) found = row.getCell(2).value;
      });
      return found;
    };
    expect(valueOf(/^Tổng số sản phẩm/)).toBe(progress.totals.products);
    for (const [stage, count] of Object.entries(progress.totals.byStage)) expect(valueOf(new RegExp(`\\(${stage}\\)$`))).toBe(count);
    for (const stars of ['3', '4', '5']) expect(valueOf(new RegExp(`^${stars} sao`))).toBe(progress.stars[stars]);
    expect(valueOf(/^Đã chứng nhận/)).toBe(progress.certified);
    expect(valueOf(/^Sản phẩm OCOP mới/)).toBe(progress.targets.newCertifiedProducts.target);
    expect(valueOf(/^Quá hạn/)).toBe(progress.overdue.total);

    // As of today (asOf, replayed from the event log): the same numbers; a future day, a day before the cycle was
    // opened (the simulation opened it today) or no date at all are refused, naming asOf.
    const today = localDateKey(new Date());
    const replayed = (await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/2021/progress?asOf=${today}`)).body;
    expect(replayed.asOfDate).toBe(today);
    expect(replayed.byStageDistrictGroup).toEqual(progress.byStageDistrictGroup);
    expect([replayed.totals, replayed.stars, replayed.certified, replayed.targets]).toEqual([
      progress.totals,
      progress.stars,
      progress.certified,
      progress.targets,
    ]);
    const todaysBook = await download(`/cycles/lao-cai/2021/progress/xlsx?asOf=${today}`);
    expect(todaysBook.disposition).toContain(`ngay-${today}`);
    const replayedBook = new ExcelJS.Workbook();
    await replayedBook.xlsx.load(todaysBook.bytes as unknown as ArrayBuffer);
    const replayedCells: typeof cells = [];
    replayedBook.getWorksheet('Giai doan x huyen x nhom')!.eachRow((row, n) => {
      if (n > 1)
        replayedCells.push({
          stage: String(row.getCell(2).value),
          districtCode: String(row.getCell(4).value),
          productGroup: String(row.getCell(6).value),
          products: Number(row.getCell(7).value),
        });
    });
    expect(replayedCells).toEqual(progress.byStageDistrictGroup);
    expect(String(replayedBook.getWorksheet('Tong hop')!.getRow(2).getCell(1).value)).toContain(
      `Tính đến hết ngày ${today.split('-').reverse().join('/')}`,
    );
    const yesterday = localDateKey(Date.now() - 86_400_000);
    for (const [asOf, rule] of [
      ['2999-01-01', 'notInFuture'],
      [yesterday, 'notBeforeCycle'],
      ['2021-02-30', 'isDate'],
      ['20/06/2021', 'matches'],
    ]) {
      for (const route of ['progress', 'progress/xlsx', 'progress/csv']) {
        const refused = await requestAs('tinh.laocai', 'GET', `/cycles/lao-cai/2021/${route}?asOf=${encodeURIComponent(asOf!)}`);
        expect({ asOf, route, status: refused.status }).toEqual({ asOf, route, status: 400 });
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'asOf', rule })]);
      }
    }

    const csv = await download('/cycles/lao-cai/2021/progress/csv');
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('stage,stage_vi,district_code,district_vi,product_group,product_group_vi,products');
    expect(
      lines.slice(1).map((l) => {
        const f = l.split(',');
        return { stage: f[0], districtCode: f[2], productGroup: f[4], products: Number(f.at(-1)) };
      }),
    ).toEqual(progress.byStageDistrictGroup);

    // Every closed session of the cycle: the minutes name every member and every member's total for every product.
    const db = await openTestDatabase(process.env.OCOP_E2E_DATABASE_URL);
    try {
      const sessions: { session_id: string; level: string }[] = await db.query(
        `SELECT session_id, level FROM sessions WHERE cycle_year = 2021 AND province_code = 'lao-cai' AND status = 'closed' ORDER BY session_id`,
      );
      expect(sessions.length).toBeGreaterThan(0);
      for (const { session_id: sessionId } of sessions) {
        const minutes = await download(`/sessions/${encodeURIComponent(sessionId)}/minutes`, 'admin');
        expect(minutes.status).toBe(200);
        const page = minutes.bytes.toString('utf8');
        expect(page).toContain('BIÊN BẢN HỌP HỘI ĐỒNG');
        const cards: { product_id: string; member_id: string; total: number }[] = await db.query(
          `SELECT DISTINCT ON (payload->>'productId', payload->>'memberId') payload->>'productId' AS product_id, payload->>'memberId' AS member_id, (payload->>'total')::float AS total
             FROM events WHERE stream_id = $1 AND type IN ('ScorecardSubmitted', 'ScorecardRevised') ORDER BY payload->>'productId', payload->>'memberId', stream_seq DESC`,
          [`session:${sessionId}`],
        );
        expect(cards.length).toBeGreaterThan(0);
        for (const card of cards) {
          const section = page.slice(page.indexOf(`data-product="${card.product_id}"`));
          const row = section.slice(
            section.indexOf(`data-member="${card.member_id}"`),
            section.indexOf('</tr>', section.indexOf(`data-member="${card.member_id}"`)),
          );
          expect(row).toContain(`<td class="num total">${card.total.toFixed(2).replace(/\.?0+$/, '')}</td>`);
        }

        // The same minutes as a PDF, opened by a PDF reader: under each product's heading, a row per member with its total.
        const pdf = await download(`/sessions/${encodeURIComponent(sessionId)}/minutes/pdf`, 'tinh.laocai');
        expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
        expect(pdf.disposition).toContain(`bien-ban-${sessionId}.pdf`);
        const read = await pdfText(pdf.bytes);
        const text = read.lines.map((l) => l.join(' '));
        expect(text.join(' ')).toContain('BIÊN BẢN HỌP HỘI ĐỒNG');
        const [{ members }]: { members: { memberId: string; name: string }[] }[] = await db.query(
          `SELECT payload->'members' AS members FROM events WHERE stream_id = $1 AND type = 'SessionOpened'`,
          [`session:${sessionId}`],
        );
        const named: { product_id: string; name: string }[] = await db.query(
          `SELECT product_id, name FROM products WHERE product_id = ANY($1::uuid[]) AND cycle_year = 2021`,
          [[...new Set(cards.map((c) => c.product_id))]],
        );
        for (const card of cards) {
          const productName = named.find((p) => p.product_id === card.product_id)!.name;
          const heading = text.findIndex((l) => /^\d+\. /.test(l) && l.endsWith(productName));
          expect({ productName, found: heading >= 0 }).toEqual({ productName, found: true });
          const after = text.findIndex((l, i) => i > heading && /^\d+\. /.test(l));
          const rows = read.lines.slice(heading, after < 0 ? undefined : after);
          const member = members.find((m) => m.memberId === card.member_id)!;
          expect(rows).toContainEqual(expect.arrayContaining([member.name, formatDecimal(card.total, 'vi', 2)]));
        }
      }
      const [province] = sessions.filter((s) => s.level === 'province');
      const recognised: { product_id: string }[] = await db.query(
        `SELECT DISTINCT payload->>'productId' AS product_id FROM events WHERE stream_id = $1 AND type = 'ProductScored' AND (payload->>'mean')::float >= 50`,
        [`session:${province!.session_id}`],
      );
      const annex = await download(`/sessions/${encodeURIComponent(province!.session_id)}/recognition-list/xlsx`);
      const annexBook = new ExcelJS.Workbook();
      await annexBook.xlsx.load(annex.bytes as unknown as ArrayBuffer);
      const listed: string[] = [];
      annexBook.worksheets[0]!.eachRow((row, n) => {
        if (n > 4) listed.push(String(row.getCell(9).value));
      });
      expect(listed.sort()).toEqual(recognised.map((r) => r.product_id).sort());
      const printable = await download(`/sessions/${encodeURIComponent(province!.session_id)}/recognition-list`);
      for (const id of listed) expect(printable.bytes.toString('utf8')).toContain(`data-product="${id}"`);
    } finally {
      await db.destroy();
    }
  }
});
