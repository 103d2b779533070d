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

export function CloseSession({
  session,
  productName,
  onClosed,
}: {
  session: SessionDetail;
  productName: (id: string) => string;
  onClosed: () => Promise<unknown>;
}) {
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
      () =>
        post<SessionState>(`/sessions/${session.id}/close`, {
          presentMemberIds: session.members.map((m) => m.memberId).filter((id) => present.includes(id)),
        }),
      () => T.closedDone,
    );
    setConfirming(false);
    if (answer) await onClosed();
  };

  const refusal = action.error instanceof ApiError ? action.error : undefined;
  const details = refusal?.body.details ?? {};
  let explanation: string | undefined;
  if (refusal?.code === 'NO_QUORUM') {
    explanation = fill(T.noQuorumDetail, {
      present: String(details.present ?? present.length),
      required: String(details.required ?? needed),
      chair: details.chairPresent === false ? T.chairAbsent : '',
    });
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
              <input
                type="checkbox"
                checked={present.includes(m.memberId)}
                onChange={(e) => toggle(m.memberId, e.target.checked)}
                disabled={action.busy || confirming}
              />
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
            <CloseSummary
              session={session}
              productName={productName}
              memberName={memberName}
              present={present}
              needed={needed}
              chairPresent={chairPresent}
            />
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
            <button
              type="button"
              onClick={() => {
                action.setError(undefined);
                setConfirming(true);
              }}
              data-testid="close-button"
            >
              {T.close}
            </button>
          </div>
        )}
      </div>
    </Card>
  );
}

const SUMMARY = {
  vi: {
    title: 'Trước khi đóng phiên',
    quorumOk: 'Đủ túc số: {present}/{count} thành viên có mặt (cần {needed}, có chủ tịch).',
    quorumShort: 'Chưa đủ túc số: {present}/{count} có mặt, cần {needed}{chair}.',
    noChair: ' và chủ tịch',
    complete: '{name}: đủ {n} phiếu chấm.',
    missing: '{name}: thiếu phiếu của {members}.',
    spread: '{name}: điểm lệch quá {max} điểm — {members} phải chấm lại.',
    noProducts: 'Phiên chưa có sản phẩm nào.',
  },
  en: {
    title: 'Before closing',
    quorumOk: 'Quorum: {present} of {count} members present (needs {needed}, with the chair).',
    quorumShort: 'No quorum: {present} of {count} present, needs {needed}{chair}.',
    noChair: ' and the chair',
    complete: '{name}: all {n} scorecards in.',
    missing: '{name}: no scorecard yet from {members}.',
    spread: '{name}: scores spread over {max} points — {members} must revise.',
    noProducts: 'No product has been entered yet.',
  },
};

/** What closing now would meet: the quorum, each product's missing scorecards, the spread to revise. */
interface CloseSummaryProps {
  session: SessionDetail;
  productName: (id: string) => string;
  memberName: (id: string) => string;
  present: string[];
  needed: number;
  chairPresent: boolean;
}

function CloseSummary(props: CloseSummaryProps) {
  const S = useTexts(SUMMARY);
  const { session, productName, memberName, present, needed, chairPresent } = props;
  const live = session.live;
  const products = live?.products ?? [];
  const lines = products.map((p) => {
    const scored = new Set(live!.scorecards.filter((c) => c.productId === p.productId).map((c) => c.memberId));
    const missing = present.filter((m) => !scored.has(m));
    const revise = live!.mustRevise[p.productId] ?? [];
    if (revise.length)
      return {
        key: p.productId,
        bad: true,
        text: fill(S.spread, { name: productName(p.productId), max: MAX_SPREAD_POINTS, members: revise.map(memberName).join(', ') }),
      };
    if (missing.length)
      return {
        key: p.productId,
        bad: true,
        text: fill(S.missing, { name: productName(p.productId), members: missing.map(memberName).join(', ') }),
      };
    return { key: p.productId, bad: false, text: fill(S.complete, { name: productName(p.productId), n: scored.size }) };
  });
  const quorum = present.length >= needed && chairPresent;
  return (
    <div data-testid="close-summary">
      <h3>{S.title}</h3>
      <ul>
        <li className={quorum ? undefined : 'sc-bad'}>
          {fill(quorum ? S.quorumOk : S.quorumShort, {
            present: present.length,
            count: session.members.length,
            needed,
            chair: chairPresent ? '' : S.noChair,
          })}
        </li>
        {products.length === 0 && <li>{S.noProducts}</li>}
        {lines.map((l) => (
          <li key={l.key} className={l.bad ? 'sc-bad' : undefined} data-testid="close-summary-product">
            {l.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
