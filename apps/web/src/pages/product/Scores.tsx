// Score results per level: mean, stars, outcome, each part's mean against its maximum, each member's total.
import { formatDecimal } from '../../format';
import { Link } from 'react-router-dom';
import { Card, Stars } from '../../components/common';
import { useI18n, useTexts } from '../../i18n';
import { partsOf } from '../../reference';
import type { LevelResult } from '../../types';
import { PRODUCT_TEXTS, textOf } from './texts';

export const number = (value: number, lang: 'vi' | 'en'): string => formatDecimal(value, lang);
const shortId = (id: string) => `${id.slice(0, 8)}…`;

/** `openable`: the sessions the user may open (a link to each). */
export function Scores({
  results,
  ruleSet,
  memberNames,
  openable,
}: {
  results: LevelResult[];
  ruleSet: string;
  memberNames: Map<string, string>;
  openable: ReadonlySet<string>;
}) {
  const T = useTexts(PRODUCT_TEXTS);
  const { tx, lang } = useI18n();
  const parts = partsOf(ruleSet);
  return (
    <Card title={T.scores}>
      {results.length === 0 && <p className="muted">{T.noScores}</p>}
      {results.map((result, index) => {
        const level = result.level;
        const scored = result.totals.length > 0 || result.mean > 0;
        const outcomeTone =
          result.outcome === 'recognised' || result.outcome === 'passed' ? 'good' : result.outcome === 'forwarded' ? 'wait' : 'bad';
        return (
          <section key={`${level}-${index}`} className="pp-level" data-testid={`score-${level}`}>
            <div className="pp-level-head">
              <h3>{tx('level', level)}</h3>
              {scored && (
                <span>
                  <span className="muted">{T.mean}: </span>
                  <span className="pp-mean" data-testid={`score-mean-${level}`}>
                    {number(result.mean, lang)}
                  </span>
                  <span className="muted">{T.outOf}</span>
                </span>
              )}
              {result.stars > 0 && (
                <span data-testid={`score-stars-${level}`} data-stars={result.stars}>
                  <Stars count={result.stars} />
                </span>
              )}
              <span className={`badge ${outcomeTone}`} data-testid={`score-outcome-${level}`}>
                {textOf(T, `outcome_${result.outcome}`) ?? result.outcome}
              </span>
              {result.sessionId && openable.has(result.sessionId) && (
                <Link to={`/sessions/${encodeURIComponent(result.sessionId)}`} className="muted">
                  {T.openSession}
                </Link>
              )}
            </div>
            {scored && (
              <div className="pp-tables">
                {result.perPartMean && (
                  <div>
                    <h4>{T.parts}</h4>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{T.part}</th>
                          <th scope="col" className="num">
                            {T.meanShort}
                          </th>
                          <th scope="col" className="num">
                            {T.max}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {(parts.length
                          ? parts
                          : Object.keys(result.perPartMean).map((code) => ({ code, vi: code, en: code, max: NaN }))
                        ).map((part) => (
                          <tr key={part.code}>
                            <td>
                              <strong>{part.code}.</strong> {lang === 'vi' ? part.vi : part.en}
                            </td>
                            <td className="num" data-testid={`score-part-${level}-${part.code}`}>
                              {result.perPartMean?.[part.code] === undefined ? '—' : number(result.perPartMean[part.code]!, lang)}
                            </td>
                            <td className="num muted" data-testid={`score-part-max-${level}-${part.code}`}>
                              {Number.isNaN(part.max) ? '—' : part.max}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {result.totals.length > 0 && (
                  <div>
                    <h4>{T.members}</h4>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{T.member}</th>
                          <th scope="col" className="num">
                            {T.total}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {result.totals.map((t, i) => (
                          <tr key={t.memberId} data-member-id={t.memberId}>
                            <td title={t.memberId}>{memberNames.get(t.memberId) ?? `${T.member} ${i + 1} (${shortId(t.memberId)})`}</td>
                            <td className="num" data-testid={`score-member-${level}-${i}`}>
                              {number(t.total, lang)}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            )}
          </section>
        );
      })}
    </Card>
  );
}
