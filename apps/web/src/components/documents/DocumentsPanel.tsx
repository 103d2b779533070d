// A product's documents: the checklist its rule set asks for, the list with previews (images inline, PDFs and the
// rest open in the browser by a short-lived link), and — where the caller may — upload by file picker, camera or
// drag-and-drop with a progress bar, replace and remove.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ErrorBanner, Loading } from '../common';
import { ApiError, tokenStore } from '../../api';
import { useGet } from '../../hooks';
import { useI18n, useTexts } from '../../i18n';
import { documentLink, formatBytes, uploadDocument, type DocumentItem, type DocumentList } from './transfer';
import { DOCUMENT_TEXTS, fill } from './texts';
import './documents.css';

export interface DocumentsPanelProps {
  productId: string;
  /** Kinds the caller may attach here (empty: read-only). */
  kinds?: readonly { code: string; vi: string; en: string }[];
  /** Only documents of these kinds are listed (default: all). */
  show?: readonly string[];
  /** What the attached documents belong to (a lab request, an inspection). */
  subjectId?: string;
  /** Whether the checklist is shown (the producer's dossier, the council's view). */
  checklist?: boolean;
  title?: string;
  onChange?: (list: DocumentList) => void;
}

const ACCEPT =
  'application/pdf,image/jpeg,image/png,image/webp,.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function DocumentsPanel({ productId, kinds = [], show, subjectId, checklist = false, title, onChange }: DocumentsPanelProps) {
  const T = useTexts(DOCUMENT_TEXTS);
  const { lang, dateTime, errorText } = useI18n();
  const { data, error, loading, reload } = useGet<DocumentList>(`/products/${productId}/documents`);
  const [kind, setKind] = useState(kinds[0]?.code ?? '');
  const [progress, setProgress] = useState<{ name: string; fraction: number }>();
  const [message, setMessage] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [dragging, setDragging] = useState(false);
  const [replacing, setReplacing] = useState<DocumentItem>();
  const input = useRef<HTMLInputElement>(null);
  const editable = kinds.length > 0;

  useEffect(() => {
    if (data) onChange?.(data);
  }, [data, onChange]);

  const send = async (file: File) => {
    setMessage(undefined);
    setFailure(undefined);
    setProgress({ name: file.name, fraction: 0 });
    try {
      const target = replacing?.kind ?? kind;
      await uploadDocument(
        productId,
        target,
        file,
        { ...(replacing ? { replaces: replacing.id } : {}), ...(subjectId ? { subjectId } : {}) },
        (fraction) => setProgress({ name: file.name, fraction }),
      );
      setMessage(fill(T.uploaded, { name: file.name }));
      setReplacing(undefined);
      await reload();
    } catch (e) {
      setFailure(e);
    } finally {
      setProgress(undefined);
      if (input.current) input.current.value = '';
    }
  };

  const remove = async (doc: DocumentItem) => {
    if (!window.confirm(fill(T.confirmRemove, { name: doc.fileName }))) return;
    setFailure(undefined);
    try {
      const token = tokenStore.get();
      const response = await fetch(`/products/${productId}/documents/${doc.id}`, {
        method: 'DELETE',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) {
        const body = await response.json().catch(() => undefined);
        throw body?.code ? new ApiError(body) : new Error(String(response.status));
      }
      setMessage(fill(T.removed, { name: doc.fileName }));
      await reload();
    } catch (e) {
      setFailure(e);
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void send(file);
  };

  if (loading && !data) return <Loading />;
  const items = (data?.items ?? []).filter((d) => !show || show.includes(d.kind));
  const missing = data?.checklist.filter((c) => !c.present) ?? [];
  return (
    <section className="docs" aria-label={title ?? T.title} data-testid="documents">
      <h3 className="docs-title">{title ?? T.title}</h3>
      <ErrorBanner error={error} />
      {checklist && data && data.checklist.length > 0 && (
        <div className="docs-checklist" data-testid="checklist" data-complete={data.complete ? 'true' : 'false'}>
          <p className={data.complete ? 'success' : 'docs-warn'}>
            {data.complete ? T.complete : fill(T.incomplete, { count: missing.length })}
          </p>
          <ul>
            {data.checklist.map((c) => (
              <li key={c.kind} data-kind={c.kind} data-present={c.present ? 'true' : 'false'}>
                <span aria-hidden="true">{c.present ? '✓' : '○'}</span> {lang === 'vi' ? c.vi : c.en}{' '}
                <span className="muted">({c.present ? T.present : T.missing})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {items.length === 0 ? (
        <p className="muted">{T.none}</p>
      ) : (
        <ul className="docs-list">
          {items.map((doc) => (
            <DocumentRow
              key={doc.id}
              productId={productId}
              doc={doc}
              when={dateTime(doc.uploadedAt)}
              editable={editable && kinds.some((k) => k.code === doc.kind)}
              onReplace={() => {
                setReplacing(doc);
                input.current?.click();
              }}
              onRemove={() => void remove(doc)}
            />
          ))}
        </ul>
      )}
      {editable && (
        <div
          className={`docs-drop${dragging ? ' docs-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
          data-testid="drop-zone"
        >
          {kinds.length > 1 && (
            <label className="docs-kind">
              {T.kind}
              <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="document-kind" disabled={!!progress}>
                {kinds.map((k) => (
                  <option key={k.code} value={k.code}>
                    {lang === 'vi' ? k.vi : k.en}
                    {missing.some((m) => m.kind === k.code) ? ' *' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          <p className="muted docs-drop-hint">{T.dropHere}</p>
          <label className="button docs-pick">
            {T.chooseFile}
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])}
              disabled={!!progress}
              data-testid="document-file"
            />
          </label>
          {data && (
            <p className="muted docs-limits">
              {fill(T.limits, {
                file: formatBytes(data.maxFileBytes),
                dossier: formatBytes(data.maxDossierBytes),
                used: formatBytes(data.totalBytes),
              })}
            </p>
          )}
        </div>
      )}
      {progress && (
        <div className="docs-progress" role="status" data-testid="upload-progress">
          {fill(T.uploading, { name: progress.name })}
          <progress max={1} value={progress.fraction} />
        </div>
      )}
      {message && (
        <p className="success" role="status" data-testid="document-message">
          {message}
        </p>
      )}
      {failure !== undefined && (
        <p className="error" role="alert" data-testid="document-error">
          {errorText(failure)}
        </p>
      )}
    </section>
  );
}

function DocumentRow({
  productId,
  doc,
  when,
  editable,
  onReplace,
  onRemove,
}: {
  productId: string;
  doc: DocumentItem;
  when: string;
  editable: boolean;
  onReplace: () => void;
  onRemove: () => void;
}) {
  const T = useTexts(DOCUMENT_TEXTS);
  const { lang } = useI18n();
  const [preview, setPreview] = useState<string>();
  const image = doc.contentType.startsWith('image/');

  useEffect(() => {
    if (!image) return;
    let live = true;
    documentLink(productId, doc.id, true).then(
      (url) => live && setPreview(url),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [productId, doc.id, image]);

  // A fresh link each time: they are short-lived. Opened in a new tab, where the browser shows PDFs and images itself.
  const open = async () => {
    const tab = window.open('', '_blank');
    const url = await documentLink(productId, doc.id);
    if (tab) tab.location.href = url;
    else window.location.assign(url);
  };

  return (
    <li className="docs-item" data-testid="document" data-kind={doc.kind} data-document-id={doc.id}>
      {image && preview ? (
        <img className="docs-thumb" src={preview} alt={doc.fileName} />
      ) : (
        <span className="docs-icon" aria-hidden="true">
          {doc.contentType === 'application/pdf'
            ? 'PDF'
            : doc.contentType.includes('word')
              ? 'DOC'
              : doc.contentType.includes('sheet')
                ? 'XLS'
                : 'IMG'}
        </span>
      )}
      <div className="docs-body">
        <strong className="docs-name">{doc.fileName}</strong>
        <span className="muted docs-meta">
          {lang === 'vi' ? doc.kindName.vi : doc.kindName.en} · {formatBytes(doc.sizeBytes)} · {when}
        </span>
      </div>
      <div className="docs-actions">
        <button type="button" className="secondary" onClick={() => void open()} data-testid="open-document">
          {T.open}
        </button>
        {editable && (
          <>
            <button type="button" className="secondary" onClick={onReplace} data-testid="replace-document">
              {T.replace}
            </button>
            <button type="button" className="secondary danger" onClick={onRemove} data-testid="remove-document">
              {T.remove}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
