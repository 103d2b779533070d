// Lab testing: each attempt, its due date, and the indicators passed or failed.
import { Card, Countdown } from '../../components/common';
import { useI18n, useTexts } from '../../i18n';
import type { JourneyState, TimelineEntry } from '../../types';
import { fill, PRODUCT_TEXTS } from './texts';

interface Indicator {
  indicator: string;
  value?: string;
  passed: boolean;
}

interface Attempt {
  attempt: number;
  requestedAt?: string;
  dueAt?: string;
  status: 'pending' | 'passed' | 'failed';
  overdue: boolean;
  indicators?: Indicator[];
  failedIndicators?: string[];
}

const asIndicators = (value: unknown): Indicator[] | undefined =>
  Array.isArray(value)
    ? value.filter((i): i is Indicator => typeof i === 'object' && i !== null && typeof (i as Indicator).indicator === 'string')
    : undefined;

/** The attempts told by the timeline, completed with the live state's current request. */
export function labAttempts(events: TimelineEntry[], lab: JourneyState['lab'] | undefined): Attempt[] {
  const attempts = new Map<number, Attempt>();
  const of = (n: number): Attempt => {
    if (!attempts.has(n)) attempts.set(n, { attempt: n, status: 'pending', overdue: false });
    return attempts.get(n)!;
  };
  for (const event of events) {
    const n = Number(event.payload.attempt ?? 1);
    if (event.type === 'LabTestRequested') {
      of(n).requestedAt = event.at;
      if (typeof event.payload.dueAt === 'string') of(n).dueAt = event.payload.dueAt;
    } else if (event.type === 'LabTestPassed') {
      Object.assign(of(n), { status: 'passed', indicators: asIndicators(event.payload.indicators) });
    } else if (event.type === 'LabTestFailed') {
      const failed = Array.isArray(event.payload.failedIndicators) ? (event.payload.failedIndicators as string[]) : undefined;
      Object.assign(of(n), { status: 'failed', overdue: event.payload.overdue === true, failedIndicators: failed });
    }
  }
  if (lab) {
    const current = of(lab.attempt);
    current.dueAt = lab.dueAt;
    if (lab.results?.length) {
      current.indicators = lab.results;
      if (current.status === 'pending') current.status = lab.results.every((r) => r.passed) ? 'passed' : 'failed';
    }
  }
  return [...attempts.values()].sort((a, b) => a.attempt - b.attempt);
}

export function Lab({ attempts }: { attempts: Attempt[] }) {
  const T = useTexts(PRODUCT_TEXTS);
  const { dateTime } = useI18n();
  return (
    <Card title={T.lab}>
      {attempts.map((a) => (
        <section key={a.attempt} className="pp-level" data-testid={`lab-attempt-${a.attempt}`} data-status={a.status}>
          <div className="pp-level-head">
            <h3>{fill(T.attempt, { n: a.attempt })}</h3>
            <span
              className={`badge ${a.status === 'passed' ? 'good' : a.status === 'failed' ? 'bad' : 'wait'}`}
              data-testid={`lab-status-${a.attempt}`}
            >
              {a.status === 'passed' ? T.passed : a.status === 'failed' ? (a.overdue ? T.overdueResult : T.failed) : T.pending}
            </span>
            {a.status === 'pending' && a.dueAt && (
              <span>
                {T.labDue}: {dateTime(a.dueAt)} · <Countdown dueAt={a.dueAt} />
              </span>
            )}
          </div>
          {a.indicators && a.indicators.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">{T.indicator}</th>
                  <th scope="col">{T.value}</th>
                  <th scope="col">{T.result}</th>
                </tr>
              </thead>
              <tbody>
                {a.indicators.map((i) => (
                  <tr key={i.indicator} data-testid="lab-indicator" data-passed={i.passed}>
                    <td>{i.indicator}</td>
                    <td>{i.value ?? '—'}</td>
                    <td className={i.passed ? 'pp-pass' : 'pp-fail'}>{i.passed ? `✓ ${T.passed}` : `✗ ${T.failed}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            a.failedIndicators &&
            a.failedIndicators.length > 0 && <p className="pp-fail">{fill(T.failedIndicators, { list: a.failedIndicators.join(', ') })}</p>
          )}
        </section>
      ))}
    </Card>
  );
}

export type { Attempt };
