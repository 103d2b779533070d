// The public HTTP API, as the web app calls it: same origin, the token from the login, errors as typed values.

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: { vi: string; en: string };
  errors?: { field: string; rule: string; message: string }[];
  details?: Record<string, unknown>;
}

/** A refused request: the API's stable code, its bilingual message, and the fields that broke a rule. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(`${body.code}: ${body.message?.en ?? ''}`);
  }
  get code(): string {
    return this.body.code;
  }
  get status(): number {
    return this.body.statusCode;
  }
}

const TOKEN_KEY = 'ocop.token';
let onUnauthenticated: (() => void) | undefined;

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** Called when the API answers 401 (expired token): the app goes back to the login screen. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  body?: unknown,
  options: { idempotencyKey?: string; anonymous?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = tokenStore.get();
  if (token && !options.anonymous) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // Every POST from a form carries a key, so a double click or a retried request changes nothing twice.
  if (method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    // No answer at all (network down, server restarting): a coded error like the API's own, in both languages.
    throw new ApiError({
      statusCode: 0,
      code: 'SERVER_UNREACHABLE',
      message: { vi: 'Không kết nối được máy chủ. Hãy thử lại sau giây lát.', en: 'The server cannot be reached. Try again in a moment.' },
    });
  }
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = new ApiError(
      parsed && typeof parsed === 'object' && 'code' in parsed
        ? (parsed as ApiErrorBody)
        : {
            statusCode: response.status,
            code: response.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED',
            message: { vi: 'Lỗi không xác định', en: 'Unexpected error' },
          },
    );
    if (response.status === 401 && !options.anonymous) onUnauthenticated?.();
    throw error;
  }
  return parsed as T;
}

export const get = <T>(path: string, options?: { anonymous?: boolean }) => api<T>('GET', path, undefined, options);
export const post = <T>(path: string, body: unknown, options?: { idempotencyKey?: string }) => api<T>('POST', path, body, options);
/** PUT and PATCH state what a thing is to become: sent again, they change nothing more (no key needed). */
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

/** A query string from the defined values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
