import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import {
  ANNUAL_CYCLE_WORKFLOW,
  annualCycleId,
  CERTIFICATE_LIFECYCLE_WORKFLOW,
  certificateLifecycleId,
  certificateStateQuery,
  closeSessionUpdate,
  enterProductUpdate,
  EVALUATION_SESSION_WORKFLOW,
  evaluationSessionId,
  ideaSubmissionUpdate,
  lateEntryOpeningUpdate,
  moveDateUpdate,
  ProductJourneyInput,
  reviewIdeaUpdate,
  submitInspectionReportUpdate,
  submitLabResultsUpdate,
  submitScorecardUpdate,
} from '@ocop/contracts';
import { actors, DAY, WorkflowHarness } from './workflow-harness';

/** A workflow's main path, driven to its end (or to a representative point), whose history is kept for replay. */
export interface MainPath {
  readonly name: string;
  readonly run: (h: WorkflowHarness) => Promise<WorkflowHandle>;
}

/** Starts a journey and takes it through the dossier. */
async function throughDossier(h: WorkflowHarness, overrides: Partial<ProductJourneyInput> = {}) {
  const journey = await h.startJourney(overrides);
  await h.throughDossier(journey.handle, journey.input);
  return journey;
}

const parts = (total: number) => ({
  A: Math.round(total * 0.35),
  B: Math.round(total * 0.25),
  C: total - Math.round(total * 0.35) - Math.round(total * 0.25),
});

/** A district council of five: two products, an outlier who revises, then the chair closes and results go out. */
async function sessionSpreadRevisedThenClosed(h: WorkflowHarness): Promise<WorkflowHandle> {
  const district = `d-${randomUUID().slice(0, 8)}`;
  const journeys = await Promise.all([
    throughDossier(h, { districtCode: district, productGroup: 'vai-may-mac' }),
    throughDossier(h, { districtCode: district, productGroup: 'vai-may-mac' }),
  ]);
  const members = ['chu-tich', 'uy-vien-2', 'uy-vien-3', 'uy-vien-4', 'uy-vien-5'];
  const sessionId = randomUUID();
  const handle = await h.env.client.workflow.start(EVALUATION_SESSION_WORKFLOW, {
    workflowId: evaluationSessionId(sessionId),
    taskQueue: h.taskQueue,
    args: [
      {
        sessionId,
        ruleSet: 'QD1048-2019',
        level: 'district',
        areaCode: district,
        provinceCode: 'lao-cai',
        cycleYear: 2021,
        sessionDate: new Date((await h.now()) + 20 * DAY).toISOString(),
        members: members.map((memberId) => ({ memberId, name: memberId })),
        chairId: 'chu-tich',
        dayLengthMs: 1, // members score from the session's day on: 20 rule days of 1 ms
      },
      {},
    ],
  });
  const coordinator = { ...actors.districtCoordinator(district) };
  for (const { input, handle: journey } of journeys) {
    await handle.executeUpdate(enterProductUpdate, {
      args: [{ actor: coordinator, product: { productId: input.productId, workflowId: journey.workflowId, name: input.name } }],
    });
  }
  for (const [k, { input }] of journeys.entries()) {
    for (const [i, memberId] of members.entries()) {
      const total = k === 0 && i === 4 ? 80 : 60 + i; // one outlier on the first product
      await handle.executeUpdate(submitScorecardUpdate, {
        args: [{ actor: actors.member(memberId), memberId, productId: input.productId, parts: parts(total) }],
      });
    }
  }
  await handle.executeUpdate(submitScorecardUpdate, {
    args: [{ actor: actors.member('uy-vien-5'), memberId: 'uy-vien-5', productId: journeys[0]!.input.productId, parts: parts(63) }],
  });
  await handle.executeUpdate(closeSessionUpdate, { args: [{ actor: actors.member('chu-tich'), presentMemberIds: members }] });
  await handle.result();
  return handle;
}

/** District 66, a failed lab test and a pass on retest, province 77: certified with 4 stars. */
async function certifiedFourStarsAfterLab(h: WorkflowHarness): Promise<WorkflowHandle> {
  const { handle } = await throughDossier(h, { productGroup: 'do-uong' });
  await h.score(handle, 'district', 66);
  const lab = await h.waitFor(handle, (s) => s.stage === 'awaiting_lab_test');
  await handle.executeUpdate(submitLabResultsUpdate, {
    args: [{ actor: actors.lab(), requestId: lab.lab.requestId, indicators: [{ indicator: 'E. coli', passed: false }] }],
  });
  const retest = await h.waitFor(handle, (s) => s.lab?.attempt === 2);
  await handle.executeUpdate(submitLabResultsUpdate, {
    args: [{ actor: actors.lab(), requestId: retest.lab.requestId, indicators: [{ indicator: 'E. coli', passed: true }] }],
  });
  await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
  await h.score(handle, 'province', 77);
  await handle.result();
  return handle;
}

export const MAIN_PATHS: readonly MainPath[] = [
  {
    // Recorded when a journey told the annual cycle of every stage it reached.
    name: 'journey-1048-certified-4-stars-after-lab',
    run: certifiedFourStarsAfterLab,
  },
  {
    // The same journey recorded after REPORTS_START_AND_END_PATCH: it tells the cycle only of its start and its end.
    name: 'journey-1048-certified-reports-start-and-end',
    run: certifiedFourStarsAfterLab,
  },
  {
    name: 'journey-1048-central-5-stars',
    run: async (h) => {
      const { handle } = await throughDossier(h, { productGroup: 'vai-may-mac' });
      await h.score(handle, 'district', 85);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
      await h.score(handle, 'province', 93);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_central_session');
      await h.score(handle, 'central', 91);
      await handle.result();
      return handle;
    },
  },
  {
    name: 'journey-1048-not-qualified-at-district',
    run: async (h) => {
      const { handle } = await throughDossier(h, { productGroup: 'vai-may-mac' });
      await h.score(handle, 'district', 42);
      await handle.result();
      return handle;
    },
  },
  {
    name: 'journey-withdrawn-after-missed-business-plan',
    run: async (h) => {
      const { input, handle } = await h.startJourney();
      await handle.executeUpdate(ideaSubmissionUpdate);
      await handle.executeUpdate(reviewIdeaUpdate, {
        args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }],
      });
      await handle.result();
      return handle;
    },
  },
  {
    name: 'journey-148-district-recognises-3-stars',
    run: async (h) => {
      const { handle } = await throughDossier(h, { ruleSet: 'QD148-2023', productGroup: 'thu-cong-my-nghe', cycleYear: 2024 });
      await h.score(handle, 'district', 61);
      await handle.result();
      return handle;
    },
  },
  {
    name: 'journey-1048-nominee-4-stars-then-central-5-stars',
    run: async (h) => {
      const { handle } = await throughDossier(h, { productGroup: 'vai-may-mac' });
      await h.score(handle, 'district', 85);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
      await h.score(handle, 'province', 93);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_central_session' && s.certificateNo);
      await h.score(handle, 'central', 91);
      await handle.result();
      return handle;
    },
  },
  {
    name: 'journey-1048-nominee-keeps-4-stars',
    run: async (h) => {
      const { handle } = await throughDossier(h, { productGroup: 'vai-may-mac' });
      await h.score(handle, 'district', 85);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
      await h.score(handle, 'province', 90);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_central_session' && s.certificateNo);
      await h.score(handle, 'central', 62);
      await handle.result();
      return handle;
    },
  },
  {
    name: 'journey-148-province-below-keeps-district-3-stars',
    run: async (h) => {
      const { handle } = await throughDossier(h, { ruleSet: 'QD148-2023', productGroup: 'thu-cong-my-nghe', cycleYear: 2024 });
      await h.score(handle, 'district', 74);
      await h.waitFor(handle, (s) => s.stage === 'awaiting_province_session');
      await h.score(handle, 'province', 45);
      await handle.result();
      return handle;
    },
  },
  {
    // Recorded before the close wrote its results in one transaction (BATCHED_CLOSE_PATCH): one product at a time.
    name: 'session-spread-revised-then-closed',
    run: sessionSpreadRevisedThenClosed,
  },
  {
    // The same session recorded after it: the close and every result in one local activity, the results sent at once.
    name: 'session-closed-results-batched',
    run: sessionSpreadRevisedThenClosed,
  },
  {
    // And after UPDATE_FACTS_AS_TASKS_PATCH: each entry's and scorecard's fact an activity task of the accepting task.
    name: 'session-update-facts-as-activity-tasks',
    run: sessionSpreadRevisedThenClosed,
  },
  {
    name: 'certificate-inspection-failed-remediated-then-expired',
    run: async (h) => {
      const no = `LC-2021-${String(9000 + Math.floor(Math.random() * 999)).padStart(4, '0')}`;
      const handle = await h.env.client.workflow.start(CERTIFICATE_LIFECYCLE_WORKFLOW, {
        workflowId: certificateLifecycleId(no),
        taskQueue: h.taskQueue,
        args: [
          {
            certificateNo: no,
            productId: randomUUID(),
            productName: 'Mật ong Mường Khương',
            organisationId: randomUUID(),
            provinceCode: 'lao-cai',
            stars: 4,
            issuedAt: new Date(await h.now()).toISOString(),
            inspectorId: 'inspector:lao-cai',
          },
        ],
      });
      const reportWhenAwaited = async (verdict: 'pass' | 'fail', awaiting: string) => {
        for (;;) {
          const state = await handle.query(certificateStateQuery);
          if (state.awaiting === awaiting) break;
          await h.env.sleep(DAY);
        }
        await handle.executeUpdate(submitInspectionReportUpdate, { args: [{ actor: actors.inspector(), verdict }] });
      };
      await h.env.sleep(365 * DAY);
      await reportWhenAwaited('fail', 'inspection_report');
      await reportWhenAwaited('pass', 're_inspection_report');
      await h.env.sleep(300 * DAY);
      await reportWhenAwaited('pass', 'inspection_report');
      await handle.result();
      return handle;
    },
  },
  {
    name: 'cycle-date-moved-with-journeys',
    run: async (h) => {
      const calendar = await h.calendarFromNow();
      const handle = await h.env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW, {
        workflowId: annualCycleId('lao-cai', 2020),
        taskQueue: h.taskQueue,
        args: [
          {
            provinceCode: 'lao-cai',
            year: 2020,
            ruleSet: 'QD1048-2019',
            calendar,
            targets: { newCertifiedProducts: 30, organisationsConsolidated: 12, newOrganisations: 7 },
          },
          {},
        ],
      });
      const { input, handle: journey } = await h.startJourney({ cycleYear: 2020, calendar });
      await journey.executeUpdate(ideaSubmissionUpdate);
      await journey.executeUpdate(reviewIdeaUpdate, {
        args: [{ actor: actors.districtCoordinator(input.districtCode), decision: 'accept' }],
      });
      await handle.executeUpdate(moveDateUpdate, {
        args: [
          {
            actor: actors.provincialCoordinator(),
            window: 'businessPlanDueAt',
            newDate: new Date(Date.parse(calendar.businessPlanDueAt) + 10 * DAY).toISOString(),
          },
        ],
      });
      await h.waitFor(journey, (s) => s.dueAt !== calendar.businessPlanDueAt);
      await h.env.sleep(15 * DAY);
      return handle;
    },
  },
  {
    name: 'cycle-compressed-reminders-and-late-entry',
    run: async (h) => {
      // A compressed cycle (a rule day of 1 h) whose idea window closes in 10 days: its reminders go out 7 and 1
      // rule hours before; after the window a district coordinator opens a late entry for one organisation.
      const calendar = await h.calendarFromNow();
      const handle = await h.env.client.workflow.start(ANNUAL_CYCLE_WORKFLOW, {
        workflowId: annualCycleId('lao-cai', 2012),
        taskQueue: h.taskQueue,
        args: [
          {
            provinceCode: 'lao-cai',
            year: 2012,
            ruleSet: 'QD1048-2019',
            calendar,
            targets: { newCertifiedProducts: 1, organisationsConsolidated: 1, newOrganisations: 1 },
            dayLengthMs: 3_600_000,
          },
          {},
        ],
      });
      await h.env.sleep(Date.parse(calendar.ideaWindowClosesAt) - (await h.now()) + DAY);
      await handle.executeUpdate(lateEntryOpeningUpdate, {
        args: [{ actor: actors.districtCoordinator('bac-ha'), organisationId: randomUUID(), districtCode: 'bac-ha' }],
      });
      await h.env.sleep(DAY);
      return handle;
    },
  },
];
