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

export async function request<T = any>(method: string, path: string, options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<JsonResponse<T>> {
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
