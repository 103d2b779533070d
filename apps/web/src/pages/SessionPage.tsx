// A council session: its products with the producer's dossier and the council's scorecards; a member scores and
// revises (with the spread warning), the chair or a coordinator closes it. Refreshes every 10 s.
import { Link, useParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { Card, ErrorBanner, Loading } from '../components/common';
import { ReportButtons } from '../components/documents/ReportButtons';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { CloseSession } from './sessions/CloseSession';
import { EnterProducts } from './sessions/EnterProducts';
import { SessionStatus, useAreaName, useCouncilTitle } from './sessions/common';
import { ProductScoring } from './sessions/ProductScoring';
import { SESSION_TEXTS } from './sessions/texts';
import type { Scorecard, SessionDetail, SessionProduct } from './sessions/types';

const POLL_MS = 10_000;
// The central office runs central sessions (the API refuses it any other).
const COORDINATORS = ['district_coordinator', 'provincial_coordinator', 'central_coordinator', 'admin'];

export function SessionPage() {
  const { id = '' } = useParams();
  const T = useTexts(SESSION_TEXTS);
  const { dateTime } = useI18n();
  const { user } = useAuth();
  const detail = useGet<SessionDetail>(`/sessions/${encodeURIComponent(id)}`, POLL_MS);
  const products = useGet<SessionProduct[]>(`/sessions/${encodeURIComponent(id)}/products`, POLL_MS);
  const councilTitle = useCouncilTitle();
  const areaName = useAreaName();

  if (detail.loading && !detail.data) return <Loading />;
  const session = detail.data;
  if (!session) return <ErrorBanner error={detail.error} />;

  const reload = () => Promise.all([detail.reload(), products.reload()]);
  const live = session.live;
  const open = (live?.status ?? session.status) === 'open';
  const isMember = !!user && session.members.some((m) => m.memberId === user.userId);
  const isChair = !!user && session.chairId === user.userId;
  const runs = !!user && COORDINATORS.includes(user.role) && (user.role !== 'central_coordinator' || session.level === 'central');
  const mayClose = isChair || runs;
  const memberName = (memberId: string) => session.members.find((m) => m.memberId === memberId)?.name ?? memberId;
  const list = products.data ?? [];
  // The live state is the freshest; the read model's cards stand in while Temporal does not answer.
  const cardsOf = (p: SessionProduct): Scorecard[] => {
    const cards = live ? live.scorecards.filter((c) => c.productId === p.productId) : p.scorecards;
    const order = session.members.map((m) => m.memberId);
    return [...cards].sort((a, b) => order.indexOf(a.memberId) - order.indexOf(b.memberId));
  };
  const productName = (productId: string) =>
    list.find((p) => p.productId === productId)?.name ?? live?.products.find((p) => p.productId === productId)?.name ?? productId;

  return (
    <div className="session">
      <p className="sc-back">
        <Link to="/sessions">{T.back}</Link>
      </p>
      <div className="ws-head">
        <h1>
          {councilTitle(session.level)} — {areaName(session)}
        </h1>
        <SessionStatus status={live?.status ?? session.status} />
      </div>
      <Card>
        <dl className="sc-facts">
          <div>
            <dt>{T.date}</dt>
            <dd>{dateTime(session.sessionDate)}</dd>
          </div>
          {live?.scoringOpensAt && Date.parse(live.scoringOpensAt) > Date.now() && (
            <div data-testid="scoring-opens">
              <dt>{T.scoringOpens}</dt>
              <dd>{dateTime(live.scoringOpensAt)}</dd>
            </div>
          )}
          <div>
            <dt>{T.ruleSet}</dt>
            <dd>{session.ruleSet}</dd>
          </div>
          <div>
            <dt>{T.entered}</dt>
            <dd>{live?.products.length ?? session.productsEntered}</dd>
          </div>
          {live && (
            <div>
              <dt>{T.cardsCount}</dt>
              <dd>{live.scorecards.length}</dd>
            </div>
          )}
          {live && isMember && (
            <div>
              <dt>{T.myProgress}</dt>
              <dd data-testid="my-progress">
                {live.scorecards.filter((c) => c.memberId === user?.userId).length}/{live.products.length}
              </dd>
            </div>
          )}
          <div>
            <dt>{T.scored}</dt>
            <dd>{live ? live.results.length : session.productsScored}</dd>
          </div>
        </dl>
        <p className="ws-meta">
          <strong>{T.members}:</strong>{' '}
          {session.members.map((m, i) => (
            <span key={m.memberId} className={m.memberId === user?.userId ? 'sc-me' : undefined}>
              {i > 0 && ', '}
              {m.name}
              {m.memberId === session.chairId && !m.name.includes(T.chair) ? ` (${T.chair})` : ''}
            </span>
          ))}
        </p>
        {(isChair || isMember) && (
          <p className="ws-meta">
            <span className="badge">{isChair ? T.youChair : T.youMember}</span>
          </p>
        )}
        <p className="muted ws-hint">{T.autoRefresh}</p>
        <ReportButtons
          links={[
            { key: 'minutes', path: `/sessions/${encodeURIComponent(session.id)}/minutes`, fileName: `bien-ban-${session.id}.html` },
            { key: 'minutesPdf', path: `/sessions/${encodeURIComponent(session.id)}/minutes/pdf`, fileName: `bien-ban-${session.id}.pdf` },
            {
              key: 'recognitionList',
              path: `/sessions/${encodeURIComponent(session.id)}/recognition-list`,
              fileName: `de-nghi-cong-nhan-${session.id}.html`,
            },
            {
              key: 'recognitionXlsx',
              path: `/sessions/${encodeURIComponent(session.id)}/recognition-list/xlsx`,
              fileName: `de-nghi-cong-nhan-${session.id}.xlsx`,
            },
          ]}
        />
      </Card>
      {!live && <p className="warning">{T.liveUnavailable}</p>}
      {!open && <p className="muted">{T.sessionClosed}</p>}
      {open && !isMember && user?.role === 'council_member' && <p className="muted">{T.notMember}</p>}
      <ErrorBanner error={detail.error ?? products.error} />

      {products.loading && !products.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{T.noProducts}</p>
      ) : (
        list.map((p) => (
          <ProductScoring
            key={p.productId}
            sessionId={session.id}
            open={open}
            parts={session.scoringParts}
            product={p}
            cards={cardsOf(p)}
            memberName={memberName}
            mustRevise={live?.mustRevise[p.productId] ?? []}
            result={live?.results.find((r) => r.productId === p.productId)}
            memberId={isMember ? user!.userId : undefined}
            onScored={reload}
          />
        ))
      )}

      {open && runs && <EnterProducts session={session} onEntered={reload} />}

      {open && mayClose && <CloseSession session={session} productName={productName} onClosed={reload} />}
    </div>
  );
}
