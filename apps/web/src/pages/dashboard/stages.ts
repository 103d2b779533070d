// The journey's stages in the order a product meets them under a rule set (levels, and lab testing before the
// level the rule set names), then the stages where a journey stops.
import { isRuleSetCode, ruleSet as ruleSetOf, type RuleSet } from '@ocop/domain';
import { JOURNEY_STAGES, levelWaitedFor, TERMINAL_STAGES, waitingStageFor } from '@ocop/model';

const rulesOf = (code: string | undefined): RuleSet | undefined => (code && isRuleSetCode(code) ? ruleSetOf(code) : undefined);

const IDEA_STAGES: readonly string[] = ['idea_submitted', 'awaiting_idea_review', 'changes_requested', 'business_plan_due', 'dossier_due'];
export const STOPPED_STAGES: readonly string[] = TERMINAL_STAGES.filter((s) => s !== 'certified');
/** The stages of a product still on its way (neither certified nor stopped): what "in progress" counts. */
export const IN_PROGRESS_STAGES: readonly string[] = JOURNEY_STAGES.filter((s) => !(TERMINAL_STAGES as readonly string[]).includes(s));

/** Every stage there is, in a canonical order (for stages a rule set does not name): certified before the stopped ones. */
const ALL_STAGES: readonly string[] = [...JOURNEY_STAGES.filter((s) => !STOPPED_STAGES.includes(s)), ...STOPPED_STAGES];

/** The stages on the way to a certificate under a rule set, in order (idea_submitted left out: it never lasts). */
export function pathStages(ruleSet: string | undefined): string[] {
  const rules = rulesOf(ruleSet);
  if (!rules) return ALL_STAGES.filter((s) => s !== 'idea_submitted' && !STOPPED_STAGES.includes(s));
  const stages = IDEA_STAGES.filter((s) => s !== 'idea_submitted');
  for (const { level } of rules.levels) {
    if (rules.labTestingBefore === level) stages.push('awaiting_lab_test');
    stages.push(waitingStageFor(level));
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
  return { path: merged, stopped: [...STOPPED_STAGES] };
}

export const isSessionStage = (stage: string): boolean => {
  const level = levelWaitedFor(stage);
  return level !== undefined && level !== 'commune';
};

/**
 * Of the certified products (by stars), how many went through `stage`: a level's session is passed only by products
 * recognised at that level or a later one (a 4★ product of QĐ 1048 is recognised by the province and never meets
 * the central council). Other stages on the path were passed by every certified product.
 */
export function certifiedThrough(ruleSet: string | undefined, stage: string, stars: Record<string, number>): number {
  const total = Object.values(stars).reduce((n, c) => n + c, 0);
  const levels = rulesOf(ruleSet)?.levels;
  const at = levels?.findIndex((l) => waitingStageFor(l.level) === stage) ?? -1;
  if (!levels || at === -1) return total;
  return Object.entries(stars).reduce((n, [count, c]) => {
    const recognisedAt = levels.findIndex((l) => l.recognises?.includes(Number(count)));
    return recognisedAt === -1 || recognisedAt >= at ? n + c : n;
  }, 0);
}
