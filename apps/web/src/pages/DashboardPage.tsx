// The coordinators' dashboard of a cycle: products by stage, stars, districts, targets vs actual, and what is
// overdue or due soon — from GET /cycles/:province/:year/progress, refreshed every 10 seconds.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { query } from '../api';
import { formatTime } from '../format';
import { useAuth } from '../auth';
import { Card, ErrorBanner, Loading } from '../components/common';
import { ProgressReports } from '../components/documents/ProgressReports';
import { useGet, useMediaQuery } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { DISTRICTS, productGroupsOf, type Named } from '../reference';
import { DistrictChart, StageFunnel, StarsChart } from './dashboard/Charts';
import { Deadlines } from './dashboard/Deadlines';
import { Overview, Targets } from './dashboard/Kpis';
import { DASHBOARD_TEXTS, fill } from './dashboard/texts';
import type { CycleProgress, CycleSummary } from './dashboard/types';
import './dashboard/dashboard.css';

const POLL_MS = 10_000;

interface ReferenceProvince {
  code: string;
  vi: string;
  en: string;
  districts: Named[];
}

export function DashboardPage() {
  const T = useTexts(DASHBOARD_TEXTS);
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const narrow = useMediaQuery('(max-width: 640px)');
  const [params, setParams] = useSearchParams();
  // The central office (and admin) chooses the province (?province=); a province's coordinators see their own.
  const national = user?.role === 'central_coordinator' || user?.role === 'admin';
  const province = (national ? params.get('province') : null) ?? user?.provinceCode ?? 'lao-cai';
  const reference = useGet<{ provinces: ReferenceProvince[] }>('/reference-data', undefined, { anonymous: true });
  // The district filter offers the province's own districts (the old map's, where its organisations registered).
  const districts = useMemo(
    () => reference.data?.provinces.find((p) => p.code === province)?.districts ?? (province === 'lao-cai' ? DISTRICTS : []),
    [reference.data, province],
  );
  const districtLabel = (code: string) => {
    const d = districts.find((x) => x.code === code);
    return d ? (lang === 'vi' ? d.vi : (d.en ?? d.vi)) : code;
  };
  const fixedDistrict = user?.role === 'district_coordinator' ? user.districtCode : undefined;

  const cycles = useGet<CycleSummary[]>('/cycles');
  const ofProvince = (cycles.data ?? []).filter((c) => c.provinceCode === province).sort((a, b) => b.year - a.year);
  const latestOpen = ofProvince.find((c) => c.status === 'open') ?? ofProvince[0];
  const cycle = ofProvince.find((c) => String(c.year) === params.get('year')) ?? latestOpen;
  const groups = cycle ? productGroupsOf(cycle.ruleSet) : [];
  const district = fixedDistrict ?? params.get('district') ?? '';
  const group = groups.some((g) => g.code === params.get('group')) ? params.get('group')! : '';

  const path = cycle
    ? `/cycles/${encodeURIComponent(province)}/${cycle.year}/progress${query({ district: district || undefined, productGroup: group || undefined })}`
    : null;
  const progress = useGet<CycleProgress>(path, POLL_MS);
  // The data of the filters on screen only (a switch of filters shows "loading", not the previous numbers).
  const data =
    progress.data &&
    cycle &&
    progress.data.provinceCode === province &&
    progress.data.year === cycle.year &&
    (progress.data.filters.district ?? '') === district &&
    (progress.data.filters.productGroup ?? '') === group
      ? progress.data
      : undefined;

  const choose = (key: 'province' | 'year' | 'district' | 'group', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'year' || key === 'province') next.delete('group'); // another cycle may have another rule set and its own groups
    if (key === 'province') ['year', 'district'].forEach((k) => next.delete(k));
    setParams(next, { replace: true });
  };

  const updatedAt = data ? formatTime(data.asOf) : undefined;

  return (
    <div className="db">
      <header className="db-head">
        <h1>
          {T.title} {cycle ? cycle.year : ''}
        </h1>
        <p className="muted db-updated">
          <span aria-live="polite">{updatedAt && <span data-testid="updated-at">{fill(T.updatedAt, { time: updatedAt })}</span>}</span>
          {path && (
            <button type="button" className="link" onClick={() => void progress.reload()}>
              ↻ {t('refresh')}
            </button>
          )}
        </p>
      </header>

      <ErrorBanner error={cycles.error} />
      {cycles.loading && !cycles.data && <Loading />}
      {cycles.data && !cycle && <p className="warning">{T.noCycle}</p>}

      {cycle && (
        <form className="filters db-filters card" onSubmit={(e) => e.preventDefault()}>
          {national && (
            <label>
              {T.province}
              <select data-testid="filter-province" value={province} onChange={(e) => choose('province', e.target.value)}>
                {(reference.data?.provinces ?? [{ code: province, vi: province, en: province }]).map((p) => (
                  <option key={p.code} value={p.code}>
                    {lang === 'vi' ? p.vi : p.en}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {T.year}
            <select data-testid="filter-year" value={cycle.year} onChange={(e) => choose('year', e.target.value)}>
              {ofProvince.map((c) => (
                <option key={c.year} value={c.year}>
                  {c.year} ({c.status === 'open' ? T.cycleOpen : T.cycleClosed})
                </option>
              ))}
            </select>
          </label>
          <label title={fixedDistrict ? T.fixedDistrict : undefined}>
            {t('district')}
            <select
              data-testid="filter-district"
              value={district}
              disabled={Boolean(fixedDistrict)}
              onChange={(e) => choose('district', e.target.value)}
            >
              {!fixedDistrict && <option value="">{T.allDistricts}</option>}
              {fixedDistrict && !districts.some((d) => d.code === fixedDistrict) && (
                <option value={fixedDistrict}>{districtLabel(fixedDistrict)}</option>
              )}
              {districts
                .filter((d) => !fixedDistrict || d.code === fixedDistrict)
                .map((d) => (
                  <option key={d.code} value={d.code}>
                    {districtLabel(d.code)}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('productGroup')}
            <select data-testid="filter-group" value={group} onChange={(e) => choose('group', e.target.value)}>
              <option value="">{T.allGroups}</option>
              {groups.map((g) => (
                <option key={g.code} value={g.code}>
                  {lang === 'vi' ? g.vi : (g.en ?? g.vi)}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}

      <ErrorBanner error={progress.error} />
      {cycle && !data && !progress.error && <Loading />}

      {data && (
        <div
          data-testid="dashboard"
          data-province={data.provinceCode}
          data-district={data.filters.district ?? ''}
          data-group={data.filters.productGroup ?? ''}
          data-year={data.year}
          data-as-of={data.asOf}
        >
          <ProgressReports province={province} year={data.year} filters={data.filters} />
          <Overview progress={data} />
          <Targets progress={data} />
          <StageFunnel progress={data} narrow={narrow} />
          <Deadlines overdue={data.overdue} upcoming={data.upcoming} />
          <div className="grid two db-charts">
            <StarsChart progress={data} />
            <DistrictChart progress={data} districts={districts} />
          </div>
          {data.areaLevel === 'commune' && <CommuneTable progress={data} />}
        </div>
      )}
    </div>
  );
}

/** A commune cycle groups by commune (the 2025 map): each commune's products, and those awaiting its check. */
function CommuneTable({ progress }: { progress: CycleProgress }) {
  const T = useTexts(DASHBOARD_TEXTS);
  return (
    <Card title={T.byCommune}>
      <div className="table-scroll">
        <table data-testid="by-commune">
          <thead>
            <tr>
              <th scope="col">{T.communeCol}</th>
              <th scope="col">{T.productsCol}</th>
              <th scope="col">{T.awaitingCheckCol}</th>
            </tr>
          </thead>
          <tbody>
            {progress.byArea.map((area) => (
              <tr key={area.code ?? '-'} data-commune={area.code ?? ''}>
                <th scope="row">{area.name}</th>
                <td>{area.products}</td>
                <td>{area.byStage['awaiting_commune_check'] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
