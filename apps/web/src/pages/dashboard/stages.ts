// The journey's stages in the order a product meets them under a rule set (levels, and lab testing before the
// level the rule set names), then the stages where a journey stops.
import ruleSets from '../../../../../libs/domain/data/rule-sets.json';

type RuleSetTable = Record<string, { levels: { level: string; recognises?: number[] }[]; labTestingBefore?: string }>;
const RULE_SETS = ruleSets.ruleSets as unknown as RuleSetTable;

const IDEA_STAGES = ['idea_submitted', 'awaiting_idea_review', 'changes_requested', 'business_plan_due', 'dossier_due'];
export const STOPPED_STAGES = ['rejected', 'withdrawn', 'not_qualified', 'failed_lab_test'];
export const TERMINAL_STAGES = [...STOPPED_STAGES, 'certified'];

/** Every stage there is, in a canonical order (for stages a rule set does not name). */
const ALL_STAGES = [
  ...IDEA_STAGES,
  'awaiting_commune_check',
  'awaiting_lab_test',
  'awaiting_district_session',
  'awaiting_province_session',
  'awaiting_central_session',
  'certified',
  ...STOPPED_STAGES,
];

export const waitingStageOf = (level: string): string => (level === 'commune' ? 'awaiting_commune_check' : `awaiting_${level}_session`);

/** The stages on the way to a certificate under a rule set, in order (idea_submitted left out: it never lasts). */
export function pathStages(ruleSet: string | undefined): string[] {
  const rules = ruleSet ? RULE_SETS[ruleSet] : undefined;
  if (!rules) return ALL_STAGES.filter((s) => s !== 'idea_submitted' && !STOPPED_STAGES.includes(s));
  const stages = IDEA_STAGES.filter((s) => s !== 'idea_submitted');
  for (const { level } of rules.levels) {
    if (rules.labTestingBefore === level) stages.push('awaiting_lab_test');
    stages.push(waitingStageOf(level));
  }
  stages.push('certified');
  return stages;
}

/**
 * The stages a dashboard lists: the rule set's path, then the stopped ones, with any other stage that has products
 * (a cycle's data from another rule set) slotted in at its canonical place.
 */
export function listedStages(ruleSet: string | undefined, byStage: Record<string, number>): { path: string[]; stopped: string[] } {
  const path = pathStages(ruleSet);
  const extra = Object.keys(byStage).filter((s) => (byStage[s] ?? 0) > 0 && !path.includes(s) && !STOPPED_STAGES.includes(s));
  const rank = (s: string) => {
    const i = ALL_STAGES.indexOf(s);
    return i === -1 ? ALL_STAGES.length : i;
  };
  const merged = [...path];
  for (const stage of extra) {
    // After the last listed stage that comes before it canonically; the rule set's own order stays as it is.
    let at = 0;
    merged.forEach((s, i) => {
      if (rank(s) < rank(stage)) at = i + 1;
    });
    merged.splice(at, 0, stage);
  }
  return { path: merged, stopped: STOPPED_STAGES };
}

export const isSessionStage = (stage: string): boolean => /^awaiting_(district|province|central)_session$/.test(stage);

/**
 * Of the certified products (by stars), how many went through `stage`: a level's session is passed only by products
 * recognised at that level or a later one (a 4★ product of QĐ 1048 is recognised by the province and never meets
 * the central council). Other stages on the path were passed by every certified product.
 */
export function certifiedThrough(ruleSet: string | undefined, stage: string, stars: Record<string, number>): number {
  const total = Object.values(stars).reduce((n, c) => n + c, 0);
  const levels = ruleSet ? RULE_SETS[ruleSet]?.levels : undefined;
  const at = levels?.findIndex((l) => waitingStageOf(l.level) === stage) ?? -1;
  if (!levels || at === -1) return total;
  return Object.entries(stars).reduce((n, [count, c]) => {
    const recognisedAt = levels.findIndex((l) => l.recognises?.includes(Number(count)));
    return recognisedAt === -1 || recognisedAt >= at ? n + c : n;
  }, 0);
}
