import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import { SA_CYCLE_YEAR, SA_DISTRICT, SA_PRODUCT_GROUP, SA_STAGE, type JourneyState, type ProductJourneyInput } from '@ocop/contracts';
import { firstLevel, levelAction, nextLevel, type LevelName } from '@ocop/domain';
import { registerHandlers } from './handlers';
import { Journey } from './journey';
import { labTestComesFirst, labTesting } from './lab-testing';
import { applyLevelResult } from './recognition';
import { waitForOfficials, waitForProducer, waitForSessionResult } from './waits';

/** A coordinator reviews an idea within 15 days of the idea window closing. */
const REVIEW_DAYS_AFTER_IDEA_WINDOW = 15;

/**
 * One product's path through one OCOP cycle: idea → review → business plan → dossier → the levels of the cycle's
 * rule set (with lab testing before the level the rule set names) → stars → certificate. Every decision is an
 * event in the log; people act through validated updates (handlers.ts); every wait on a person has a deadline
 * and reminders (waits.ts).
 */
export async function productJourney(input: ProductJourneyInput): Promise<JourneyState> {
  const j = new Journey(input);
  const { state } = j;
  registerHandlers(j);
  upsertSearchAttributes([
    { key: SA_STAGE, value: state.stage },
    { key: SA_DISTRICT, value: input.districtCode },
    { key: SA_PRODUCT_GROUP, value: input.productGroup },
    { key: SA_CYCLE_YEAR, value: input.cycleYear },
  ]);

  // 1. The idea is recorded: event log and read model in one transaction; a coordinator reviews it next.
  j.moveTo('awaiting_idea_review');
  const { productId, organisationId, name, productGroup, districtCode, provinceCode, cycleYear, ruleSet } = input;
  const idea = {
    productId,
    organisationId,
    name,
    productGroup,
    districtCode,
    provinceCode,
    cycleYear,
    ruleSet,
    workflowId: j.workflowId,
    // Only when set, so journeys without them record the very payload they always did.
    ...(input.communeCode ? { communeCode: input.communeCode } : {}),
    ...(input.previousCertificateNo ? { previousCertificateNo: input.previousCertificateNo } : {}),
  };
  await j.record('IdeaSubmitted', idea, input.submittedBy);
  state.ideaRecorded = true;
  await j.reportStart();

  // 2. Idea review; a request for changes gives the producer a due date.
  const reviewDueAt = () => new Date(Date.parse(j.calendar.ideaWindowClosesAt) + REVIEW_DAYS_AFTER_IDEA_WINDOW * j.dayMs).toISOString();
  while (state.stage === 'awaiting_idea_review' || state.stage === 'changes_requested') {
    if (state.stage === 'awaiting_idea_review') {
      await waitForOfficials(j, 'idea_review', reviewDueAt, j.coordinatorsInbox, () => state.stage !== 'awaiting_idea_review');
    } else if ((await waitForProducer(j, 'changes_requested')) === 'missed') return j.finish();
  }
  if (j.isTerminal()) return j.finish();
  await j.reportProgress();

  // 3. Business plan, then dossier, each by its calendar date (reminders before, withdrawn after the grace period).
  for (const step of ['business_plan_due', 'dossier_due'] as const) {
    // A quick producer may have sent this step while the previous one was being reported: go on to the next.
    if (state.stage !== step) continue;
    if ((await waitForProducer(j, step)) === 'missed') return j.finish();
    if (j.isTerminal()) return j.finish();
    await j.reportProgress();
  }
  await j.reportIfMoved();

  // 4. The levels of the rule set, in order, with lab testing before the level the rule set names.
  let level: LevelName | undefined = firstLevel(input.ruleSet);
  while (level && !j.isTerminal()) {
    if (levelAction(input.ruleSet, level) === 'check-dossier') {
      // The commune checks the dossier (an update); the product then waits for the next level.
      await condition(() => state.stage !== 'awaiting_commune_check');
      await j.reportProgress();
      level = j.isTerminal() ? undefined : nextLevel(input.ruleSet, level);
      continue;
    }
    if (labTestComesFirst(j, level)) {
      if (!(await labTesting(j, level))) return j.finish();
      if (j.reportAfterLab) {
        j.reportAfterLab = false;
        await j.reportProgress();
      }
    }
    const result = await waitForSessionResult(j, level);
    if (!result) return j.finish();
    level = await applyLevelResult(j, level, result);
    // (Old journeys) the cycle hears of a product sent to the lab once the lab passed it (it then awaits the next session).
    if (!j.reportAfterLab) await j.reportProgress();
  }
  return j.finish();
}
