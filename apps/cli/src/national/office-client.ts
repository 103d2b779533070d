import { randomUUID } from 'node:crypto';

/** What an office's HTTP call answered. */
export interface Answer<T = any> {
  readonly status: number;
  readonly body: T;
}

/** Thrown when the API answers what a step did not expect: the message names the step, the status and the body. */
export class UnexpectedAnswer extends Error {}

/**
 * The API as an office reaches it: over HTTP, each person logged in with their own account. Every write carries an
 * Idempotency-Key, as the web app's forms do, so a retried step never records twice.
 */
export class OfficeClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly baseUrl: string,
    private readonly passwords: (username: string) => string,
  ) {}

  async call<T = any>(username: string, method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.tokenOf(username)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['idempotency-key'] = `simulate-${randomUUID()}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await bodyOf(response) };
  }

  /** The call's body when it answered `status`; otherwise an error naming who did what. */
  async ok<T = any>(
    username: string,
    method: string,
    path: string,
    body?: unknown,
    status = method === 'POST' ? [200, 201] : [200],
  ): Promise<T> {
    const answer = await this.call<T>(username, method, path, body);
    if (!status.includes(answer.status))
      throw new UnexpectedAnswer(`${username}: ${method} ${path} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
    return answer.body;
  }

  /** A file sent as a browser's form sends it (multipart, field `file`). */
  async upload(username: string, path: string, bytes: Buffer, fileName: string): Promise<void> {
    const form = new FormData();
    form.append('file', new Blob([bytes]), fileName);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await this.tokenOf(username)}`, 'idempotency-key': `simulate-${randomUUID()}` },
      body: form,
    });
    if (response.status !== 201)
      throw new UnexpectedAnswer(`${username}: upload to ${path} answered ${response.status} ${JSON.stringify(await bodyOf(response))}`);
  }

  private tokenOf(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.login(username).catch((error: unknown) => {
        this.tokens.delete(username);
        throw error;
      });
      this.tokens.set(username, token);
    }
    return token;
  }

  private async login(username: string): Promise<string> {
    const response = await fetch(`${this.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: this.passwords(username) }),
    });
    const body = await bodyOf(response);
    if (response.status !== 200) throw new UnexpectedAnswer(`login of ${username} answered ${response.status} ${JSON.stringify(body)}`);
    return body.accessToken;
  }
}

async function bodyOf(response: Response): Promise<any> {
  const text = await response.text();
  return text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text || undefined;
}

/** Polls `read` until `done` holds, or fails naming `what` and the last value after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new UnexpectedAnswer(`timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
