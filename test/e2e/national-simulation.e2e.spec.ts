import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { provincePrefix } from '@ocop/certificates';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

// Years no other suite opens a cycle in: the current year's role is played by 2025 (QĐ 1489/2025), and two
// provinces also run a past year on the legacy map (2023 under 148/2023, 2019 under 1048/2019).
const ARGS = ['--national', '--provinces', '3', '--per-province', '2', '--year', '2025', '--past', '2023:QD148-2023,2019:QD1048-2019'];

describe('npm run simulate -- --national, small: three provinces of the 2025 map, two products each', () => {
  it('drives every province to the central session over HTTP and finds what it expects', async () => {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), 'simulate', ...ARGS], {
      env: {
        PATH: process.env.PATH!,
        DATABASE_URL: process.env.OCOP_E2E_DATABASE_URL!,
        TEMPORAL_ADDRESS: process.env.OCOP_E2E_TEMPORAL_ADDRESS!,
        TEMPORAL_TASK_QUEUE: process.env.OCOP_E2E_TASK_QUEUE!,
        OCOP_API_URL: process.env.OCOP_E2E_API_URL!,
      },
      maxBuffer: 10 * 1024 * 1024,
    }).catch((failed: { stdout?: string; stderr?: string; message: string }) => {
      // The simulation's own account of what went wrong is its output's end: show it, not only "Command failed".
      const tail = (text = '') => text.split('\n').slice(-40).join('\n');
      throw new Error(`${failed.message}\n--- stdout ---\n${tail(failed.stdout)}\n--- stderr ---\n${tail(failed.stderr)}`);
    });
    const report = JSON.parse(stdout.slice(stdout.indexOf('{\n'), stdout.lastIndexOf('\n}') + 2));
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);

    // Hà Nội (01), Cao Bằng (04) and Tuyên Quang (08) — the first three of the 2025 map — each with its 2025 cycle
    // (opened for a year that began before the reform: the legacy map, the commune's dossier check); Cao Bằng also
    // 2023 under 148/2023 and Tuyên Quang 2019 under 1048/2019, with district councils.
    expect(report.cycles.map((c: any) => [c.provinceCode, c.year, c.ruleSet, c.map, c.areaLevel])).toEqual([
      ['01', 2025, 'QD1489-2025', 'legacy', 'commune'],
      ['04', 2025, 'QD1489-2025', 'legacy', 'commune'],
      ['04', 2023, 'QD148-2023', 'legacy', 'district'],
      ['08', 2025, 'QD1489-2025', 'legacy', 'commune'],
      ['08', 2019, 'QD1048-2019', 'legacy', 'district'],
    ]);
    // 2025: province 0 — a 5★ (its 4★ superseded) and a 4★; province 1 — a 4★ and a 3★; province 2 — a 3★ and a
    // nominee that keeps its 4★.
    const certificates = Object.fromEntries(report.cycles.map((c: any) => [`${c.provinceCode}/${c.year}`, c.certificates]));
    expect(Object.fromEntries(Object.entries(certificates).map(([k, v]) => [k, (v as string[]).length]))).toEqual({
      '01/2025': 3,
      '04/2025': 2,
      '04/2023': 2,
      '08/2025': 2,
      '08/2019': 2,
    });
    for (const cycle of report.cycles)
      for (const no of cycle.certificates) expect(no).toMatch(new RegExp(`^${provincePrefix(cycle.provinceCode)}-${cycle.year}-\\d{4}$`));

    // The 2025 central session took the nominees of two provinces.
    const central2025 = report.central.find((s: any) => s.year === 2025);
    expect(central2025.provinces).toEqual(['01', '08']);
    expect(central2025.agenda).toBe(2);
  }, 150_000);
});
