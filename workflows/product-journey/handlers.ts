import { condition, setHandler } from '@temporalio/workflow';
import {
  actorLabel,
  calendarChangedSignal,
  checkDossierUpdate,
  ideaSubmissionUpdate,
  journeyStateQuery,
  noticeKey,
  reviewIdeaUpdate,
  reviseIdeaUpdate,
  sessionEnteredSignal,
  sessionResultSignal,
  submitBusinessPlanUpdate,
  submitDossierUpdate,
  submitLabResultsUpdate,
  waitingStageFor,
  withdrawUpdate,
} from '@ocop/contracts';
import { firstLevel, nextLevel } from '@ocop/domain';
import { inboxNotice } from '../support/notices';
import type { Journey } from './journey';
import { requestLabTest } from './lab-testing';
import * as validate from './validators';

/**
 * The people's steps (updates, each with its validator), the other workflows' messages (signals) and the live
 * state (a query). Handlers only move the journey and record the fact; the procedure decides what comes next.
 */
export function registerHandlers(j: Journey): void {
  const { input, state } = j;

  setHandler(journeyStateQuery, () => state);
  setHandler(ideaSubmissionUpdate, async () => {
    await condition(() => state.ideaRecorded);
    return j.ack();
  });

  setHandler(
    reviewIdeaUpdate,
    (request) =>
      j.exclusively(async () => {
        const actor = actorLabel(request.actor);
        const decided = { decision: request.decision, reason: request.reason };
        const tell = inboxNotice(noticeKey(j.workflowId, 'idea-reviewed', state.lastEventSeq + 1), j.producerInbox, 'idea-reviewed', {
          productName: input.name,
          ...decided,
        });
        if (request.decision === 'accept') {
          j.moveTo('business_plan_due', j.calendar.businessPlanDueAt);
          await j.record('IdeaAccepted', {}, actor, [tell]);
        } else if (request.decision === 'reject') {
          j.stop('rejected', request.reason);
          await j.record('IdeaRejected', { reason: request.reason }, actor, [tell]);
        } else {
          j.moveTo('changes_requested', request.dueAt);
          await j.record('IdeaChangesRequested', { reason: request.reason }, actor, [tell]);
        }
        return j.ack();
      }),
    { validator: (request) => validate.reviewIdea(j.view(), request) },
  );

  setHandler(
    reviseIdeaUpdate,
    (request) =>
      j.exclusively(async () => {
        j.moveTo('awaiting_idea_review');
        await j.record('IdeaRevised', { newName: request.name, note: request.note }, actorLabel(request.actor));
        return j.ack();
      }),
    { validator: (request) => validate.reviseIdea(j.view(), request) },
  );

  setHandler(
    submitBusinessPlanUpdate,
    (request) =>
      j.exclusively(async () => {
        j.moveTo('dossier_due', j.calendar.dossierDueAt);
        await j.record('BusinessPlanSubmitted', { summary: request.summary, documentUrl: request.documentUrl }, actorLabel(request.actor));
        return j.ack();
      }),
    { validator: (request) => validate.submitBusinessPlan(j.view(), request) },
  );

  setHandler(
    submitDossierUpdate,
    (request) =>
      j.exclusively(async () => {
        j.moveTo(waitingStageFor(firstLevel(input.ruleSet)));
        await j.record(
          'DossierSubmitted',
          { selfAssessment: request.selfAssessment, evidence: request.evidence },
          actorLabel(request.actor),
        );
        return j.ack();
      }),
    { validator: (request) => validate.submitDossier(j.view(), request) },
  );

  setHandler(
    checkDossierUpdate,
    (request) =>
      j.exclusively(async () => {
        state.results.push({ level: 'commune', mean: 0, stars: 0, totals: [], outcome: request.passed ? 'passed' : 'failed' });
        if (request.passed) j.moveTo(waitingStageFor(nextLevel(input.ruleSet, 'commune')!));
        else j.stop('not_qualified', request.reason);
        await j.record('CommuneChecked', { passed: request.passed, reason: request.reason }, actorLabel(request.actor));
        return j.ack();
      }),
    { validator: (request) => validate.checkDossier(j.view(), request) },
  );

  setHandler(
    submitLabResultsUpdate,
    (request) =>
      j.exclusively(async () => {
        const lab = state.lab!;
        state.lab = { ...lab, results: request.indicators };
        const passed = request.indicators.every((i) => i.passed);
        const failed = request.indicators.filter((i) => !i.passed).map((i) => i.indicator);
        const actor = actorLabel(request.actor);
        const tell = (outcome: string) =>
          inboxNotice(noticeKey(j.workflowId, 'lab-result', lab.requestId, outcome), j.producerInbox, 'lab-test-result', {
            productName: input.name,
            passed,
          });
        const attempt = { requestId: lab.requestId, attempt: lab.attempt };
        if (passed) {
          j.labPassed = true;
          await j.record('LabTestPassed', { ...attempt, indicators: request.indicators }, actor, [tell('passed')]);
        } else if (lab.attempt < 2) {
          await j.record('LabTestFailed', { ...attempt, failedIndicators: failed, retestAllowed: true }, actor, [tell('failed')]);
          await requestLabTest(j, lab.attempt + 1);
        } else {
          j.stop('failed_lab_test', `failed indicators: ${failed.join(', ')}`);
          await j.record('LabTestFailed', { ...attempt, failedIndicators: failed, retestAllowed: false, reason: state.reason }, actor, [
            tell('failed'),
          ]);
        }
        return j.ack();
      }),
    { validator: (request) => validate.submitLabResults(j.view(), request) },
  );

  setHandler(
    withdrawUpdate,
    (request) =>
      j.exclusively(async () => {
        j.stop('withdrawn', request.reason);
        await j.record('ProductWithdrawn', { reason: request.reason, byProducer: true }, actorLabel(request.actor));
        return j.ack();
      }),
    { validator: (request) => validate.withdraw(j.view(), request) },
  );

  setHandler(sessionEnteredSignal, (signal) => {
    if (state.stage === waitingStageFor(signal.level) && !state.sessionId) {
      state.sessionId = signal.sessionId;
      void j.record(
        'EnteredSession',
        { sessionId: signal.sessionId, level: signal.level, sessionDate: signal.sessionDate },
        'system:session',
      );
    }
  });
  setHandler(sessionResultSignal, (signal) => {
    if (signal.sessionId === state.sessionId) j.pendingResult = signal;
  });
  setHandler(calendarChangedSignal, (next) => {
    j.calendar = next;
    // The step being waited on takes its new date at once; later steps read the calendar when they begin.
    if (state.stage === 'business_plan_due') state.dueAt = j.calendar.businessPlanDueAt;
    if (state.stage === 'dossier_due') state.dueAt = j.calendar.dossierDueAt;
  });
}
