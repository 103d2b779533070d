// The register of products, organisations and certificates: server-side search (with or without diacritics),
// filters, sorting and paging; the URL holds the filters, so every number on the dashboard opens it filtered.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get, query } from '../api';
import { useAuth } from '../auth';
import { useGet } from '../hooks';
import { ErrorBanner, Loading, ProductLink, StageBadge, Stars } from '../components/common';
import { useI18n, useTexts, type Lang } from '../i18n';
import { ALL_PRODUCT_GROUPS, DISTRICTS, districtName, groupName } from '../reference';
import type { Product } from '../types';
import { IN_PROGRESS_STAGES, pathStages, STOPPED_STAGES } from './dashboard/stages';

const TEXTS = {
  vi: {
    intro: 'Tìm theo tên sản phẩm, chủ thể hoặc số giấy chứng nhận — gõ có dấu hay không dấu đều được.',
    search: 'Tìm kiếm',
    products: 'Sản phẩm',
    organisations: 'Chủ thể',
    certificates: 'Giấy chứng nhận',
    cycleYear: 'Năm chu trình',
    sort: 'Sắp xếp',
    sort_newest: 'Mới đăng ký trước',
    sort_name: 'Theo tên',
    sort_due: 'Hạn gần nhất trước',
    overdueOnly: 'Chỉ quá hạn',
    anyStars: 'Mọi hạng sao',
    none: 'Không có kết quả phù hợp.',
    allShown: 'Đã hiện tất cả {total}.',
    status: 'Trạng thái',
    taxCode: 'Mã số thuế',
    expires: 'Hết hạn',
    stagesChosen: '{n} giai đoạn',
    clearStages: 'Bỏ chọn tất cả',
    done: 'Xong',
    province: 'Tỉnh, thành phố',
  },
  en: {
    intro: 'Search by product name, producer or certificate number — with or without Vietnamese diacritics.',
    search: 'Search',
    products: 'Products',
    organisations: 'Producers',
    certificates: 'Certificates',
    cycleYear: 'Cycle year',
    sort: 'Sort',
    sort_newest: 'Newest first',
    sort_name: 'By name',
    sort_due: 'Earliest deadline first',
    overdueOnly: 'Overdue only',
    anyStars: 'Any stars',
    none: 'Nothing matches.',
    allShown: 'All {total} shown.',
    status: 'Status',
    taxCode: 'Tax code',
    expires: 'Expires',
    stagesChosen: '{n} stages',
    clearStages: 'Clear all',
    done: 'Done',
    province: 'Province',
  },
};

type Tab = 'products' | 'organisations' | 'certificates';
const PAGE = 50;
// Every stage, in the order a product meets them (those a rule set may skip included), then the stopped ones.
const STAGES = [
  ...new Set([...IN_PROGRESS_STAGES.filter((s) => !pathStages(undefined).includes(s)), ...pathStages(undefined), ...STOPPED_STAGES]),
];

interface Page<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}
interface Organisation {
  id: string;
  name: string;
  districtCode: string;
  producerType: string;
  taxCode: string | null;
}
interface Certificate {
  certificateNo: string;
  productId: string;
  productName: string;
  producerName: string | null;
  districtCode: string;
  stars: number;
  status: string;
  expiresAt: string;
}

/** Loads page after page of a list; `more` appends the next one (cursor or offset), a new path starts again. */
function usePaged<T>(path: string, offsetPaging: boolean) {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState<number>();
  const [cursor, setCursor] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const load = useCallback(
    async (append: boolean, from?: string, offset = 0) => {
      setLoading(true);
      try {
        const sep = path.includes('?') ? '&' : '?';
        const page = await get<Page<T>>(
          `${path}${sep}${offsetPaging ? `offset=${offset}` : from ? `cursor=${from}` : ''}`.replace(/[?&]$/, ''),
        );
        setItems((old) => (append ? [...old, ...page.items] : page.items));
        setTotal(page.total);
        setCursor(page.nextCursor);
        setError(undefined);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [path, offsetPaging],
  );
  useEffect(() => {
    void load(false);
  }, [load]);
  const hasMore = offsetPaging ? total !== undefined && items.length < total : cursor !== undefined;
  return { items, total, error, loading, hasMore, more: () => load(true, cursor, items.length) };
}

export function RegisterPage() {
  const T = useTexts(TEXTS);
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'products';
  const [typed, setTyped] = useState(params.get('q') ?? '');
  useEffect(() => setTyped(params.get('q') ?? ''), [params]);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    set({ q: typed.trim() });
  };
  const v = (k: string) => params.get(k) ?? '';
  const chosenStages = v('stage').split(',').filter(Boolean);
  // The national register: the central office (and admin) sees every province and picks one.
  const { user } = useAuth();
  const national = user?.role === 'central_coordinator' || user?.role === 'admin';

  return (
    <div className="register">
      <h1>{t('register')}</h1>
      <p className="muted">{T.intro}</p>
      <div className="tabs" role="group" aria-label={t('register')}>
        {(['products', 'organisations', 'certificates'] as const).map((x) => (
          <button
            key={x}
            type="button"
            aria-pressed={tab === x}
            onClick={() => set({ tab: x === 'products' ? undefined : x })}
            data-testid={`tab-${x}`}
          >
            {T[x]}
          </button>
        ))}
      </div>
      <form className="toolbar" role="search" onSubmit={search}>
        <label className="grow">
          {T.search}
          <input type="search" name="q" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="register-search" />
        </label>
        <button type="submit">{T.search}</button>
      </form>
      <div className="toolbar">
        {national && (
          <ProvinceFilter value={v('province')} onChange={(province) => set({ province, district: undefined, commune: undefined })} />
        )}
        <label>
          {t('district')}
          <select value={v('district')} onChange={(e) => set({ district: e.target.value })} name="district">
            <option value="">{t('all')}</option>
            {DISTRICTS.map((d) => (
              <option key={d.code} value={d.code}>
                {d.vi}
              </option>
            ))}
          </select>
        </label>
        {tab !== 'organisations' && (
          <>
            <label>
              {T.cycleYear}
              <input
                type="number"
                inputMode="numeric"
                value={v('cycleYear')}
                onChange={(e) => set({ cycleYear: e.target.value })}
                name="cycleYear"
                min={2018}
                max={2100}
              />
            </label>
            <label>
              {t('stars')}
              <select value={v('stars')} onChange={(e) => set({ stars: e.target.value })} name="stars">
                <option value="">{T.anyStars}</option>
                {[3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}★
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {tab === 'products' && (
          <>
            {(v('province') || user?.provinceCode) && (
              <CommuneFilter
                province={v('province') || user!.provinceCode!}
                value={v('commune')}
                onChange={(commune) => set({ commune })}
              />
            )}
            <StagePicker chosen={chosenStages} onChange={(stages) => set({ stage: stages.join(',') })} />
            <label>
              {t('productGroup')}
              <select value={v('productGroup')} onChange={(e) => set({ productGroup: e.target.value })} name="productGroup">
                <option value="">{t('all')}</option>
                {ALL_PRODUCT_GROUPS.map((g) => (
                  <option key={g.code} value={g.code}>
                    {lang === 'vi' ? g.vi : (g.en ?? g.vi)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {T.sort}
              <select
                value={v('sort') || 'newest'}
                onChange={(e) => set({ sort: e.target.value === 'newest' ? undefined : e.target.value })}
                name="sort"
              >
                {(['newest', 'name', 'due'] as const).map((s) => (
                  <option key={s} value={s}>
                    {T[`sort_${s}`]}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <span>{T.overdueOnly}</span>
              <input
                type="checkbox"
                checked={v('overdue') === 'true'}
                onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
                name="overdue"
              />
            </label>
          </>
        )}
      </div>
      {tab === 'products' && <ProductsList params={params} lang={lang} />}
      {tab === 'organisations' && <OrganisationsList params={params} />}
      {tab === 'certificates' && <CertificatesList params={params} />}
    </div>
  );
}

/**
 * The stages to list, several at once (the URL keeps them as stage=a,b): a button that opens a group of check boxes,
 * saying how many are chosen — usable with a thumb on a phone, and by keyboard (Escape closes it).
 */
function StagePicker({ chosen, onChange }: { chosen: string[]; onChange: (stages: string[]) => void }) {
  const T = useTexts(TEXTS);
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const summary =
    chosen.length === 0
      ? t('all')
      : chosen.length === 1
        ? t(`stage_${chosen[0]}` as never)
        : T.stagesChosen.replace('{n}', String(chosen.length));
  const toggle = (stage: string, on: boolean) =>
    onChange(on ? STAGES.filter((s) => s === stage || chosen.includes(s)) : chosen.filter((s) => s !== stage));
  return (
    <div className="stage-picker" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <span className="stage-picker-label" id="stage-picker-label">
        {t('stage')}
      </span>
      <button
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls="stage-picker-options"
        aria-describedby="stage-picker-label"
        onClick={() => setOpen(!open)}
        data-testid="stage-picker"
      >
        {summary} ▾
      </button>
      {open && (
        <fieldset id="stage-picker-options" className="stage-picker-options" data-testid="stage-options">
          <legend className="sr-only">{t('stage')}</legend>
          {STAGES.map((stage, i) => (
            <label key={stage} className="check">
              <input
                type="checkbox"
                name="stage"
                value={stage}
                checked={chosen.includes(stage)}
                onChange={(e) => toggle(stage, e.target.checked)}
                autoFocus={i === 0}
              />
              <span>{t(`stage_${stage}` as never)}</span>
            </label>
          ))}
          <div className="ws-buttons">
            <button type="button" className="link" onClick={() => onChange([])} disabled={chosen.length === 0}>
              {T.clearStages}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {T.done}
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}

/** A commune cycle's products by commune (the province's communes on the 2025 map; GET /products?commune=). */
function CommuneFilter({ province, value, onChange }: { province: string; value: string; onChange: (commune: string) => void }) {
  const { t } = useI18n();
  const communes = useGet<{ code: string; vi: string }[]>(`/reference-data/provinces/${encodeURIComponent(province)}/communes`, undefined, {
    anonymous: true,
  });
  return (
    <label>
      {t('commune')}
      <select value={value} onChange={(e) => onChange(e.target.value)} name="commune" data-testid="register-commune">
        <option value="">{t('all')}</option>
        {(communes.data ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {c.vi}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The national register's province filter (the provinces of the reference data). */
function ProvinceFilter({ value, onChange }: { value: string; onChange: (province: string) => void }) {
  const T = useTexts(TEXTS);
  const { t, lang } = useI18n();
  const reference = useGet<{ provinces: { code: string; vi: string; en: string }[] }>('/reference-data', undefined, { anonymous: true });
  return (
    <label>
      {T.province}
      <select value={value} onChange={(e) => onChange(e.target.value)} name="province" data-testid="register-province">
        <option value="">{t('all')}</option>
        {(reference.data?.provinces ?? []).map((p) => (
          <option key={p.code} value={p.code}>
            {lang === 'vi' ? p.vi : p.en}
          </option>
        ))}
      </select>
    </label>
  );
}

function Pager({
  shown,
  total,
  hasMore,
  loading,
  more,
}: {
  shown: number;
  total: number | undefined;
  hasMore: boolean;
  loading: boolean;
  more: () => void;
}) {
  const T = useTexts(TEXTS);
  const { t } = useI18n();
  if (total === undefined) return null;
  return (
    <div className="pager">
      <span data-testid="register-count">{hasMore ? t('showing', { shown, total }) : T.allShown.replace('{total}', String(total))}</span>
      {hasMore && (
        <button type="button" className="secondary" onClick={more} disabled={loading} data-testid="load-more">
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}

/** One column of a register table: its heading and what a row shows in it. */
interface Column<T> {
  head: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

/**
 * A list of the register as it loads page by page: its refusal, "nothing matches", the table (one row per item,
 * `register-row`), and the pager that says how many there are and loads more.
 */
function RegisterTable<T>({
  label,
  testId,
  list,
  columns,
  rowKey,
  rowData,
}: {
  label: string;
  testId: string;
  list: ReturnType<typeof usePaged<T>>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowData?: (row: T) => Record<`data-${string}`, string>;
}) {
  const T = useTexts(TEXTS);
  return (
    <section aria-label={label}>
      <ErrorBanner error={list.error} />
      {list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.items.length === 0 && !list.error ? (
        <p className="muted">{T.none}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid={testId}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.head} scope="col">
                    {c.head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.items.map((row) => (
                <tr key={rowKey(row)} data-testid="register-row" {...rowData?.(row)}>
                  {columns.map((c) => (
                    <td key={c.head} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager shown={list.items.length} total={list.total} hasMore={list.hasMore} loading={list.loading} more={() => void list.more()} />
    </section>
  );
}

function ProductsList({ params, lang }: { params: URLSearchParams; lang: Lang }) {
  const T = useTexts(TEXTS);
  const { t, dateTime } = useI18n();
  const pick = (k: string) => params.get(k) ?? undefined;
  const path = `/products${query({ province: pick('province'), q: pick('q'), cycleYear: pick('cycleYear'), stage: pick('stage'), district: pick('district'), commune: pick('commune'), productGroup: pick('productGroup'), stars: pick('stars'), overdue: pick('overdue'), sort: pick('sort'), limit: PAGE })}`;
  const list = usePaged<Product>(path, false);
  return (
    <RegisterTable
      label={T.products}
      testId="register-products"
      list={list}
      rowKey={(p) => p.workflowId}
      rowData={(p) => ({ 'data-product-id': p.id, 'data-stage': p.stage })}
      columns={[
        {
          head: t('product'),
          cell: (p) => (
            <>
              <ProductLink id={p.id}>{p.name}</ProductLink>
              <div className="muted">
                {groupName(p.productGroup, lang)} · {p.cycleYear}
                {p.certificateNo ? ` · ${p.certificateNo}` : ''}
              </div>
            </>
          ),
        },
        { head: t('producer'), cell: (p) => p.organisationName ?? '—' },
        {
          head: t('district'),
          cell: (p) => (
            <>
              {districtName(p.district, lang)}
              {p.communeName && <div className="muted">{p.communeName}</div>}
            </>
          ),
        },
        { head: t('stage'), cell: (p) => <StageBadge stage={p.stage} /> },
        { head: t('stars'), cell: (p) => <Stars count={p.stage === 'certified' ? p.stars : undefined} /> },
        {
          head: t('dueAt'),
          cell: (p) => (
            <span className={p.overdue ? 'countdown overdue' : undefined}>
              {p.dueAt && !['certified', ...STOPPED_STAGES].includes(p.stage) ? dateTime(p.dueAt) : '—'}
            </span>
          ),
        },
      ]}
    />
  );
}

function OrganisationsList({ params }: { params: URLSearchParams }) {
  const T = useTexts(TEXTS);
  const { t, lang } = useI18n();
  const path = `/organisations${query({ province: params.get('province'), q: params.get('q'), district: params.get('district'), limit: PAGE })}`;
  const list = usePaged<Organisation>(path, true);
  return (
    <RegisterTable
      label={T.organisations}
      testId="register-organisations"
      list={list}
      rowKey={(o) => o.id}
      columns={[
        { head: T.organisations, cell: (o) => <Link to={`/register?${new URLSearchParams({ q: o.name })}`}>{o.name}</Link> },
        { head: t('district'), cell: (o) => districtName(o.districtCode, lang) },
        { head: T.taxCode, cell: (o) => o.taxCode ?? '—' },
      ]}
    />
  );
}

function CertificatesList({ params }: { params: URLSearchParams }) {
  const T = useTexts(TEXTS);
  const { t, tx, lang, date } = useI18n();
  const path = `/certificates${query({ province: params.get('province'), q: params.get('q'), district: params.get('district'), stars: params.get('stars'), cycleYear: params.get('cycleYear'), limit: PAGE })}`;
  const list = usePaged<Certificate>(path, true);
  return (
    <RegisterTable
      label={T.certificates}
      testId="register-certificates"
      list={list}
      rowKey={(c) => c.certificateNo}
      columns={[
        {
          head: t('certificateNo'),
          cell: (c) => <Link to={`/verify/${encodeURIComponent(c.certificateNo)}`}>{c.certificateNo}</Link>,
        },
        {
          head: t('product'),
          cell: (c) => (
            <>
              <ProductLink id={c.productId}>{c.productName}</ProductLink>
              <div className="muted">{districtName(c.districtCode, lang)}</div>
            </>
          ),
        },
        { head: t('producer'), cell: (c) => c.producerName ?? '—' },
        { head: t('stars'), cell: (c) => <Stars count={c.stars} /> },
        { head: T.status, cell: (c) => tx('status', c.status) },
        { head: T.expires, cell: (c) => date(c.expiresAt) },
      ]}
    />
  );
}
