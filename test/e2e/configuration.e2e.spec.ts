import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts a built app with `env` and resolves with its exit code and output once it stops. */
function runApp(app: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js')], {
      env: { PATH: process.env.PATH!, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('configuration is validated at boot', () => {
  it.each(['api', 'worker'])('%s stops with a message naming each bad variable', async (app) => {
    const { code, output } = await runApp(app, { DATABASE_URL: 'mysql://nope', TEMPORAL_ADDRESS: 'no-port', PORT: '99999' });
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration:');
    expect(output).toMatch(/DATABASE_URL: .*postgres/);
    expect(output).toMatch(/TEMPORAL_ADDRESS: must be host:port/);
    expect(output).toMatch(/PORT: must be between 1 and 65535/);
  });
});
