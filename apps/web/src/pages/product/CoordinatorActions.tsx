// The coordinators' steps on a product: the idea review (accept / reject with a reason / request changes by a date)
// and the commune-level dossier check (QĐ 1489). Each calls the API and shows its coded refusal in both languages.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { post } from '../../api';
import { ActionOutcome } from '../../components/common';
import { useTexts } from '../../i18n';
import type { Product } from '../../types';
import { useAction } from '../workspace/useAction';

const TEXTS = {
  vi: {
    reviewTitle: 'Xét duyệt ý tưởng',
    decision: 'Quyết định',
    accept: 'Chấp thuận',
    reject: 'Từ chối',
    requestChanges: 'Yêu cầu bổ sung',
    reason: 'Lý do',
    reasonHint: 'Bắt buộc khi từ chối; chủ thể sẽ đọc được.',
    changesDue: 'Hạn nộp bổ sung',
    send: 'Gửi quyết định',
    accepted: 'Đã chấp thuận ý tưởng.',
    rejected: 'Đã từ chối ý tưởng.',
    changesRequested: 'Đã yêu cầu bổ sung.',
    checkTitle: 'Kiểm tra hồ sơ cấp xã (QĐ 1489)',
    passed: 'Hồ sơ đạt (đúng hình thức, nguồn gốc địa phương)',
    failed: 'Hồ sơ không đạt',
    checkSend: 'Ghi kết quả kiểm tra',
    checked: 'Đã ghi kết quả kiểm tra hồ sơ.',
  },
  en: {
    reviewTitle: 'Idea review',
    decision: 'Decision',
    accept: 'Accept',
    reject: 'Reject',
    requestChanges: 'Request changes',
    reason: 'Reason',
    reasonHint: 'Required to reject; the producer will read it.',
    changesDue: 'Changes due by',
    send: 'Send the decision',
    accepted: 'The idea was accepted.',
    rejected: 'The idea was rejected.',
    changesRequested: 'Changes were requested.',
    checkTitle: 'Commune-level dossier check (QĐ 1489)',
    passed: 'The dossier passes (form and local origin)',
    failed: 'The dossier fails',
    checkSend: 'Record the check',
    checked: 'The dossier check was recorded.',
  },
};

/** Focus moves into a panel when it opens, so a keyboard or screen-reader user lands on its first field. */
function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** A date input's value (yyyy-mm-dd, Vietnam's calendar day) as the end of that day in Vietnam. */
const endOfVietnamDay = (day: string) => new Date(`${day}T23:59:00+07:00`).toISOString();

export function ReviewForm({ product, onDone }: { product: Product; onDone: () => unknown }) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [decision, setDecision] = useState<'accept' | 'reject' | 'request_changes'>('accept');
  const [reason, setReason] = useState('');
  const [due, setDue] = useState('');
  const first = useFocusOnOpen<HTMLSelectElement>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      decision,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(decision === 'request_changes' && due ? { dueAt: endOfVietnamDay(due) } : {}),
    };
    const done = await action.run(
      () => post(`/products/${product.id}/review`, body),
      () => (decision === 'accept' ? T.accepted : decision === 'reject' ? T.rejected : T.changesRequested),
    );
    if (done) await onDone();
  };

  return (
    <form className="form" onSubmit={submit} data-testid="review-form" aria-label={`${T.reviewTitle}: ${product.name}`}>
      <label>
        {T.decision}
        <select ref={first} value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)} name="decision">
          <option value="accept">{T.accept}</option>
          <option value="reject">{T.reject}</option>
          <option value="request_changes">{T.requestChanges}</option>
        </select>
      </label>
      {decision !== 'accept' && (
        <label>
          {T.reason}
          <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} aria-describedby="reason-hint" />
          <span id="reason-hint" className="muted">
            {T.reasonHint}
          </span>
        </label>
      )}
      {decision === 'request_changes' && (
        <label>
          {T.changesDue}
          <input type="date" name="dueAt" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      )}
      <ActionOutcome error={action.error} done={action.done} testId="success" />
      <button type="submit" disabled={action.busy}>
        {T.send}
      </button>
    </form>
  );
}

export function DossierCheckForm({ product, onDone }: { product: Product; onDone: () => unknown }) {
  const T = useTexts(TEXTS);
  const action = useAction();
  const [passed, setPassed] = useState(true);
  const [reason, setReason] = useState('');
  const first = useFocusOnOpen<HTMLInputElement>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await action.run(
      () => post(`/products/${product.id}/dossier-check`, { passed, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      () => T.checked,
    );
    if (done) await onDone();
  };
  return (
    <form className="form" onSubmit={submit} data-testid="dossier-check-form">
      <fieldset className="ws-fieldset">
        <legend>{T.checkTitle}</legend>
        <label className="sc-check">
          <input ref={first} type="radio" name="passed" checked={passed} onChange={() => setPassed(true)} /> <span>{T.passed}</span>
        </label>
        <label className="sc-check">
          <input type="radio" name="passed" checked={!passed} onChange={() => setPassed(false)} /> <span>{T.failed}</span>
        </label>
      </fieldset>
      {!passed && (
        <label>
          {T.reason}
          <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
        </label>
      )}
      <ActionOutcome error={action.error} done={action.done} testId="success" />
      <button type="submit" disabled={action.busy}>
        {T.checkSend}
      </button>
    </form>
  );
}

export const COORDINATOR_TEXTS = TEXTS;
