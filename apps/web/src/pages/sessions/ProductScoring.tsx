// One product on a session's agenda: the producer's dossier, the council's scorecards, and — for a member — the
// scorecard form with the part maxima, the member's total and the spread warning against the other members.
// A member scoring on a wide screen (≥ 1100 px) has the dossier open beside the scorecard, which stays in view as
// the documents scroll; on a phone the dossier folds above the scorecard.
import { useState, type FormEvent } from 'react';
import { post } from '../../api';
import { ErrorBanner, ProductLink, StageBadge, Stars } from '../../components/common';
import { DocumentsPanel } from '../../components/documents/DocumentsPanel';
import { useMediaQuery } from '../../hooks';
import { useI18n, useTexts } from '../../i18n';
import { groupName, MAX_SPREAD_POINTS, type ScoringPart } from '../../reference';
import { emptyParts, PartInputs, totalOf, useCheckParts, type PartValues } from '../workspace/PartInputs';
import { roundScore, useAction } from '../workspace/useAction';
import { fill, SESSION_TEXTS } from './texts';
import type { Scorecard, ScorecardResult, SessionProduct } from './types';

export interface ProductScoringProps {
  sessionId: string;
  open: boolean;
  parts: ScoringPart[];
  product: SessionProduct;
  /** This session's latest scorecards for the product (the live state when there is one). */
  cards: Scorecard[];
  memberName: (memberId: string) => string;
  mustRevise: string[];
  result?: { outcome: string; mean?: number; stars?: number };
  /** The user's id when they sit on the council (they may score), else undefined. */
  memberId?: string;
  onScored: () => Promise<unknown>;
}

/** From this width a member's dossier and scorecard sit side by side (sessions.css has the same breakpoint). */
const SIDE_BY_SIDE = '(min-width: 1100px)';

const isLink = (text: string) => /^https?:\/\/\S+$/i.test(text);

export function ProductScoring(props: ProductScoringProps) {
  const { product, parts, cards, memberName, mustRevise, result, memberId, open } = props;
  const T = useTexts(SESSION_TEXTS);
  const { lang, dateTime, decimal } = useI18n();
  const [message, setMessage] = useState<string>();
  const myCard = memberId ? cards.find((c) => c.memberId === memberId) : undefined;
  const totals = cards.map((c) => c.total);
  const spread = totals.length >= 2 ? roundScore(Math.max(...totals) - Math.min(...totals)) : undefined;
  const partName = (p: ScoringPart) => (lang === 'vi' ? p.vi : p.en);
  const selfTotal = product.dossier ? roundScore(Object.values(product.dossier.selfAssessment).reduce((s, v) => s + v, 0)) : undefined;
  const group = product.productGroupName ?? (product.productGroup ? groupName(product.productGroup, lang) : undefined);
  const wide = useMediaQuery(SIDE_BY_SIDE);
  const scoring = memberId !== undefined && open;

  return (
    <article className="card sc-product" data-testid="session-product" data-product-id={product.productId}>
      <header className="ws-head">
        <h2 className="ws-name">
          <ProductLink id={product.productId}>{product.name}</ProductLink>
        </h2>
        {product.stage && <StageBadge stage={product.stage} />}
      </header>
      <p className="muted ws-meta">
        {[group, product.districtName, product.organisationName && `${T.producer}: ${product.organisationName}`]
          .filter(Boolean)
          .join(' · ')}
      </p>

      {result && (
        <p className={result.outcome === 'scored' ? 'success' : 'warning'} data-testid="result">
          {T.result}:{' '}
          {result.outcome === 'scored' ? (
            <>
              {fill(T.resultScored, { mean: decimal(result.mean) })} <Stars count={result.stars} />
            </>
          ) : (
            T.resultMissing
          )}
        </p>
      )}

      <div className={scoring ? 'sc-split' : undefined} data-testid="scoring-layout" data-side-by-side={String(scoring && wide)}>
        <div className="sc-pane sc-pane-dossier">
          <details className="sc-dossier" open={!memberId || wide} data-testid="dossier">
            <summary>
              {T.dossier}
              {selfTotal !== undefined && (
                <span className="muted">
                  {' '}
                  — {T.selfTotal}: {decimal(selfTotal)}
                </span>
              )}
            </summary>
            {product.dossier ? (
              <>
                <ul className="plain sc-self">
                  {parts.map((p) => (
                    <li key={p.code}>
                      <span>
                        {p.code}. {partName(p)}
                      </span>
                      <strong>
                        {decimal(product.dossier!.selfAssessment[p.code])}/{p.max}
                      </strong>
                    </li>
                  ))}
                </ul>
                <p className="ws-meta">{T.evidence}:</p>
                <ul className="sc-evidence">
                  {product.dossier.evidence.map((e, i) => (
                    <li key={i}>
                      {isLink(e) ? (
                        <a href={e} target="_blank" rel="noreferrer noopener">
                          {e}
                        </a>
                      ) : (
                        e
                      )}
                    </li>
                  ))}
                </ul>
                <p className="muted ws-meta">
                  {T.submittedAt}: {dateTime(product.dossier.submittedAt)}
                </p>
              </>
            ) : (
              <p className="muted">{T.noDossier}</p>
            )}
            <DocumentsPanel productId={product.productId} checklist />
          </details>
        </div>
        <div className="sc-pane sc-pane-score">
          <h3 className="sc-h3">{T.scorecards}</h3>
          {cards.length === 0 ? (
            <p className="muted">{T.noScorecards}</p>
          ) : (
            <div className="table-scroll">
              <table className="sc-cards" data-testid="scorecards">
                <thead>
                  <tr>
                    <th>{T.member}</th>
                    {parts.map((p) => (
                      <th key={p.code} className="num">
                        {p.code}
                      </th>
                    ))}
                    <th className="num">{T.total}</th>
                    <th className="num">{T.revision}</th>
                  </tr>
                </thead>
                <tbody>
                  {cards.map((c) => (
                    <tr key={c.memberId} className={c.memberId === memberId ? 'sc-mine' : undefined} data-member-id={c.memberId}>
                      <td>
                        {memberName(c.memberId)}
                        {mustRevise.includes(c.memberId) && <span className="badge bad sc-flag">{T.mustReviseBadge}</span>}
                      </td>
                      {parts.map((p) => (
                        <td key={p.code} className="num">
                          {decimal(c.parts[p.code])}
                        </td>
                      ))}
                      <td className="num">
                        <strong>{decimal(c.total)}</strong>
                      </td>
                      <td className="num">{c.revision}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {spread !== undefined && (
            <p className={`ws-meta ${spread > MAX_SPREAD_POINTS ? 'sc-spread-bad' : 'muted'}`} data-testid="spread-now">
              {fill(T.spreadNow, { points: decimal(spread) })}
            </p>
          )}

          {memberId && open && (
            <>
              {message && (
                <p className="success" role="status" data-testid="score-success">
                  {message}
                </p>
              )}
              <ScorecardForm
                key={`${product.productId}:${myCard?.revision ?? 0}`}
                {...props}
                memberId={memberId}
                myCard={myCard}
                onDone={async (text) => {
                  setMessage(text);
                  await props.onScored();
                }}
                onStart={() => setMessage(undefined)}
              />
            </>
          )}
        </div>
      </div>
    </article>
  );
}

function ScorecardForm({
  sessionId,
  parts,
  product,
  cards,
  memberName,
  mustRevise,
  memberId,
  myCard,
  onDone,
  onStart,
}: ProductScoringProps & { memberId: string; myCard?: Scorecard; onDone: (message: string) => Promise<void>; onStart: () => void }) {
  const T = useTexts(SESSION_TEXTS);
  const { decimal, lang } = useI18n();
  const checkParts = useCheckParts();
  const action = useAction();
  const [values, setValues] = useState<PartValues>(() => emptyParts(parts, myCard?.parts, lang));
  const [problems, setProblems] = useState<Record<string, string>>({});

  const draft = totalOf(parts, values);
  const current = draft ?? myCard?.total;
  const others = cards.filter((c) => c.memberId !== memberId);
  const far = current === undefined ? [] : others.filter((c) => roundScore(Math.abs(current - c.total)) > MAX_SPREAD_POINTS);
  const asked = mustRevise.includes(memberId);
  const nextRevision = (myCard?.revision ?? 0) + 1;

  const change = (code: string, value: string) => {
    setValues((v) => ({ ...v, [code]: value }));
    if (problems[code])
      setProblems((currentProblems) => {
        const rest = { ...currentProblems };
        delete rest[code];
        return rest;
      });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onStart();
    const { problems: found, scores } = checkParts(parts, values);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const answer = await action.run(() =>
      post<ScorecardResult>(`/sessions/${sessionId}/scorecards`, { productId: product.productId, parts: scores }),
    );
    if (answer) {
      const { revision, total } = answer.scorecard;
      await onDone(fill(revision > 1 ? T.revised : T.submitted, { revision, total: decimal(total) }));
    }
  };

  return (
    <form
      className="form sc-form"
      onSubmit={submit}
      noValidate
      aria-label={`${T.myScorecard}: ${product.name}`}
      data-testid="scorecard-form"
    >
      <h3 className="sc-h3">{T.myScorecard}</h3>
      <p className="muted ws-meta" data-testid="my-revision">
        {myCard ? fill(T.myRevision, { revision: myCard.revision, total: decimal(myCard.total) }) : T.notScoredYet}
      </p>
      <PartInputs
        parts={parts}
        values={values}
        problems={problems}
        onChange={change}
        name={`score-${product.productId}`}
        disabled={action.busy}
      />
      <p className="sc-my-total">
        {T.myTotal}: <strong data-testid="my-total">{decimal(current)}</strong>
      </p>
      {far.length > 0 && (
        <p className="warning" role="alert" data-testid="spread-warning">
          {fill(T.spreadWarning, {
            total: decimal(current),
            max: MAX_SPREAD_POINTS,
            others: far.map((c) => `${memberName(c.memberId)} (${decimal(c.total)})`).join(', '),
          })}
        </p>
      )}
      {asked && (
        <p className="error" role="alert" data-testid="must-revise">
          {T.mustRevise}
        </p>
      )}
      {Object.keys(problems).length > 0 && (
        <p className="error" role="alert">
          {T.fixFirst}
        </p>
      )}
      <ErrorBanner error={action.error} />
      <div className="ws-buttons">
        <button type="submit" disabled={action.busy} data-testid="submit-scorecard">
          {myCard ? fill(T.revise, { revision: nextRevision }) : T.submit}
        </button>
      </div>
    </form>
  );
}
