import { levelOutcome, isRuleSetCode, MAX_SPREAD_POINTS, roundScore, type LevelName } from '@ocop/domain';

/** What the minutes (biên bản) of a council session say, built from the session's events. */
export interface SessionMinutes {
  readonly sessionId: string;
  readonly level: string;
  readonly areaCode: string;
  readonly provinceCode: string;
  readonly cycleYear: number;
  readonly ruleSet: string;
  readonly sessionDate: string;
  readonly status: 'open' | 'closed';
  readonly closedAt?: string;
  readonly members: readonly { memberId: string; name: string; chair: boolean; present: boolean | null }[];
  readonly products: readonly MinutesProduct[];
}

export interface MinutesProduct {
  readonly productId: string;
  readonly name: string;
  readonly organisationName: string;
  readonly districtCode: string;
  readonly productGroup: string;
  /** Each member's last scorecard: parts, total, how many times it was handed in. */
  readonly cards: readonly { memberId: string; parts: { A: number; B: number; C: number }; total: number; revisions: number }[];
  readonly mean?: number;
  readonly spread?: number;
  readonly spreadOk?: boolean;
  readonly stars?: number;
  /** What the level decided: recognised, forwarded (with provisional stars), not qualified; missing when not scored. */
  readonly outcome?: {
    kind: 'recognised' | 'forwarded' | 'not_qualified' | 'missing';
    stars?: number;
    to?: string;
    provisionalStars?: number;
  };
}

export interface SessionEventRow {
  type: string;
  payload: Record<string, any>;
  occurred_at: Date | string;
}

export interface ProductFacts {
  product_id: string;
  name: string;
  organisation_name: string | null;
  district_code: string;
  product_group: string;
  rule_set: string;
}

export function buildMinutes(
  session: { session_id: string; rule_set: string },
  events: readonly SessionEventRow[],
  products: readonly ProductFacts[],
): SessionMinutes {
  const opened = events.find((e) => e.type === 'SessionOpened')?.payload ?? {};
  const closed = events.find((e) => e.type === 'SessionClosed');
  const present = closed ? new Set<string>(closed.payload.presentMemberIds ?? []) : undefined;
  const cards = new Map<string, { memberId: string; parts: { A: number; B: number; C: number }; total: number; revisions: number }>();
  const entered: { productId: string; name: string }[] = [];
  const scored = new Map<string, Record<string, any>>();
  for (const e of events) {
    if (e.type === 'ProductEntered' && !entered.some((p) => p.productId === e.payload.productId))
      entered.push({ productId: e.payload.productId, name: e.payload.name });
    if (e.type === 'ScorecardSubmitted' || e.type === 'ScorecardRevised') {
      const key = `${e.payload.productId}|${e.payload.memberId}`;
      cards.set(key, {
        memberId: e.payload.memberId,
        parts: e.payload.parts,
        total: e.payload.total,
        revisions: (cards.get(key)?.revisions ?? 0) + 1,
      });
    }
    if (e.type === 'ProductScored') scored.set(e.payload.productId, e.payload);
  }
  const members: { memberId: string; name: string }[] = opened.members ?? [];
  const level = String(opened.level ?? '');
  const ruleSet = session.rule_set;
  return {
    sessionId: session.session_id,
    level,
    areaCode: String(opened.areaCode ?? ''),
    provinceCode: String(opened.provinceCode ?? ''),
    cycleYear: Number(opened.cycleYear),
    ruleSet,
    sessionDate: String(opened.sessionDate ?? ''),
    status: closed ? 'closed' : 'open',
    ...(closed ? { closedAt: new Date(closed.occurred_at).toISOString() } : {}),
    members: members.map((m) => ({
      memberId: m.memberId,
      name: m.name,
      chair: m.memberId === opened.chairId,
      present: present ? present.has(m.memberId) : null,
    })),
    products: entered.map((p) => {
      const facts = products.find((f) => f.product_id === p.productId);
      const memberCards = members.map((m) => cards.get(`${p.productId}|${m.memberId}`)).filter((c) => c !== undefined);
      const totals = memberCards.map((c) => c.total);
      const mean = totals.length ? roundScore(totals.reduce((s, t) => s + t, 0) / totals.length) : undefined;
      const spread = totals.length ? roundScore(Math.max(...totals) - Math.min(...totals)) : undefined;
      const result = scored.get(p.productId);
      let outcome: MinutesProduct['outcome'];
      if (result?.outcome === 'missing') outcome = { kind: 'missing' };
      else if (result && isRuleSetCode(ruleSet)) {
        const o = levelOutcome(ruleSet, level as LevelName, result.mean);
        outcome =
          o.kind === 'forwarded'
            ? { kind: 'forwarded', stars: o.stars, to: o.to, ...(o.provisionalStars ? { provisionalStars: o.provisionalStars } : {}) }
            : { kind: o.kind, stars: o.stars };
      }
      return {
        productId: p.productId,
        name: facts?.name ?? p.name,
        organisationName: facts?.organisation_name ?? '',
        districtCode: facts?.district_code ?? '',
        productGroup: facts?.product_group ?? '',
        cards: memberCards,
        ...(result?.mean !== undefined ? { mean: result.mean } : mean !== undefined ? { mean } : {}),
        ...(spread !== undefined ? { spread, spreadOk: spread <= MAX_SPREAD_POINTS } : {}),
        ...(result?.stars !== undefined ? { stars: result.stars } : {}),
        ...(outcome ? { outcome } : {}),
      };
    }),
  };
}

/** The products the session proposes for recognition (the annex of the People's Committee decision), best first. */
export function recognitionList(minutes: SessionMinutes): { product: MinutesProduct; stars: number; provisional: boolean }[] {
  return minutes.products
    .flatMap((product) => {
      const o = product.outcome;
      if (o?.kind === 'recognised' && o.stars !== undefined) return [{ product, stars: o.stars, provisional: false }];
      if (o?.kind === 'forwarded' && o.provisionalStars) return [{ product, stars: o.provisionalStars, provisional: true }];
      return [];
    })
    .sort((a, b) => (b.product.mean ?? 0) - (a.product.mean ?? 0) || a.product.name.localeCompare(b.product.name, 'vi'));
}
