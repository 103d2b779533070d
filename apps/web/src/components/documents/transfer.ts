// Uploads with progress (XMLHttpRequest reports upload progress; fetch does not), short-lived links, and report
// downloads that carry the login token (a plain link cannot): all same-origin, no inline script.
import { ApiError, get, tokenStore, type ApiErrorBody } from '../../api';

export interface DocumentItem {
  id: string;
  productId: string;
  kind: string;
  kindName: { vi: string; en: string };
  subjectId?: string;
  sha256: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface DocumentList {
  items: DocumentItem[];
  checklist: { kind: string; vi: string; en: string; present: boolean }[];
  complete: boolean;
  totalBytes: number;
  maxFileBytes: number;
  maxDossierBytes: number;
}

/** Sends one file as multipart/form-data; `onProgress` gets 0…1 as the bytes leave the phone. */
export function uploadDocument(
  productId: string,
  kind: string,
  file: File,
  options: { replaces?: string; subjectId?: string },
  onProgress: (fraction: number) => void,
): Promise<DocumentItem> {
  const params = new URLSearchParams({
    kind,
    ...(options.replaces ? { replaces: options.replaces } : {}),
    ...(options.subjectId ? { subjectId: options.subjectId } : {}),
  });
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/products/${productId}/documents?${params.toString()}`);
    const token = tokenStore.get();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as DocumentItem);
      } else {
        reject(
          new ApiError(
            body && typeof body === 'object' && 'code' in body
              ? (body as ApiErrorBody)
              : {
                  statusCode: xhr.status,
                  code: xhr.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED',
                  message: { vi: 'Tải lên không thành công', en: 'Upload failed' },
                },
          ),
        );
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          statusCode: 0,
          code: 'INTERNAL',
          message: { vi: 'Mất kết nối khi tải lên', en: 'The connection dropped during the upload' },
        }),
      );
    xhr.send(form);
  });
}

/** A short-lived URL that opens the document (a presigned S3 URL, or the API's signed link). */
export async function documentLink(productId: string, documentId: string, sameOrigin = false): Promise<string> {
  return (await get<{ url: string }>(`/products/${productId}/documents/${documentId}/link${sameOrigin ? '?via=api' : ''}`)).url;
}

/** Downloads a report the API generates (XLSX, CSV, printable HTML) with the login token, and saves it. */
export async function downloadReport(path: string, fallbackName: string): Promise<void> {
  const token = tokenStore.get();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as ApiErrorBody | undefined;
    throw new ApiError(
      body?.code
        ? body
        : {
            statusCode: response.status,
            code: 'INTERNAL',
            message: { vi: 'Không tải được báo cáo', en: 'The report could not be downloaded' },
          },
    );
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = named ? decodeURIComponent(named) : fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
