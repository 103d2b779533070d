// The test set-up's SeaweedFS (infra/seaweedfs-server.js) must never collide with another run on the same machine:
// with weed's default ports (and those of another weed) taken, two servers start at once, each answers S3, and each
// listens only on the ports chosen for it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const { ensureSeaweedfs } = require('../../infra/toolchain/seaweedfs') as { ensureSeaweedfs: () => Promise<string> };
const { startSeaweedfs } = require('../../infra/seaweedfs-server') as {
  startSeaweedfs: (options: { weed: string; dataDir: string }) => Promise<{
    endpoint: string;
    ports: Record<string, number>;
    pid: number;
    stop: () => Promise<void>;
  }>;
};

/** weed's own defaults: master, volume, filer, S3 and their gRPC ports (+10000), Iceberg, Lance, WebDAV, IAM, SFTP. */
const DEFAULT_PORTS = [9333, 19333, 8080, 18080, 8888, 18888, 8333, 18333, 8181, 9101, 7333, 8111, 2022];

/** The TCP ports a process listens on (Linux: its socket inodes matched against /proc/net/tcp{,6}). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9]!)) continue; // 0A: LISTEN
      ports.add(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Holds a port on 127.0.0.1 if it is free (another program, or another test run's weed, may hold it already). */
function hold(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('SeaweedFS for the tests: free ports only', () => {
  it('two servers start at once with the default ports taken, each on its own ports and no other', async () => {
    const weed = await ensureSeaweedfs();
    const held = (await Promise.all(DEFAULT_PORTS.map(hold))).filter((s): s is net.Server => s !== undefined);
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-weed-')));
    const servers: Awaited<ReturnType<typeof startSeaweedfs>>[] = [];
    try {
      servers.push(...(await Promise.all(dirs.map((dataDir) => startSeaweedfs({ weed, dataDir })))));
      const [a, b] = servers;
      expect(a!.endpoint).not.toBe(b!.endpoint);
      for (const s of servers) {
        // An S3 answer: unsigned requests are refused as S3 refuses them.
        const response = await fetch(`${s.endpoint}/`);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain('AccessDenied');
        const chosen = Object.values(s.ports).sort((x, y) => x - y);
        const listening = listeningPorts(s.pid);
        expect(listening.length).toBeGreaterThan(0);
        expect(listening.filter((port) => !chosen.includes(port))).toEqual([]);
        expect(listening.filter((port) => DEFAULT_PORTS.includes(port))).toEqual([]);
      }
      const all = servers.flatMap((s) => Object.values(s.ports));
      expect(new Set(all).size).toBe(all.length);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
