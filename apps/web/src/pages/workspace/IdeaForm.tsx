// A new product idea for a cycle: name, product group (of the cycle's rule set), district, cycle year.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { post } from '../../api';
import { useAuth } from '../../auth';
import { Card, ErrorBanner } from '../../components/common';
import { useGet } from '../../hooks';
import { useI18n, useTexts } from '../../i18n';
import { ALL_PRODUCT_GROUPS, DISTRICTS, productGroupsOf, type Named } from '../../reference';
import type { Product } from '../../types';
import { fill, WORKSPACE_TEXTS } from './texts';
import { useAction } from './useAction';

interface Cycle {
  provinceCode: string;
  year: number;
  ruleSet: string;
  status: string;
}

/** The product groups of a rule set. 1489/2025 amends only the scoring annex of 148/2023 and keeps its groups. */
export function groupsOfRuleSet(ruleSet: string | undefined): Named[] {
  if (!ruleSet) return ALL_PRODUCT_GROUPS;
  const own = productGroupsOf(ruleSet);
  if (own.length > 0) return own;
  if (ruleSet === 'QD1489-2025') return productGroupsOf('QD148-2023');
  return ALL_PRODUCT_GROUPS;
}

export function IdeaForm({ onDone, onCancel }: { onDone: (product: Product, message: string) => void; onCancel: () => void }) {
  const T = useTexts(WORKSPACE_TEXTS);
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const organisationId = user?.organisationId;
  const cycles = useGet<Cycle[]>('/cycles');
  const organisation = useGet<{ districtCode: string }>(organisationId ? `/organisations/${organisationId}` : null);
  const thisYear = new Date().getFullYear();

  const years = useMemo(() => {
    const open = (cycles.data ?? [])
      .filter((c) => c.status !== 'closed' && c.year >= thisYear - 1 && c.year <= thisYear + 1)
      .map((c) => c.year);
    return [...new Set([thisYear, thisYear + 1, ...open])].sort((a, b) => b - a);
  }, [cycles.data, thisYear]);

  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [district, setDistrict] = useState('');
  const [year, setYear] = useState(thisYear);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const action = useAction();

  // A product's district is its organisation's.
  useEffect(() => {
    if (!district && organisation.data?.districtCode) setDistrict(organisation.data.districtCode);
  }, [organisation.data, district]);

  const cycle = cycles.data?.find((c) => c.year === year);
  const groups = groupsOfRuleSet(cycle?.ruleSet);
  useEffect(() => {
    if (group && !groups.some((g) => g.code === group)) setGroup('');
  }, [groups, group]);

  if (!organisationId) return <p className="error">{T.noOrganisation}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const found: Record<string, string> = {
      ...(trimmed.length < 2 || trimmed.length > 200 ? { name: T.nameLength } : {}),
      ...(group ? {} : { group: T.groupRequired }),
      ...(district ? {} : { district: T.districtRequired }),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const created = await action.run(() =>
      post<Product>('/products', { organisationId, name: trimmed, productGroup: group, district, cycleYear: year }),
    );
    if (created) {
      setName('');
      onDone(created, fill(T.ideaSubmitted, { name: created.name }));
    }
  };

  const label = (n: Named) => (lang === 'vi' ? n.vi : (n.en ?? n.vi));
  return (
    <Card title={T.newIdeaTitle}>
      <form className="form" onSubmit={submit} noValidate aria-label={T.newIdeaTitle} data-testid="idea-form">
        <label>
          {T.name}
          <input
            name="name"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={problems.name ? true : undefined}
          />
          {problems.name && (
            <span className="field-problem" role="alert">
              {problems.name}
            </span>
          )}
        </label>
        <label>
          {T.cycleYear}
          <select name="cycleYear" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {cycles.data && !cycle && <span className="muted ws-hint">{fill(T.noCycle, { year })}</span>}
        </label>
        <label>
          {t('productGroup')}
          <select
            name="productGroup"
            value={group}
            onChange={(e) => setGroup(e.target.value)}
            aria-invalid={problems.group ? true : undefined}
          >
            <option value="">{T.chooseGroup}</option>
            {groups.map((g) => (
              <option key={g.code} value={g.code}>
                {label(g)}
              </option>
            ))}
          </select>
          {problems.group && (
            <span className="field-problem" role="alert">
              {problems.group}
            </span>
          )}
        </label>
        <label>
          {t('district')}
          <select
            name="district"
            value={district}
            onChange={(e) => setDistrict(e.target.value)}
            aria-invalid={problems.district ? true : undefined}
            // A product's district is its organisation's (the API refuses another).
            disabled={Boolean(organisation.data?.districtCode)}
          >
            <option value="">—</option>
            {DISTRICTS.map((d) => (
              <option key={d.code} value={d.code}>
                {label(d)}
              </option>
            ))}
          </select>
          {problems.district && (
            <span className="field-problem" role="alert">
              {problems.district}
            </span>
          )}
        </label>
        <ErrorBanner error={action.error} />
        <div className="ws-buttons">
          <button type="submit" disabled={action.busy}>
            {T.submitIdea}
          </button>
          <button type="button" className="secondary" onClick={onCancel} disabled={action.busy}>
            {T.close}
          </button>
        </div>
      </form>
    </Card>
  );
}
