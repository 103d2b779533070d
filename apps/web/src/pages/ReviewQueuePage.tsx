// "Waiting for me": the ideas awaiting review and the dossiers awaiting the commune check in the coordinator's area,
// earliest deadline first, each decided here or on its product page. Pages on, never cut off.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { query } from '../api';
import { useAuth } from '../auth';
import { Card, Countdown, ErrorBanner, Loading, ProductLink } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { districtName } from '../reference';
import type { Product } from '../types';
import { COORDINATOR_TEXTS, DossierCheckForm, ReviewForm } from './product/CoordinatorActions';

const TEXTS = {
  vi: {
    intro: 'Ý tưởng chờ xét duyệt và hồ sơ chờ kiểm tra trong địa bàn của bạn, hạn gần nhất trước.',
    communeIntro: 'Hồ sơ của các chủ thể trong xã chờ bạn kiểm tra (QĐ 1489), hạn gần nhất trước.',
    none: 'Không có việc nào đang chờ bạn.',
    open: 'Xử lý',
    ideas: 'Ý tưởng chờ xét duyệt',
    checks: 'Hồ sơ chờ kiểm tra cấp xã',
    more: 'Còn {n} mục nữa — xem trong sổ đăng ký',
  },
  en: {
    intro: 'Ideas awaiting review and dossiers awaiting the check in your area, earliest deadline first.',
    communeIntro: 'Dossiers of your commune’s producers awaiting your check (QĐ 1489), earliest deadline first.',
    none: 'Nothing is waiting for you.',
    open: 'Decide',
    ideas: 'Ideas awaiting review',
    checks: 'Dossiers awaiting the commune check',
    more: '{n} more — see them in the register',
  },
};

interface Page {
  items: Product[];
  total: number;
}

export function ReviewQueuePage() {
  const T = useTexts(TEXTS);
  const { t } = useI18n();
  // A commune officer checks dossiers; ideas are reviewed by the province.
  const communeOfficer = useAuth().user?.role === 'commune_officer';
  return (
    <div>
      <h1>{t('reviewQueue')}</h1>
      <p className="muted">{communeOfficer ? T.communeIntro : T.intro}</p>
      {!communeOfficer && <Queue stage="awaiting_idea_review" title={T.ideas} />}
      <Queue stage="awaiting_commune_check" title={T.checks} />
    </div>
  );
}

function Queue({ stage, title }: { stage: string; title: string }) {
  const T = useTexts(TEXTS);
  const C = useTexts(COORDINATOR_TEXTS);
  const { lang } = useI18n();
  const { user } = useAuth();
  const [openId, setOpenId] = useState<string>();
  const page = useGet<Page>(`/products${query({ stage, sort: 'due', limit: 200 })}`, 20_000);
  const items = page.data?.items ?? [];
  if (user?.role === 'provincial_coordinator' && stage === 'awaiting_commune_check') return null;
  return (
    <Card title={`${title} (${page.data?.total ?? '…'})`}>
      <ErrorBanner error={page.error} />
      {page.loading && !page.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{T.none}</p>
      ) : (
        <ul className="plain" data-testid={`queue-${stage}`}>
          {items.map((p) => (
            <li key={p.workflowId} data-testid="queue-item" data-product-id={p.id}>
              <div className="ws-head">
                <ProductLink id={p.id}>{p.name}</ProductLink>
                <button
                  type="button"
                  className="secondary"
                  aria-expanded={openId === p.id}
                  onClick={() => setOpenId(openId === p.id ? undefined : p.id)}
                  data-testid="open-decision"
                >
                  {stage === 'awaiting_idea_review' ? C.reviewTitle : C.checkTitle}
                </button>
              </div>
              <p className="muted ws-meta">
                {p.organisationName} · {p.communeName ?? districtName(p.district, lang)} · <Countdown dueAt={p.dueAt} />
              </p>
              {openId === p.id &&
                (stage === 'awaiting_idea_review' ? (
                  <ReviewForm product={p} onDone={page.reload} />
                ) : (
                  <DossierCheckForm product={p} onDone={page.reload} />
                ))}
            </li>
          ))}
        </ul>
      )}
      {page.data && page.data.total > items.length && (
        <p className="muted">
          <Link to={`/register?stage=${stage}&sort=due`}>{T.more.replace('{n}', String(page.data.total - items.length))}</Link>
        </p>
      )}
    </Card>
  );
}
