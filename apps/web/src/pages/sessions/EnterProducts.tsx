// The products waiting at the session's level in its area: a coordinator enters them (POST /sessions/:id/products)
// until the dossier lead time (2 working days before the session; the council refuses later entries with its code).
import type { LevelName } from '@ocop/domain';
import { waitingStageFor } from '@ocop/model';
import { post, query } from '../../api';
import { Card, ErrorBanner, Loading, ProductLink } from '../../components/common';
import { useGet } from '../../hooks';
import { useI18n, useTexts } from '../../i18n';
import type { Product } from '../../types';
import { useAction } from '../workspace/useAction';
import type { SessionDetail } from './types';

const TEXTS = {
  vi: {
    title: 'Sản phẩm đang chờ ở cấp này',
    lead: 'Đưa sản phẩm vào phiên chậm nhất 2 ngày làm việc trước ngày họp ({date}), để hồ sơ kịp tới các thành viên.',
    enter: 'Đưa vào phiên',
    entered: 'Đã đưa {name} vào phiên.',
    none: 'Không có sản phẩm nào đang chờ ở cấp này.',
    more: 'Đang hiện {shown}/{total}; những sản phẩm còn lại xem trong sổ đăng ký.',
  },
  en: {
    title: 'Products waiting at this level',
    lead: 'Enter products at least 2 working days before the session ({date}), so the dossiers reach the members in time.',
    enter: 'Enter in the session',
    entered: '{name} was entered.',
    none: 'No product is waiting at this level.',
    more: 'Showing {shown} of {total}; see the others in the register.',
  },
};

export function EnterProducts({ session, onEntered }: { session: SessionDetail; onEntered: () => Promise<unknown> }) {
  const T = useTexts(TEXTS);
  const { dateTime } = useI18n();
  const action = useAction();
  const stage = waitingStageFor(session.level as LevelName);
  const waiting = useGet<{ items: Product[]; total: number }>(
    `/products${query({ stage, cycleYear: session.cycleYear, district: session.level === 'district' ? session.areaCode : undefined, sort: 'name', limit: 200 })}`,
    15_000,
  );
  const entered = new Set(session.live?.products.map((p) => p.productId) ?? []);
  const items = (waiting.data?.items ?? []).filter((p) => !entered.has(p.id) && p.sessionId !== session.id);

  const enter = async (p: Product) => {
    const done = await action.run(
      () => post(`/sessions/${encodeURIComponent(session.id)}/products`, { productId: p.id }),
      () => T.entered.replace('{name}', p.name),
    );
    if (done) await Promise.all([waiting.reload(), onEntered()]);
  };

  return (
    <Card title={T.title}>
      <p className="muted ws-hint" data-testid="lead-time">
        {T.lead.replace('{date}', dateTime(session.sessionDate))}
      </p>
      <ErrorBanner error={waiting.error ?? action.error} />
      {action.done && (
        <p className="success" role="status">
          {action.done}
        </p>
      )}
      {waiting.loading && !waiting.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{T.none}</p>
      ) : (
        <ul className="plain" data-testid="waiting-products">
          {items.map((p) => (
            <li key={p.workflowId} className="ws-head" data-testid="waiting-product" data-product-id={p.id}>
              <span>
                <ProductLink id={p.id}>{p.name}</ProductLink> <span className="muted">· {p.organisationName}</span>
              </span>
              <button type="button" className="secondary" onClick={() => void enter(p)} disabled={action.busy} data-testid="enter-product">
                {T.enter}
              </button>
            </li>
          ))}
        </ul>
      )}
      {waiting.data && waiting.data.total > waiting.data.items.length && (
        <p className="muted">
          {T.more.replace('{shown}', String(waiting.data.items.length)).replace('{total}', String(waiting.data.total))}
        </p>
      )}
    </Card>
  );
}
