// The central office's national view: every province's products and stars of a year against its target, the
// nominees awaiting the central council, and the certificates expiring in the next 90 days. Each province opens
// the national register filtered to it.
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorBanner, Loading, ProductLink, Stars } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';

const TEXTS = {
  vi: {
    title: 'Toàn quốc',
    intro: 'Sản phẩm và hạng sao theo tỉnh, chỉ tiêu, sản phẩm đề cử chờ hội đồng trung ương và giấy chứng nhận sắp hết hạn.',
    year: 'Năm chu trình',
    province: 'Tỉnh, thành phố',
    products: 'Sản phẩm',
    certified: 'Đã công nhận',
    target: 'Chỉ tiêu',
    reached: 'Đạt chỉ tiêu',
    nominees: 'Đề cử chờ trung ương',
    noTarget: 'Chưa đặt',
    noCycle: 'Chưa mở chu trình',
    nation: 'Toàn quốc',
    provinces: 'Theo tỉnh',
    noneProvinces: 'Năm này chưa tỉnh nào có sản phẩm hoặc chu trình.',
    nomineesTitle: 'Sản phẩm đề cử 5 sao chờ hội đồng trung ương',
    noneNominees: 'Không có sản phẩm đề cử nào đang chờ.',
    organisation: 'Chủ thể',
    since: 'Chờ từ',
    inSession: 'Đã vào phiên',
    expiringTitle: 'Giấy chứng nhận hết hạn trong {days} ngày tới',
    noneExpiring: 'Không có giấy chứng nhận nào sắp hết hạn.',
    certificateNo: 'Số giấy chứng nhận',
    expires: 'Hết hạn',
    register: 'Sổ đăng ký',
    dashboardOf: 'Bảng điều phối',
    ofTotal: '{shown} / {total}',
  },
  en: {
    title: 'National view',
    intro: 'Products and stars by province, targets, nominees awaiting the central council and certificates about to expire.',
    year: 'Cycle year',
    province: 'Province',
    products: 'Products',
    certified: 'Certified',
    target: 'Target',
    reached: 'Target reached',
    nominees: 'Nominees awaiting the centre',
    noTarget: 'None set',
    noCycle: 'No cycle opened',
    nation: 'Nationwide',
    provinces: 'By province',
    noneProvinces: 'No province has products or a cycle this year.',
    nomineesTitle: '5★ nominees awaiting the central council',
    noneNominees: 'No nominee is waiting.',
    organisation: 'Producer',
    since: 'Waiting since',
    inSession: 'In a session',
    expiringTitle: 'Certificates expiring in the next {days} days',
    noneExpiring: 'No certificate is about to expire.',
    certificateNo: 'Certificate no.',
    expires: 'Expires',
    register: 'Register',
    dashboardOf: 'Dashboard',
    ofTotal: '{shown} of {total}',
  },
};

interface ProvinceRow {
  provinceCode: string;
  name: string;
  nameEn: string;
  ruleSet: string | null;
  products: number;
  stars: { three: number; four: number; five: number };
  certified: number;
  target: number | null;
  nominees: number;
}
interface National {
  year: number;
  provinces: ProvinceRow[];
  total: ProvinceRow;
  nominees: {
    productId: string;
    name: string;
    provinceCode: string;
    provinceName: string;
    organisationName: string | null;
    sessionId: string | null;
    since: string;
  }[];
  nomineesTotal: number;
  expiring: { certificateNo: string; productId: string; productName: string; provinceName: string; stars: number; expiresAt: string }[];
  expiringTotal: number;
  expiringWithinDays: number;
}

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

export function NationalPage() {
  const T = useTexts(TEXTS);
  const { lang, date } = useI18n();
  const number = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const [year, setYear] = useState(() => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear());
  const national = useGet<National>(`/national?year=${year}`);
  const data = national.data;
  const nameOf = (p: ProvinceRow) => (lang === 'vi' ? p.name : p.nameEn);
  // A no-break space between the number and its sign.
  const reached = (p: ProvinceRow) => (p.target ? `${number(Math.round((100 * p.certified) / p.target))}\u00a0%` : T.noTarget);

  return (
    <div className="national">
      <h1>{T.title}</h1>
      <p className="muted">{T.intro}</p>
      <div className="toolbar">
        <label>
          {T.year}
          <input
            type="number"
            inputMode="numeric"
            name="year"
            min={2018}
            max={2100}
            value={year}
            onChange={(e) => {
              const next = Number(e.target.value);
              if (Number.isInteger(next) && next >= 2018 && next <= 2100) setYear(next);
            }}
            data-testid="national-year"
          />
        </label>
      </div>
      <ErrorBanner error={national.error} />
      {!data ? (
        national.loading && <Loading />
      ) : (
        <>
          <div className="kpis" data-testid="national-kpis">
            <div className="kpi">
              <div className="muted">{T.products}</div>
              <div className="value">{number(data.total.products)}</div>
            </div>
            <div className="kpi">
              <div className="muted">{T.certified}</div>
              <div className="value">{number(data.total.certified)}</div>
              <div className="muted">
                3★ {number(data.total.stars.three)} · 4★ {number(data.total.stars.four)} · 5★ {number(data.total.stars.five)}
              </div>
            </div>
            <div className="kpi">
              <div className="muted">{T.nominees}</div>
              <div className="value">{number(data.nomineesTotal)}</div>
            </div>
            <div className="kpi">
              <div className="muted">{fill(T.expiringTitle, { days: data.expiringWithinDays })}</div>
              <div className="value">{number(data.expiringTotal)}</div>
            </div>
          </div>

          <section aria-labelledby="national-provinces">
            <h2 id="national-provinces">{T.provinces}</h2>
            {data.provinces.length === 0 ? (
              <p className="muted">{T.noneProvinces}</p>
            ) : (
              <div className="table-scroll">
                <table data-testid="national-provinces">
                  <thead>
                    <tr>
                      <th scope="col">{T.province}</th>
                      <th scope="col">{T.products}</th>
                      <th scope="col">3★</th>
                      <th scope="col">4★</th>
                      <th scope="col">5★</th>
                      <th scope="col">{T.target}</th>
                      <th scope="col">{T.reached}</th>
                      <th scope="col">{T.nominees}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.provinces.map((p) => (
                      <tr key={p.provinceCode} data-testid="national-province">
                        <th scope="row">
                          <Link to={`/register?province=${encodeURIComponent(p.provinceCode)}&cycleYear=${data.year}`}>{nameOf(p)}</Link>
                          {p.ruleSet ? (
                            <div>
                              <Link
                                to={`/dashboard?province=${encodeURIComponent(p.provinceCode)}&year=${data.year}`}
                                data-testid="national-province-dashboard"
                              >
                                {T.dashboardOf}
                              </Link>
                            </div>
                          ) : (
                            <div className="muted">{T.noCycle}</div>
                          )}
                        </th>
                        <td>{number(p.products)}</td>
                        <td>{number(p.stars.three)}</td>
                        <td>{number(p.stars.four)}</td>
                        <td>{number(p.stars.five)}</td>
                        <td>{p.target === null ? T.noTarget : number(p.target)}</td>
                        <td>{reached(p)}</td>
                        <td>{number(p.nominees)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{T.nation}</th>
                      <td>{number(data.total.products)}</td>
                      <td>{number(data.total.stars.three)}</td>
                      <td>{number(data.total.stars.four)}</td>
                      <td>{number(data.total.stars.five)}</td>
                      <td>{data.total.target === null ? T.noTarget : number(data.total.target)}</td>
                      <td>{reached(data.total)}</td>
                      <td>{number(data.total.nominees)}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </section>

          <ListedSection
            id="national-nominees"
            title={T.nomineesTitle}
            empty={T.noneNominees}
            headers={[T.products, T.province, T.organisation, T.since]}
            shown={data.nominees.length}
            total={data.nomineesTotal}
            ofTotal={T.ofTotal}
          >
            {data.nominees.map((n) => (
              <tr key={n.productId} data-testid="national-nominee">
                <td>
                  <ProductLink id={n.productId}>{n.name}</ProductLink>
                  {n.sessionId && (
                    <div className="muted">
                      <Link to={`/sessions/${encodeURIComponent(n.sessionId)}`}>{T.inSession}</Link>
                    </div>
                  )}
                </td>
                <td>{n.provinceName}</td>
                <td>{n.organisationName ?? '—'}</td>
                <td>{date(n.since)}</td>
              </tr>
            ))}
          </ListedSection>

          <ListedSection
            id="national-expiring"
            title={fill(T.expiringTitle, { days: data.expiringWithinDays })}
            empty={T.noneExpiring}
            headers={[T.certificateNo, T.products, T.province, '★', T.expires]}
            shown={data.expiring.length}
            total={data.expiringTotal}
            ofTotal={T.ofTotal}
          >
            {data.expiring.map((c) => (
              <tr key={c.certificateNo}>
                <td>
                  <Link to={`/verify/${encodeURIComponent(c.certificateNo)}`}>{c.certificateNo}</Link>
                </td>
                <td>
                  <ProductLink id={c.productId}>{c.productName}</ProductLink>
                </td>
                <td>{c.provinceName}</td>
                <td>
                  <Stars count={c.stars} />
                </td>
                <td>{date(c.expiresAt)}</td>
              </tr>
            ))}
          </ListedSection>
        </>
      )}
    </div>
  );
}

/** A titled list of the national view: its table (testid = id), "none" when empty, "n of total" when cut. */
function ListedSection(props: {
  id: string;
  title: string;
  empty: string;
  headers: readonly string[];
  shown: number;
  total: number;
  ofTotal: string;
  children: ReactNode;
}) {
  const { id, title, empty, headers, shown, total, ofTotal, children } = props;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {shown === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid={id}>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
          {total > shown && <p className="muted">{fill(ofTotal, { shown, total })}</p>}
        </div>
      )}
    </section>
  );
}
