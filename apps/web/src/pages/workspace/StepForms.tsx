// The producer's steps on one product: business plan, dossier, revision, withdrawal. Each form checks what it can
// before sending (nothing is sent while a field is wrong) and shows the API's refusal as it comes.
import { useState, type FormEvent } from 'react';
import { get, post } from '../../api';
import type { DocumentList } from '../../components/documents/transfer';
import { ErrorBanner } from '../../components/common';
import { useI18n, useTexts } from '../../i18n';
import { partsOf } from '../../reference';
import type { Product, ProductDetail } from '../../types';
import { PartInputs, emptyParts, useCheckParts, type PartValues } from './PartInputs';
import { fill, WORKSPACE_TEXTS } from './texts';
import { useAction } from './useAction';

export interface StepProps {
  product: Product;
  /** Called with a success message once the API accepted the step. */
  onDone: (message: string, answer?: ProductDetail) => void;
  onCancel: () => void;
}

const isHttpUrl = (text: string) => /^https?:\/\/\S+$/i.test(text);

function FormButtons({ busy, label, onCancel }: { busy: boolean; label: string; onCancel: () => void }) {
  const T = useTexts(WORKSPACE_TEXTS);
  return (
    <div className="ws-buttons">
      <button type="submit" disabled={busy}>
        {label}
      </button>
      <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
        {T.close}
      </button>
    </div>
  );
}

export function BusinessPlanForm({ product, onDone, onCancel }: StepProps) {
  const T = useTexts(WORKSPACE_TEXTS);
  const action = useAction();
  const [summary, setSummary] = useState('');
  const [documentUrl, setDocumentUrl] = useState('');
  const [problems, setProblems] = useState<{ summary?: string; documentUrl?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(summary.trim() ? {} : { summary: T.summaryRequired }),
      ...(documentUrl.trim() && !isHttpUrl(documentUrl.trim()) ? { documentUrl: T.urlInvalid } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const body = { summary: summary.trim(), ...(documentUrl.trim() ? { documentUrl: documentUrl.trim() } : {}) };
    const answer = await action.run(() => post<ProductDetail>(`/products/${product.id}/business-plan`, body));
    if (answer) onDone(T.businessPlanDone, answer);
  };

  return (
    <form className="form ws-step" onSubmit={submit} noValidate aria-label={T.stepBusinessPlan} data-testid="business-plan-form">
      <label>
        {T.summary}
        <textarea
          name="summary"
          rows={4}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          aria-invalid={problems.summary ? true : undefined}
        />
        {problems.summary && (
          <span className="field-problem" role="alert">
            {problems.summary}
          </span>
        )}
      </label>
      <label>
        {T.documentUrl}
        <input
          name="documentUrl"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={documentUrl}
          onChange={(e) => setDocumentUrl(e.target.value)}
          aria-invalid={problems.documentUrl ? true : undefined}
        />
        {problems.documentUrl && (
          <span className="field-problem" role="alert">
            {problems.documentUrl}
          </span>
        )}
      </label>
      <ErrorBanner error={action.error} />
      <FormButtons busy={action.busy} label={T.stepBusinessPlan} onCancel={onCancel} />
    </form>
  );
}

export function DossierForm({ product, onDone, onCancel }: StepProps) {
  const T = useTexts(WORKSPACE_TEXTS);
  const { tx } = useI18n();
  const parts = partsOf(product.ruleSet);
  const checkParts = useCheckParts();
  const action = useAction();
  const [values, setValues] = useState<PartValues>(() => emptyParts(parts));
  const [evidence, setEvidence] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [blocked, setBlocked] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { problems: partProblems, scores } = checkParts(parts, values);
    // The attached documents are evidence too, named by file and content hash (what the event log recorded).
    const attached =
      (await get<DocumentList>(`/products/${product.id}/documents`).catch(() => undefined))?.items.map(
        (d) => `${d.fileName} (sha256:${d.sha256})`,
      ) ?? [];
    const links = [
      ...evidence
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      ...attached,
    ];
    const found: Record<string, string> = { ...partProblems, ...(links.length === 0 ? { evidence: T.evidenceRequired } : {}) };
    setProblems(found);
    setBlocked(Object.keys(found).length > 0);
    if (Object.keys(found).length > 0) return;
    const answer = await action.run(() =>
      post<ProductDetail>(`/products/${product.id}/dossier`, { selfAssessment: scores, evidence: links }),
    );
    if (answer) onDone(fill(T.dossierDone, { stage: tx('stage', answer.stage) }), answer);
  };

  const change = (code: string, value: string) => {
    setValues((v) => ({ ...v, [code]: value }));
    if (problems[code])
      setProblems((current) => {
        const rest = { ...current };
        delete rest[code];
        return rest;
      });
  };

  return (
    <form className="form ws-step" onSubmit={submit} noValidate aria-label={T.stepDossier} data-testid="dossier-form">
      <fieldset className="ws-fieldset">
        <legend>{T.selfAssessment}</legend>
        <p className="muted ws-hint">{T.selfAssessmentHint}</p>
        <PartInputs
          parts={parts}
          values={values}
          problems={problems}
          onChange={change}
          name={`dossier-${product.id}`}
          disabled={action.busy}
        />
      </fieldset>
      <label>
        {T.evidence}
        <textarea
          name="evidence"
          rows={3}
          placeholder="https://…"
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
          aria-invalid={problems.evidence ? true : undefined}
        />
        {problems.evidence && (
          <span className="field-problem" role="alert">
            {problems.evidence}
          </span>
        )}
      </label>
      {blocked && Object.keys(problems).length > 0 && (
        <p className="error" role="alert" data-testid="form-refused">
          {T.fixFirst}
        </p>
      )}
      <ErrorBanner error={action.error} />
      <FormButtons busy={action.busy} label={T.stepDossier} onCancel={onCancel} />
    </form>
  );
}

export function RevisionForm({ product, onDone, onCancel }: StepProps) {
  const T = useTexts(WORKSPACE_TEXTS);
  const action = useAction();
  const [note, setNote] = useState('');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<{ note?: string; name?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const newName = name.trim();
    const found = {
      ...(note.trim() ? {} : { note: T.noteRequired }),
      ...(newName && (newName.length < 2 || newName.length > 200) ? { name: T.nameLength } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const answer = await action.run(() =>
      post<ProductDetail>(`/products/${product.id}/revision`, { note: note.trim(), ...(newName ? { name: newName } : {}) }),
    );
    if (answer) onDone(T.revisionDone, answer);
  };

  return (
    <form className="form ws-step" onSubmit={submit} noValidate aria-label={T.stepRevision} data-testid="revision-form">
      <label>
        {T.note}
        <textarea
          name="note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={problems.note ? true : undefined}
        />
        {problems.note && (
          <span className="field-problem" role="alert">
            {problems.note}
          </span>
        )}
      </label>
      <label>
        {T.newName}
        <input
          name="name"
          value={name}
          placeholder={product.name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problems.name ? true : undefined}
        />
        {problems.name && (
          <span className="field-problem" role="alert">
            {problems.name}
          </span>
        )}
      </label>
      <ErrorBanner error={action.error} />
      <FormButtons busy={action.busy} label={T.stepRevision} onCancel={onCancel} />
    </form>
  );
}

/** Withdrawal in two steps: the reason, then a confirmation naming the product. */
export function WithdrawForm({ product, onDone, onCancel }: StepProps) {
  const T = useTexts(WORKSPACE_TEXTS);
  const { t } = useI18n();
  const action = useAction();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(T.reasonRequired);
      return;
    }
    setProblem(undefined);
    setConfirming(true);
  };

  const confirm = async () => {
    const answer = await action.run(() => post<ProductDetail>(`/products/${product.id}/withdraw`, { reason: reason.trim() }));
    if (answer) onDone(T.withdrawn, answer);
    else setConfirming(false);
  };

  return (
    <form className="form ws-step" onSubmit={ask} noValidate aria-label={T.withdraw} data-testid="withdraw-form">
      <label>
        {T.reason}
        <textarea
          name="reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          disabled={confirming}
          aria-invalid={problem ? true : undefined}
        />
        {problem && (
          <span className="field-problem" role="alert">
            {problem}
          </span>
        )}
      </label>
      <ErrorBanner error={action.error} />
      {confirming ? (
        <div className="warning ws-confirm" role="alertdialog" aria-label={T.confirm}>
          <p>{fill(T.confirmWithdraw, { name: product.name, year: product.cycleYear })}</p>
          <div className="ws-buttons">
            <button type="button" onClick={confirm} disabled={action.busy}>
              {T.confirm}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={action.busy}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <FormButtons busy={action.busy} label={T.withdraw} onCancel={onCancel} />
      )}
    </form>
  );
}
