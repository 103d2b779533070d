import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, webUrl } from '../../support/browser';
import { tokenOf } from '../http';

// Fast on a provincial 3G phone: responses are compressed, hashed assets cached for a year as immutable, source maps
// never served, and the first load of the producer's workspace and of the public verify screen stays small. The
// figures are bytes on the wire as Chromium counts them (headers included, after brotli), on an empty cache.

const WORKSPACE_BUDGET = 150 * 1024;
const VERIFY_BUDGET = 100 * 1024;

/** Bytes Chromium received for everything the screen loaded: until it shows `ready` and the network stays quiet for 1 s. */
async function transferred(page: Page, url: string, ready: () => Promise<unknown>): Promise<{ bytes: number; requests: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  await page.goto(url);
  await ready();
  for (let seen = -1; seen !== requests;) {
    seen = requests;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await cdp.detach();
  return { bytes, requests };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

describe('web: first-load size, compression and caching', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads the producer workspace within 150 kB and the verify screen within 100 kB, and prints both', async () => {
    const producer = await openPage(browser, { phone: true });
    await producer.context.addInitScript(`localStorage.setItem('ocop.token', ${JSON.stringify(await tokenOf('htx.bacha'))})`);
    const workspace = await transferred(producer.page, webUrl('/workspace'), () => producer.page.getByTestId('new-idea').waitFor());

    const shopper = await openPage(browser, { phone: true });
    const verify = await transferred(shopper.page, webUrl('/verify'), () => shopper.page.getByRole('heading', { level: 1 }).waitFor());

    console.log(
      `First load, empty cache, compressed:\n  producer workspace ${kB(workspace.bytes)} in ${workspace.requests} requests (budget ${kB(WORKSPACE_BUDGET)})\n  verify screen ${kB(verify.bytes)} in ${verify.requests} requests (budget ${kB(VERIFY_BUDGET)})`,
    );
    expect(workspace.bytes).toBeLessThanOrEqual(WORKSPACE_BUDGET);
    expect(verify.bytes).toBeLessThanOrEqual(VERIFY_BUDGET);
    expect(producer.errors).toEqual([]);
    expect(shopper.errors).toEqual([]);
    await producer.context.close();
    await shopper.context.close();
  }, 60_000);

  it('compresses with brotli or gzip, caches hashed assets as immutable and serves no source map', async () => {
    // index.html is revalidated (it names the current assets); a small page is not worth compressing.
    const index = await fetch(webUrl('/'), { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${process.env.OCOP_E2E_API_URL}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('br');
    const gzipped = await fetch(`${process.env.OCOP_E2E_API_URL}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const code = await asset.text();
    expect(code).not.toMatch(/sourceMappingURL/);
    expect((await fetch(`${process.env.OCOP_E2E_API_URL}${script}.map`)).status).toBe(404);
    const json = await fetch(`${process.env.OCOP_E2E_API_URL}/docs/openapi.json`, { headers: { 'accept-encoding': 'br' } });
    expect(json.headers.get('content-encoding')).toBe('br');
  });
});
