// Closing a session (the chair or a coordinator): the members present, a confirmation, and the council's refusal
// (NO_QUORUM, SPREAD_EXCEEDED) spelled out with who is missing or must revise.
import { useState } from 'react';
import { ApiError, post } from '../../api';
import { Card, ErrorBanner } from '../../components/common';
import { useI18n, useTexts } from '../../i18n';
import { MAX_SPREAD_POINTS } from '../../reference';
import { useAction } from '../workspace/useAction';
import { fill, SESSION_TEXTS } from './texts';
import type { SessionDetail, SessionState } from './types';

export function CloseSession({ session, productName, onClosed }: { session: SessionDetail; productName: (id: string) => string; onClosed: () => Promise<unknown> }) {
  const T = useTexts(SESSION_TEXTS);
  const { t } = useI18n();
  const action = useAction();
  const [present, setPresent] = useState<string[]>(() => session.members.map((m) => m.memberId));
  const [confirming, setConfirming] = useState(false);
  const count = session.members.length;
  const needed = Math.ceil((3 * count) / 4);
  const chairPresent = !session.chairId || present.includes(session.chairId);
  const short = present.length < needed || !chairPresent;
  const memberName = (id: string) => session.members.find((m) => m.memberId === id)?.name ?? id;

  const toggle = (id: string, on: boolean) => setPresent((p) => (on ? [...p.filter((x) => x !== id), id] : p.filter((x) => x !== id)));

  const close = async () => {
    const answer = await action.run(
      () => post<SessionState>(`/sessions/${session.id}/close`, { presentMemberIds: session.members.map((m) => m.memberId).filter((id) => present.includes(id)) }),
      () => T.closedDone,
    );
    setConfirming(false);
    if (answer) await onClosed();
  };

  const refusal = action.error instanceof ApiError ? action.error : undefined;
  const details = refusal?.body.details ?? {};
  let explanation: string | undefined;
  if (refusal?.code === 'NO_QUORUM') {
    explanation = fill(T.noQuorumDetail, { present: String(details.present ?? present.length), required: String(details.required ?? needed), chair: details.chairPresent === false ? T.chairAbsent : '' });
  } else if (refusal?.code === 'SPREAD_EXCEEDED' && details.mustRevise && typeof details.mustRevise === 'object') {
    const list = Object.entries(details.mustRevise as Record<string, string[]>)
      .map(([productId, members]) => `${productName(productId)} — ${members.map(memberName).join(', ')}`)
      .join('; ');
    explanation = fill(T.spreadDetail, { list });
  }

  return (
    <Card title={T.closeTitle}>
      <div className="form" data-testid="close-session">
        <p className="muted ws-hint">{fill(T.closeHint, { needed, count, max: MAX_SPREAD_POINTS })}</p>
        <fieldset className="ws-fieldset sc-present">
          <legend>{T.members}</legend>
          {session.members.map((m) => (
            <label key={m.memberId} className="sc-check">
              <input type="checkbox" checked={present.includes(m.memberId)} onChange={(e) => toggle(m.memberId, e.target.checked)} disabled={action.busy || confirming} />
              <span>
                {m.name}
                {m.memberId === session.chairId && !m.name.includes(T.chair) && <span className="muted"> ({T.chair})</span>}
              </span>
            </label>
          ))}
        </fieldset>
        {short && (
          <p className="warning" data-testid="quorum-short">
            {fill(T.quorumShort, { present: present.length, needed })}
          </p>
        )}
        {action.error !== undefined && (
          <div data-testid="close-refused">
            <ErrorBanner error={action.error} />
            {explanation && <p className="error sc-explain">{explanation}</p>}
          </div>
        )}
        {action.done && (
          <p className="success" role="status">
            {action.done}
          </p>
        )}
        {confirming ? (
          <div className="warning ws-confirm" role="alertdialog" aria-label={T.confirm}>
            <p>{fill(T.confirmClose, { present: present.length })}</p>
            <div className="ws-buttons">
              <button type="button" onClick={close} disabled={action.busy} data-testid="confirm-close">
                {T.confirm}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={action.busy}>
                {t('cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="ws-buttons">
            <button type="button" onClick={() => {
                action.setError(undefined);
                setConfirming(true);
              }} data-testid="close-button">
              {T.close}
            </button>
          </div>
        )}
      </div>
    </Card>
  );
}
