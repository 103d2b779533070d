// A product: where its journey stands, the next deadline (live countdown), score results per level, lab results,
// the certificate, and its full timeline — GET /products/:id and /products/:id/timeline, refreshed every 10 s.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get } from '../api';
import { homeOf, useAuth } from '../auth';
import { Card, Countdown, ErrorBanner, Loading, StageBadge, Stars } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { districtName, groupName } from '../reference';
import type { LevelResult, ProductDetail, Role, TimelineEntry } from '../types';
import { isTerminalStage } from '@ocop/model';
import { isSessionStage } from './dashboard/stages';
import { COORDINATOR_TEXTS, DossierCheckForm, ReviewForm } from './product/CoordinatorActions';
import { Lab, labAttempts } from './product/Lab';
import { reasonText, withdrawalDate } from './product/reasons';
import { Scores } from './product/Scores';
import { fill, PRODUCT_TEXTS } from './product/texts';
import { Reevaluate } from './product/Reevaluate';
import { Timeline } from './product/Timeline';
import { DecisionForm } from '../components/documents/DecisionForm';
import { DocumentsPanel } from '../components/documents/DocumentsPanel';
import './product/product.css';

const POLL_MS = 10_000;
const SCORED_EVENTS = ['CommuneChecked', 'DistrictScored', 'ProvinceScored', 'CentralScored'];
/** Who may read the cycle's calendar (GET /cycles/:province/:year) and the session list (GET /sessions). */
const CYCLE_READERS: Role[] = ['producer', 'district_coordinator', 'commune_officer', 'provincial_coordinator', 'admin'];
/** Who checks a dossier at the commune level: the commune's officer, and coordinators (the journey refuses the others). */
const DOSSIER_CHECKERS: Role[] = ['commune_officer', 'district_coordinator', 'provincial_coordinator', 'admin'];
const SESSION_READERS: Role[] = ['council_member', 'district_coordinator', 'provincial_coordinator', 'admin'];

interface TimelineResponse {
  productId: string;
  cycleYear: number;
  workflowId: string;
  events: TimelineEntry[];
  /** Its other cycles (a re-evaluated product's earlier journeys and certificates), oldest first. */
  otherCycles?: { cycleYear: number; province: string; workflowId: string; events: TimelineEntry[] }[];
}
interface SessionSummary {
  id: string;
  level: string;
  sessionDate: string;
  status: string;
  members: { memberId: string; name: string }[];
}
interface CycleCalendar {
  calendar: Record<string, string>;
}

/** The results per level from the timeline, when the live state cannot be read. */
function resultsFromTimeline(events: TimelineEntry[]): LevelResult[] {
  return events
    .filter((e) => SCORED_EVENTS.includes(e.type))
    .map((e) => {
      const p = e.payload as Partial<LevelResult> & { passed?: boolean };
      if (e.type === 'CommuneChecked') return { level: 'commune', mean: 0, stars: 0, totals: [], outcome: p.passed ? 'passed' : 'failed' };
      return {
        level: String(p.level ?? e.type.replace('Scored', '').toLowerCase()),
        sessionId: typeof e.payload.sessionId === 'string' ? e.payload.sessionId : undefined,
        mean: Number(p.mean ?? 0),
        stars: Number(p.stars ?? 0),
        totals: Array.isArray(p.totals) ? p.totals : [],
        perPartMean: p.perPartMean,
        outcome: String(p.outcome ?? ''),
      };
    });
}

export function ProductPage() {
  const { id = '' } = useParams();
  const T = useTexts(PRODUCT_TEXTS);
  const C = useTexts(COORDINATOR_TEXTS);
  const { t, tx, lang, date, dateTime } = useI18n();
  const { user } = useAuth();
  const role = user?.role;
  const product = useGet<ProductDetail>(`/products/${encodeURIComponent(id)}`, POLL_MS);
  const timeline = useGet<TimelineResponse>(`/products/${encodeURIComponent(id)}/timeline`, POLL_MS);
  const p = product.data?.id === id ? product.data : undefined;
  const events = useMemo(() => (timeline.data?.productId === id ? timeline.data.events : []), [timeline.data, id]);

  const live = p?.live ?? null;
  const results = live ? live.results : resultsFromTimeline(events);
  const sessionIds = new Set([...results.map((r) => r.sessionId), p?.sessionId].filter((s): s is string => Boolean(s)));

  // Member names and session dates, from the sessions the user may see (a producer sees member ids only).
  const sessions = useGet<SessionSummary[]>(
    p && role && SESSION_READERS.includes(role) && sessionIds.size > 0 ? `/sessions?cycleYear=${p.cycleYear}` : null,
    30_000,
  );
  const memberNames = useMemo(
    () => new Map((sessions.data ?? []).flatMap((s) => s.members.map((m) => [m.memberId, m.name] as const))),
    [sessions.data],
  );
  const openableSessions = useMemo(() => new Set((sessions.data ?? []).map((s) => s.id)), [sessions.data]);
  const currentSession = p?.sessionId ? sessions.data?.find((s) => s.id === p.sessionId) : undefined;

  // The step's own deadline; else, waiting for a council, the cycle calendar's end of that level's evaluation.
  const stage = p?.stage ?? '';
  const dueAt = p?.dueAt ?? live?.dueAt ?? (stage === 'awaiting_lab_test' ? live?.lab?.dueAt : undefined);
  const sessionLevel = isSessionStage(stage) ? stage.replace(/^awaiting_|_session$/g, '') : undefined;
  const calendarKey =
    sessionLevel === 'district' ? 'districtSessionsCloseAt' : sessionLevel === 'province' ? 'provincialSessionsCloseAt' : undefined;
  const cycle = useGet<CycleCalendar>(
    p && !dueAt && calendarKey && role && CYCLE_READERS.includes(role) ? `/cycles/${encodeURIComponent(p.province)}/${p.cycleYear}` : null,
  );
  const calendarDue = calendarKey ? cycle.data?.calendar?.[calendarKey] : undefined;

  const attempts = labAttempts(events, live?.lab);
  const certificateNo = p?.certificateNo ?? live?.certificateNo;
  const issued = events.find((e) => e.type === 'CertificateIssued')?.payload;
  const [documentError, setDocumentError] = useState<unknown>();

  const openDocument = async (no: string) => {
    // Opened at once (a popup opened after an await is blocked), filled when the document arrives.
    const view = window.open('', '_blank');
    setDocumentError(undefined);
    try {
      const html = await get<string>(`/certificates/${encodeURIComponent(no)}/document`);
      if (view) {
        view.document.open();
        view.document.write(String(html));
        view.document.close();
      }
    } catch (error) {
      view?.close();
      setDocumentError(error);
    }
  };

  if (!p) {
    return (
      <div>
        <ErrorBanner error={product.error} />
        {!product.error && <Loading />}
      </div>
    );
  }

  const terminal = isTerminalStage(stage);
  // A level inside a Vietnamese sentence is written in lower case ("hạn đánh giá cấp tỉnh"); English starts with it.
  const inSentence = (level: string) => (lang === 'vi' ? tx('level', level).toLocaleLowerCase('vi-VN') : tx('level', level));
  return (
    <div className="pp" data-testid="product-page" data-product-id={p.id}>
      <p>
        <Link to={user ? homeOf(user.role) : '/'}>{T.back}</Link>
      </p>
      <ErrorBanner error={product.error ?? timeline.error} />

      <Card>
        <div className="pp-head">
          <h1 data-testid="product-name">{p.name}</h1>
          <span data-testid="product-stage" data-stage={stage}>
            <StageBadge stage={stage} />
          </span>
          {/* Stars are a certified product's: one that failed its lab test or was not qualified shows none. */}
          {stage === 'certified' && (p.stars ?? live?.stars) ? (
            <span data-testid="product-stars" data-stars={p.stars ?? live?.stars}>
              <Stars count={p.stars ?? live?.stars} />
            </span>
          ) : null}
        </div>
        {!live && <p className="muted">{T.liveUnavailable}</p>}
        <dl className="pp-facts" aria-label={T.facts}>
          <div className="wide">
            <dt>{t('producer')}</dt>
            <dd data-testid="product-producer">{p.organisationName ?? `${p.organisationId.slice(0, 8)}…`}</dd>
          </div>
          <div>
            <dt>{t('district')}</dt>
            <dd data-testid="product-district">{districtName(p.district, lang)}</dd>
          </div>
          {p.communeName && (
            <div>
              <dt>{t('commune')}</dt>
              <dd data-testid="product-commune">{p.communeName}</dd>
            </div>
          )}
          <div>
            <dt>{t('productGroup')}</dt>
            <dd data-testid="product-group">{groupName(p.productGroup, lang)}</dd>
          </div>
          <div>
            <dt>{T.cycle}</dt>
            <dd data-testid="product-cycle">{p.cycleYear}</dd>
          </div>
          <div>
            <dt>{T.ruleSet}</dt>
            <dd>{p.ruleSet}</dd>
          </div>
          <div>
            <dt>{T.submittedAt}</dt>
            <dd>{dateTime(p.submittedAt)}</dd>
          </div>
        </dl>
        {p.reason && (
          <p className={terminal && stage !== 'certified' ? 'error' : 'muted'} data-testid="product-reason">
            {T.reason}: {reasonText(p.reason, lang, dateTime, (s) => tx('stage', s))}
          </p>
        )}
        {withdrawalDate(stage, dueAt) && (
          <p className="warning" data-testid="withdrawal-warning">
            {lang === 'vi'
              ? `Đã quá hạn: sản phẩm sẽ bị rút khỏi chu trình vào ${dateTime(withdrawalDate(stage, dueAt))} nếu chưa nộp.`
              : `Past its deadline: the product will be withdrawn on ${dateTime(withdrawalDate(stage, dueAt))} unless this step is done.`}
          </p>
        )}
      </Card>

      {role && ['district_coordinator', 'provincial_coordinator', 'admin'].includes(role) && stage === 'awaiting_idea_review' && (
        <section className="card actions-panel" aria-label={C.reviewTitle}>
          <h2>{C.reviewTitle}</h2>
          <ReviewForm product={p} onDone={() => Promise.all([product.reload(), timeline.reload()])} />
        </section>
      )}
      {role && DOSSIER_CHECKERS.includes(role) && stage === 'awaiting_commune_check' && (
        <section className="card actions-panel" aria-label={C.checkTitle}>
          <DossierCheckForm product={p} onDone={() => Promise.all([product.reload(), timeline.reload()])} />
        </section>
      )}

      <Card title={T.nextDeadline}>
        <div className="pp-deadline" data-testid="next-deadline">
          {dueAt ? (
            <>
              <span className="muted">{stage === 'awaiting_lab_test' ? T.labDue : fill(T.stepDue, { stage: tx('stage', stage) })}</span>
              <time dateTime={dueAt} data-testid="due-at">
                {dateTime(dueAt)}
              </time>
              <Countdown dueAt={dueAt} />
            </>
          ) : calendarDue && sessionLevel ? (
            <>
              <span className="muted">{fill(T.sessionDue, { level: inSentence(sessionLevel) })}</span>
              {currentSession && (
                <span>{fill(T.sessionOn, { level: inSentence(currentSession.level), date: dateTime(currentSession.sessionDate) })}</span>
              )}
              <time dateTime={calendarDue} data-testid="due-at">
                {dateTime(calendarDue)}
              </time>
              <Countdown dueAt={calendarDue} />
            </>
          ) : (
            <span className="muted">{terminal ? T.journeyOver : T.noDeadline}</span>
          )}
        </div>
      </Card>

      {certificateNo && (
        <Card title={t('certificate')}>
          <dl className="pp-facts">
            <div>
              <dt>{t('certificateNo')}</dt>
              <dd data-testid="certificate-no">{certificateNo}</dd>
            </div>
            {typeof issued?.stars === 'number' && (
              <div>
                <dt>{T.certificateStars}</dt>
                <dd>
                  <Stars count={issued.stars} />
                </dd>
              </div>
            )}
            {typeof issued?.issuedAt === 'string' && (
              <div>
                <dt>{t('issuedAt')}</dt>
                <dd>{date(issued.issuedAt)}</dd>
              </div>
            )}
            {typeof issued?.expiresAt === 'string' && (
              <div>
                <dt>{t('expiresAt')}</dt>
                <dd>{date(issued.expiresAt)}</dd>
              </div>
            )}
          </dl>
          <div className="pp-actions">
            <Link className="button" to={`/verify/${encodeURIComponent(certificateNo)}`} data-testid="certificate-verify-link">
              {T.verifyLink}
            </Link>
            <button type="button" className="secondary" data-testid="certificate-document" onClick={() => void openDocument(certificateNo)}>
              {T.printDocument}
            </button>
          </div>
          <ErrorBanner error={documentError} />
          {role === 'producer' && stage === 'certified' && (
            <Reevaluate product={p} certificateNo={certificateNo} onDone={() => Promise.all([product.reload(), timeline.reload()])} />
          )}
          {(role === 'provincial_coordinator' || role === 'admin') && <DecisionForm certificateNo={certificateNo} />}
        </Card>
      )}

      {(results.length > 0 || !terminal || stage === 'certified') && (
        <Scores results={results} ruleSet={p.ruleSet} memberNames={memberNames} openable={openableSessions} />
      )}

      {attempts.length > 0 && <Lab attempts={attempts} />}

      <Card>
        <DocumentsPanel productId={p.id} checklist />
      </Card>

      {timeline.loading && !timeline.data ? <Loading /> : <Timeline events={events} />}
      {timeline.data?.productId === id &&
        timeline.data.otherCycles?.map((c) => (
          <Timeline
            key={c.workflowId}
            events={c.events}
            testId="timeline-other"
            title={fill(T.otherCycle, { year: String(c.cycleYear), province: c.province })}
          />
        ))}
    </div>
  );
}
