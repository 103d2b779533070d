import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

describe('a whole Lào Cai cycle, scripted, on the Temporal dev server', () => {
  it('ends with the expected certificates and exactly the expected reminders, listable by stage', async () => {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), 'simulate', '--products', '27', '--year', '2021'], {
      env: {
        PATH: process.env.PATH!,
        DATABASE_URL: process.env.OCOP_E2E_DATABASE_URL!,
        TEMPORAL_ADDRESS: process.env.OCOP_E2E_TEMPORAL_ADDRESS!,
        TEMPORAL_TASK_QUEUE: process.env.OCOP_E2E_TASK_QUEUE!,
      },
      maxBuffer: 10 * 1024 * 1024,
    });
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
    const { stdout: listed } = await run(process.env.OCOP_TEMPORAL_CLI!, [
      'workflow', 'list', '--address', process.env.OCOP_E2E_TEMPORAL_ADDRESS!, '--query', `OcopStage='certified' AND OcopCycleYear=2021`, '--output', 'json',
    ], { maxBuffer: 10 * 1024 * 1024 });
    const certifiedIds = (JSON.parse(listed) as { execution: { workflowId: string } }[]).map((w) => w.execution.workflowId);
    const simulated = new Set<string>(report.workflowIds);
    expect(certifiedIds.filter((id) => simulated.has(id))).toHaveLength(15);

    // Each certificate prints, with a QR code pointing at its public verification page.
    const [first] = report.actual.certificates as string[];
    const { stdout: html } = await run(process.execPath, [path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), 'certificate', first!], {
      env: { PATH: process.env.PATH!, DATABASE_URL: process.env.OCOP_E2E_DATABASE_URL!, PUBLIC_BASE_URL: 'https://ocop.laocai.example' },
      maxBuffer: 10 * 1024 * 1024,
    });
    expect(html).toContain(first);
    expect(html).toContain(`https://ocop.laocai.example/verify/${first}`);
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).toContain('GIẤY CHỨNG NHẬN');
  }, 240_000);
});
