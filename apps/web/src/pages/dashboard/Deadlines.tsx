// Items overdue now and deadlines of the next days, each linking to its product (or session) where there is one.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Countdown } from '../../components/common';
import { useI18n, useTexts } from '../../i18n';
import { districtName } from '../../reference';
import { DASHBOARD_TEXTS, fill, type DashboardText } from './texts';
import type { DeadlineItem, DeadlineList } from './types';

const PAGE = 10;

function ItemTitle({ item }: { item: DeadlineItem }) {
  const T = useTexts(DASHBOARD_TEXTS);
  const { tx, lang } = useI18n();
  const product = item.productId ? (
    <Link to={`/products/${item.productId}`} data-testid="deadline-product-link">
      {item.productName ?? item.productId.slice(0, 8)}
    </Link>
  ) : null;
  switch (item.kind) {
    case 'product_step':
      return (
        <>
          {product} <span className="muted">— {tx('stage', item.stage)}</span>
        </>
      );
    case 'lab_result':
      return (
        <>
          {product} <span className="muted">— {fill(T.labAttempt, { n: item.attempt ?? 1 })}</span>
        </>
      );
    case 'inspection_report':
      return (
        <>
          {product} <span className="muted">— {fill(T.inspectionRound, { n: item.round ?? 1, no: item.certificateNo ?? '' })}</span>
        </>
      );
    case 'session': {
      const area = item.level === 'district' && item.areaCode ? districtName(item.areaCode, lang) : (item.areaCode ?? '');
      const level = tx('level', item.level);
      const text = fill(T.sessionOf, { level: lang === 'vi' ? level.toLocaleLowerCase('vi-VN') : level, area });
      return item.sessionId ? <Link to={`/sessions/${encodeURIComponent(item.sessionId)}`}>{text}</Link> : <>{text}</>;
    }
    case 'calendar_window':
      return <>{T[`window_${item.window}` as DashboardText] ?? item.window}</>;
    default:
      return product ?? <>{item.kind}</>;
  }
}

function DeadlineCard({ list, title, empty, testId }: { list: DeadlineList; title: string; empty: string; testId: string }) {
  const T = useTexts(DASHBOARD_TEXTS);
  const { dateTime, lang } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const kinds = Object.entries(list.byKind).filter(([, n]) => n > 0);
  const hidden = list.total - Math.min(shown, list.items.length);
  return (
    <Card
      title={
        <>
          {title}{' '}
          <span className="db-count" data-testid={`${testId}-total`}>
            {list.total}
          </span>
        </>
      }
    >
      {kinds.length > 0 && (
        <p className="db-kinds">
          {kinds.map(([kind, n]) => (
            <span key={kind} className="badge">
              {T[`kind_${kind}` as DashboardText] ?? kind}: <strong data-testid={`${testId}-kind-${kind}`}>{n}</strong>
            </span>
          ))}
        </p>
      )}
      {list.items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain db-deadlines" data-testid={`${testId}-list`}>
          {list.items.slice(0, shown).map((item) => (
            <li
              key={`${item.kind}:${item.link}:${item.dueAt}:${item.window ?? ''}:${item.round ?? ''}`}
              data-testid="deadline-item"
              data-kind={item.kind}
              data-product-id={item.productId}
            >
              <div className="db-item-title">
                <ItemTitle item={item} />
              </div>
              <div className="db-item-meta">
                <span className="muted">{T[`kind_${item.kind}` as DashboardText] ?? item.kind}</span>
                {item.districtCode && <span className="muted">{districtName(item.districtCode, lang)}</span>}
                <time dateTime={item.dueAt}>{dateTime(item.dueAt)}</time>
                <Countdown dueAt={item.dueAt} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <div className="db-more">
          <span className="muted" data-testid={`${testId}-hidden`}>
            {fill(T.notListed, { n: hidden })}
          </span>
          {shown < list.items.length && (
            <button type="button" className="secondary" onClick={() => setShown((n) => n + 2 * PAGE)}>
              {T.showMore}
            </button>
          )}
        </div>
      )}
    </Card>
  );
}

export function Deadlines({ overdue, upcoming }: { overdue: DeadlineList; upcoming: DeadlineList & { days: number } }) {
  const T = useTexts(DASHBOARD_TEXTS);
  return (
    <div className="grid two">
      <DeadlineCard list={overdue} title={T.overdueTitle} empty={T.nothingOverdue} testId="overdue" />
      <DeadlineCard
        list={upcoming}
        title={fill(T.upcomingTitle, { days: upcoming.days })}
        empty={fill(T.nothingUpcoming, { days: upcoming.days })}
        testId="upcoming"
      />
    </div>
  );
}
