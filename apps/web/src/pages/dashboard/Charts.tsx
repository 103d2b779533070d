// The dashboard's charts, each with a plain table of the same numbers (readable by tests and screen readers).
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { NumLink, registerHref } from './register-link';
import { EChart, type EChartOption } from '../../components/EChart';
import { Card } from '../../components/common';
import { useI18n, useTexts } from '../../i18n';
import { DISTRICTS, districtName, type Named } from '../../reference';
import { certifiedThrough, IN_PROGRESS_STAGES, listedStages, STOPPED_STAGES } from './stages';
import { DASHBOARD_TEXTS } from './texts';
import type { CycleProgress } from './types';

const STAGE_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#1d5fa8', '#08519c', '#083f7a', '#062f5c'];
const GOOD = '#1b7f3b';
const BAD = '#b3261e';
const WAIT = '#2171b5';
const GOLD = '#e0a100';

/** Stages off the main line of the journey (a request for changes returns to the idea review). */
const SIDE_STAGES = ['idea_submitted', 'changes_requested'];

const TEXT = { color: '#1d232a', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif' };

export function StageFunnel({ progress, narrow }: { progress: CycleProgress; narrow: boolean }) {
  const T = useTexts(DASHBOARD_TEXTS);
  const { tx } = useI18n();
  const navigate = useNavigate();
  const byStage = progress.totals.byStage;
  const { path, stopped } = listedStages(progress.ruleSet, byStage);
  const count = (stage: string) => byStage[stage] ?? 0;
  // How far the products got: every product reached the first step; a later step, those now at it or beyond it.
  // A stopped product is counted at the first step only (where it stopped is not in the numbers). A request for
  // changes loops back to the idea review: it is no step of the funnel.
  const steps = path.filter((stage) => !SIDE_STAGES.includes(stage));
  const reachedOf = new Map(
    steps.map((stage, i) => [
      stage,
      i === 0
        ? progress.totals.products
        : steps
            .slice(i)
            .reduce((n, s) => n + (s === 'certified' ? certifiedThrough(progress.ruleSet, stage, progress.stars) : count(s)), 0),
    ]),
  );
  // The chart redraws (and animates) only when a number changes, not on every poll.
  const stageKey = JSON.stringify([byStage, progress.totals.products]);

  const option = useMemo<EChartOption>(() => {
    const data = steps.map((stage, i) => ({
      name: tx('stage', stage),
      value: reachedOf.get(stage)!,
      now: count(stage),
      itemStyle: { color: stage === 'certified' ? GOOD : STAGE_COLOURS[Math.min(i, STAGE_COLOURS.length - 1)] },
    }));
    return {
      textStyle: TEXT,
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const item = p as { name: string; value: number; data: { now: number } };
          return `${item.name}<br/>${T.reached}: <b>${item.value}</b><br/>${T.now}: <b>${item.data.now}</b>`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max: Math.max(1, progress.totals.products),
          minSize: '4%',
          maxSize: '100%',
          gap: 2,
          left: 0,
          top: 6,
          bottom: 6,
          width: narrow ? '38%' : '44%',
          funnelAlign: 'center',
          label: {
            show: true,
            position: 'right',
            formatter: '{c}  {b}',
            fontSize: narrow ? 11 : 12,
            color: '#1d232a',
            overflow: 'truncate',
            width: narrow ? 200 : 300,
          },
          labelLine: { show: true, length: 8, lineStyle: { color: '#b8c2cc' } },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { label: { fontWeight: 'bold' } },
          data,
        },
      ],
    };
  }, [stageKey, progress.ruleSet, tx, narrow, T]);

  return (
    <Card title={T.funnel}>
      <p className="muted db-note">{T.funnelNote}</p>
      <div className="db-split">
        <EChart
          option={option}
          height={Math.max(220, steps.length * 28 + 12)}
          label={T.funnelChart}
          testId="chart-funnel"
          onItemClick={(i) => {
            if (steps[i]) void navigate(registerHref(progress, { stage: steps[i] }));
          }}
        />
        <div className="table-scroll">
          <table className="db-table" data-testid="stage-table">
            <caption className="db-sr-only">{T.funnel}</caption>
            <thead>
              <tr>
                <th scope="col">{T.onTheWay}</th>
                <th scope="col" className="num">
                  {T.now}
                </th>
                <th scope="col" className="num">
                  {T.reached}
                </th>
              </tr>
            </thead>
            <tbody>
              {path.map((stage) => (
                <tr key={stage}>
                  <td>{tx('stage', stage)}</td>
                  <td className="num" data-testid={`stage-count-${stage}`}>
                    <NumLink to={registerHref(progress, { stage })}>{count(stage)}</NumLink>
                  </td>
                  {reachedOf.has(stage) ? (
                    <td className="num muted" data-testid={`stage-reached-${stage}`}>
                      {reachedOf.get(stage)}
                    </td>
                  ) : (
                    <td className="num muted">—</td>
                  )}
                </tr>
              ))}
            </tbody>
            <tbody>
              <tr className="db-subhead">
                <th scope="rowgroup" colSpan={3}>
                  {T.stopped}
                </th>
              </tr>
              {stopped.map((stage) => (
                <tr key={stage}>
                  <td>{tx('stage', stage)}</td>
                  <td className="num" data-testid={`stage-count-${stage}`}>
                    <NumLink to={registerHref(progress, { stage })}>{count(stage)}</NumLink>
                  </td>
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Card>
  );
}

export function StarsChart({ progress }: { progress: CycleProgress }) {
  const T = useTexts(DASHBOARD_TEXTS);
  const navigate = useNavigate();
  const levels = [
    ...new Set([
      3,
      4,
      5,
      ...Object.keys(progress.stars)
        .map(Number)
        .filter((n) => n > 0),
    ]),
  ].sort();
  const count = (n: number) => progress.stars[String(n)] ?? 0;
  const starsKey = JSON.stringify(progress.stars);
  const option = useMemo<EChartOption>(
    () => ({
      textStyle: TEXT,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: levels.map((n) => `${n}★`), axisLabel: { fontSize: 13 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: T.products,
          data: levels.map(count),
          itemStyle: { color: GOLD, borderRadius: [4, 4, 0, 0] },
          barMaxWidth: 56,
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [starsKey, T],
  );
  return (
    <Card title={T.starsTitle}>
      {progress.certified === 0 && <p className="muted db-note">{T.noCertified}</p>}
      <EChart
        option={option}
        height={220}
        label={T.starsChart}
        testId="chart-stars"
        onItemClick={(i) => {
          if (levels[i]) void navigate(registerHref(progress, { stage: 'certified', stars: levels[i] }));
        }}
      />
      <table className="db-table db-inline">
        <caption className="db-sr-only">{T.starsTitle}</caption>
        <tbody>
          <tr>
            {levels.map((n) => (
              <td key={n}>
                <span className="stars">{'★'.repeat(n)}</span>{' '}
                <strong data-testid={`stars-count-${n}`}>
                  <NumLink to={registerHref(progress, { stage: 'certified', stars: n })}>{count(n)}</NumLink>
                </strong>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </Card>
  );
}

interface DistrictRow {
  code: string;
  name: string;
  total: number;
  inProgress: number;
  certified: number;
  stopped: number;
}

/** `districts`: the province's own (another province's codes are not Lào Cai's named districts). */
export function DistrictChart({ progress, districts = DISTRICTS }: { progress: CycleProgress; districts?: Named[] }) {
  const T = useTexts(DASHBOARD_TEXTS);
  const { lang, t } = useI18n();
  const navigate = useNavigate();
  const cellsKey = JSON.stringify([progress.provinceCode, progress.filters.district, progress.byStageDistrictGroup]);
  const rows = useMemo<DistrictRow[]>(() => {
    const filtered = progress.filters.district;
    const codes = filtered
      ? [filtered]
      : [
          ...new Set([
            ...(progress.provinceCode === 'lao-cai' ? districts.map((d) => d.code) : []),
            ...progress.byStageDistrictGroup.map((c) => c.districtCode),
          ]),
        ];
    return codes.map((code) => {
      const cells = progress.byStageDistrictGroup.filter((c) => c.districtCode === code);
      const sum = (keep: (stage: string) => boolean) => cells.filter((c) => keep(c.stage)).reduce((n, c) => n + c.products, 0);
      return {
        code,
        name: nameIn(districts, code, lang),
        total: sum(() => true),
        certified: sum((s) => s === 'certified'),
        stopped: sum((s) => STOPPED_STAGES.includes(s)),
        inProgress: sum((s) => s !== 'certified' && !STOPPED_STAGES.includes(s)),
      };
    });
  }, [cellsKey, lang, districts]);

  const option = useMemo<EChartOption>(() => {
    // Top to bottom in the order of the table.
    const shown = [...rows].reverse();
    const series = (name: string, key: 'inProgress' | 'certified' | 'stopped', color: string) => ({
      type: 'bar' as const,
      name,
      stack: 'products',
      data: shown.map((r) => r[key]),
      itemStyle: { color },
      barMaxWidth: 22,
      label: {
        show: true,
        formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
        color: '#fff',
        fontSize: 11,
      },
    });
    return {
      textStyle: TEXT,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shown.map((r) => r.name.replace(/^(Huyện|Thị xã|Thành phố) /, '')), axisLabel: { fontSize: 12 } },
      series: [series(T.inProgress, 'inProgress', WAIT), series(T.certified, 'certified', GOOD), series(T.stopped, 'stopped', BAD)],
    };
  }, [rows, T]);

  return (
    <Card title={T.byDistrict}>
      <EChart
        option={option}
        height={Math.max(160, rows.length * 30 + 50)}
        label={T.districtChart}
        testId="chart-districts"
        onItemClick={(i) => {
          const row = [...rows].reverse()[i];
          if (row) void navigate(registerHref(progress, { district: row.code }));
        }}
      />
      <div className="table-scroll">
        <table className="db-table" data-testid="district-table">
          <caption className="db-sr-only">{T.byDistrict}</caption>
          <thead>
            <tr>
              <th scope="col">{t('district')}</th>
              <th scope="col" className="num">
                {T.total}
              </th>
              <th scope="col" className="num">
                {T.inProgress}
              </th>
              <th scope="col" className="num">
                {T.certified}
              </th>
              <th scope="col" className="num">
                {T.stopped}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td>{r.name}</td>
                <td className="num" data-testid={`district-total-${r.code}`}>
                  <NumLink to={registerHref(progress, { district: r.code })}>{r.total}</NumLink>
                </td>
                <td className="num" data-testid={`district-inprogress-${r.code}`}>
                  <NumLink to={registerHref(progress, { district: r.code, stage: IN_PROGRESS_STAGES })}>{r.inProgress}</NumLink>
                </td>
                <td className="num" data-testid={`district-certified-${r.code}`}>
                  <NumLink to={registerHref(progress, { district: r.code, stage: 'certified' })}>{r.certified}</NumLink>
                </td>
                <td className="num" data-testid={`district-stopped-${r.code}`}>
                  <NumLink to={registerHref(progress, { district: r.code, stage: STOPPED_STAGES })}>{r.stopped}</NumLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function nameIn(districts: Named[], code: string, lang: 'vi' | 'en'): string {
  const d = districts.find((x) => x.code === code);
  return d ? (lang === 'vi' ? d.vi : (d.en ?? d.vi)) : districtName(code, lang);
}
