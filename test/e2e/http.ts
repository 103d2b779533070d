/** Small HTTP helpers for the end-to-end tests (Node's fetch against the real API process). */
export const apiUrl = (): string => {
  const url = process.env.OCOP_E2E_API_URL;
  if (!url) throw new Error('OCOP_E2E_API_URL is not set: run the tests through `npm test` (jest global set-up)');
  return url;
};

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = any>(
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') ?? false;
  return { status: response.status, headers: response.headers, body: text && json ? JSON.parse(text) : text || undefined };
}

export const DEMO_PASSWORD = 'ocop-demo-2021'; // libs/identity demo-users.ts
const tokens = new Map<string, string>();

/** A seeded demo user's access token (logged in once per test file). */
export async function tokenOf(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const response = await request('POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } });
  if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  tokens.set(username, response.body.accessToken);
  return response.body.accessToken;
}

/** A request made as a seeded demo user. */
export async function requestAs<T = any>(
  username: string,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  return request<T>(method, path, { ...options, headers: { authorization: `Bearer ${await tokenOf(username)}`, ...options.headers } });
}
