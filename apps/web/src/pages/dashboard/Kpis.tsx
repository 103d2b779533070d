// Headline numbers and the cycle's targets against what was achieved.
import { useTexts } from '../../i18n';
import { NumLink, registerHref } from './register-link';
import { DASHBOARD_TEXTS, fill } from './texts';
import { TARGET_KEYS, type CycleProgress } from './types';

export function Overview({ progress }: { progress: CycleProgress }) {
  const T = useTexts(DASHBOARD_TEXTS);
  // Overdue and upcoming count lab requests, sessions and inspections too; the register opens on the products among them.
  const cards: { testId: string; label: string; value: number; tone?: string; to: string }[] = [
    { testId: 'total-products', label: T.totalProducts, value: progress.totals.products, to: registerHref(progress, {}) },
    {
      testId: 'certified-count',
      label: T.certifiedProducts,
      value: progress.certified,
      tone: progress.certified > 0 ? 'met' : undefined,
      to: registerHref(progress, { stage: 'certified' }),
    },
    {
      testId: 'overdue-count',
      label: T.overdueItems,
      value: progress.overdue.total,
      tone: progress.overdue.total > 0 ? 'alert' : undefined,
      to: registerHref(progress, { overdue: 'true', sort: 'due' }),
    },
    {
      testId: 'upcoming-count',
      label: fill(T.upcomingItems, { days: progress.upcoming.days }),
      value: progress.upcoming.total,
      to: registerHref(progress, { sort: 'due' }),
    },
  ];
  return (
    <section className="kpis db-overview" aria-label={T.overview}>
      {cards.map((c) => (
        <div key={c.testId} className={`kpi ${c.tone ?? ''}`}>
          <div className="value" data-testid={c.testId}>
            <NumLink to={c.to}>{c.value}</NumLink>
          </div>
          <div className="muted db-kpi-label">{c.label}</div>
        </div>
      ))}
    </section>
  );
}

export function Targets({ progress }: { progress: CycleProgress }) {
  const T = useTexts(DASHBOARD_TEXTS);
  return (
    <section aria-labelledby="db-targets">
      <h2 id="db-targets" className="db-section-title">
        {T.targets}
      </h2>
      <div className="kpis db-targets">
        {TARGET_KEYS.map((key) => {
          const target = progress.targets[key];
          const share = target.target > 0 ? Math.min(100, Math.round((target.actual / target.target) * 100)) : 100;
          const noTarget = target.status === 'no_target' || target.target <= 0;
          return (
            <div key={key} className={`kpi ${target.met ? 'met' : 'missed'}`} data-testid={`kpi-card-${key}`} data-met={target.met}>
              <div className="db-target-head">
                <span>
                  ≥ <strong data-testid={`kpi-target-${key}`}>{target.target}</strong> {T[`target_${key}`]}
                </span>
                <span className={`badge ${target.met ? 'good' : noTarget ? '' : 'wait'}`}>
                  {noTarget ? T.noTarget : target.met ? T.met : T.missed}
                </span>
              </div>
              <div className="value" data-testid={`kpi-${key}`}>
                {target.actual}
              </div>
              <div
                className="db-bar"
                role="progressbar"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={share}
                aria-label={T[`target_${key}`]}
              >
                <span style={{ width: `${share}%` }} />
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
