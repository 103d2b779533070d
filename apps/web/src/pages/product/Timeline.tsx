// The product's full history: every event, translated, with who did it (name and role) and when.
import { Card, StageBadge } from '../../components/common';
import { useI18n, useTexts } from '../../i18n';
import type { TimelineEntry } from '../../types';
import { number } from './Scores';
import { fill, PRODUCT_TEXTS, textOf, type ProductText } from './texts';

type Texts = Record<ProductText, string>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** What an event says beyond its type, in a line (reason, scores, dates …). */
function useDetail(): (event: TimelineEntry) => string | undefined {
  const T = useTexts(PRODUCT_TEXTS);
  const { tx, lang, date, dateTime } = useI18n();
  const level = (value: unknown) => tx('level', str(value));
  // A level inside a sentence: "phiên cấp huyện", "forwarded to province".
  const inSentence = (value: unknown) => level(value).toLocaleLowerCase(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const stepName = (step: unknown) => {
    const s = str(step) ?? '';
    return textOf(T, `step_${s}`) ?? tx('stage', s);
  };
  return (event) => {
    const p = event.payload;
    switch (event.type) {
      case 'IdeaSubmitted':
        return str(p.name);
      case 'IdeaRevised':
        return [str(p.newName), str(p.note)].filter(Boolean).join(' — ') || undefined;
      case 'BusinessPlanSubmitted':
        return str(p.summary);
      case 'DossierSubmitted': {
        const parts =
          p.selfAssessment && typeof p.selfAssessment === 'object' ? Object.entries(p.selfAssessment as Record<string, number>) : [];
        return parts.length ? fill(T.selfAssessment, { parts: parts.map(([k, v]) => `${k} ${number(v, lang)}`).join(', ') }) : undefined;
      }
      case 'EnteredSession':
        return fill(T.enteredDetail, { level: lang === 'vi' ? inSentence(p.level) : level(p.level), date: dateTime(str(p.sessionDate)) });
      case 'DistrictScored':
      case 'ProvinceScored':
      case 'CentralScored': {
        const mean = num(p.mean);
        if (mean === undefined) return undefined;
        const outcome = str(p.forwardedTo)
          ? fill(T.forwardedTo, { level: inSentence(p.forwardedTo) })
          : (textOf(T, `outcome_${str(p.outcome)}`) ?? str(p.outcome) ?? '');
        return fill(T.scoredDetail, { mean: number(mean, lang), stars: num(p.stars) ?? 0, outcome });
      }
      case 'ScorecardSubmitted':
      case 'ScorecardRevised': {
        const total = num(p.total);
        return total === undefined ? undefined : fill(T.scorecardDetail, { total: number(total, lang) });
      }
      case 'LabTestPassed':
      case 'LabTestFailed': {
        const failed = Array.isArray(p.failedIndicators) ? (p.failedIndicators as string[]) : [];
        return failed.length ? fill(T.failedIndicators, { list: failed.join(', ') }) : str(p.reason);
      }
      case 'ForwardedToLevel':
        return fill(T.forwardedTo, { level: inSentence(p.to) });
      case 'StarsRecognised':
        return `${num(p.stars) ?? ''}★ — ${level(p.level)}`;
      case 'CertificateIssued':
        return fill(T.certificateDetail, { no: str(p.certificateNo) ?? '', stars: num(p.stars) ?? '', date: date(str(p.expiresAt)) });
      case 'DeadlineMissed':
        return fill(T.missedDetail, { step: stepName(p.step), date: dateTime(str(p.missedDueAt)) });
      case 'ProductWithdrawn':
        return str(p.reason);
      case 'ReminderSent':
        return str(p.kind) === 'missed'
          ? fill(T.reminderMissed, { step: stepName(p.step) })
          : fill(T.reminderBefore, { step: stepName(p.step), n: num(p.daysBefore) ?? '' });
      case 'IdeaRejected':
      case 'IdeaChangesRequested':
      case 'CommuneChecked':
      case 'DossierChecked':
      case 'NotQualified':
        return str(p.reason);
      default:
        return str(p.reason);
    }
  };
}

function actorText(
  event: TimelineEntry,
  T: Texts,
  tx: (prefix: string, value: string | undefined) => string,
): { who: string; role: string; person: boolean } {
  const { actor } = event;
  if (actor.role === 'system') {
    const part = actor.label.split(':')[1];
    return { who: tx('role', 'system'), role: part ? (textOf(T, `sys_${part}`) ?? part) : '', person: false };
  }
  const role = tx('role', actor.role);
  if (actor.name) return { who: actor.name, role, person: true };
  return { who: role, role: actor.userId ? `${actor.userId.slice(0, 8)}…` : '', person: true };
}

export function Timeline({ events, title, testId = 'timeline' }: { events: TimelineEntry[]; title?: string; testId?: string }) {
  const T = useTexts(PRODUCT_TEXTS);
  const { t, tx, dateTime } = useI18n();
  const detail = useDetail();
  let previousStage: string | undefined;
  return (
    <Card
      title={title ?? t('timeline')}
      actions={
        <span className="muted" data-testid="timeline-count">
          {fill(T.events, { n: events.length })}
        </span>
      }
    >
      {events.length === 0 ? (
        <p className="muted">{T.noEvents}</p>
      ) : (
        <ol className="pp-timeline" data-testid={testId}>
          {events.map((event) => {
            const who = actorText(event, T, tx);
            // The stage the journey moved to, where this event moved it.
            const after = str(event.payload.stage);
            const stage = after !== previousStage ? after : undefined;
            previousStage = after ?? previousStage;
            const line = detail(event);
            return (
              <li
                key={`${event.streamId}:${event.streamSeq}`}
                className={who.person ? 'person' : 'system'}
                data-testid="timeline-event"
                data-type={event.type}
              >
                <div className="pp-event">
                  <span>{textOf(T, `ev_${event.type}`) ?? event.type}</span>
                  {stage && <StageBadge stage={stage} />}
                </div>
                <div className="pp-event-meta">
                  <time dateTime={event.at}>{dateTime(event.at)}</time>
                  <span>
                    {who.who}
                    {who.role && <span> · {who.role}</span>}
                  </span>
                </div>
                {line && <div className="pp-event-detail">{line}</div>}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
