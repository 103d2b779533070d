import { ApplicationFailure } from '@temporalio/common';
import type { Actor, JourneyStage } from '@ocop/contracts';
import * as validate from './validators';
import type { JourneyView } from './validators';

const NOW = Date.parse('2027-05-01T03:00:00Z');
const ORG = 'org-1';
const producer: Actor = { userId: 'u-p', role: 'producer', organisationId: ORG };
const otherProducer: Actor = { userId: 'u-x', role: 'producer', organisationId: 'org-2' };
const district: Actor = { userId: 'u-d', role: 'district_coordinator', districtCode: 'bac-ha', provinceCode: 'lao-cai' };
const otherDistrict: Actor = { userId: 'u-d2', role: 'district_coordinator', districtCode: 'sa-pa', provinceCode: 'lao-cai' };
const province: Actor = { userId: 'u-t', role: 'provincial_coordinator', provinceCode: 'lao-cai' };
const lab: Actor = { userId: 'u-l', role: 'lab', agencyId: 'lab:lao-cai' };
const otherLab: Actor = { userId: 'u-l2', role: 'lab', agencyId: 'lab:yen-bai' };
const admin: Actor = { userId: 'u-a', role: 'admin' };
const BAO_NHAI = '02890';
const communeOfficer: Actor = { userId: 'u-c', role: 'commune_officer', communeCode: BAO_NHAI, provinceCode: '15' };
const otherCommuneOfficer: Actor = { userId: 'u-c2', role: 'commune_officer', communeCode: '02839', provinceCode: '15' };
const newProvince: Actor = { userId: 'u-t15', role: 'provincial_coordinator', provinceCode: '15' };
/** A product of a commune cycle in the new Lào Cai (its organisation in Xã Bảo Nhai, once Huyện Bắc Hà, 085). */
const communeInput = {
  organisationId: ORG,
  districtCode: '085',
  provinceCode: '15',
  communeCode: BAO_NHAI,
  ruleSet: 'QD1489-2025',
} as const;

function view(stage: JourneyStage, extra: Partial<JourneyView> & { dueAt?: string } = {}): JourneyView {
  const { dueAt, ...rest } = extra;
  return {
    state: {
      productId: 'p-1',
      cycleYear: 2027,
      ruleSet: 'QD1048-2019',
      stage,
      ideaRecorded: true,
      lastEventSeq: 3,
      updatedAt: new Date(NOW).toISOString(),
      results: [],
      ...(dueAt ? { dueAt } : {}),
      lab: { requestId: 'product:p-1:2027:lab:1', attempt: 1, dueAt: '2027-05-10T16:59:59.999Z' },
    },
    input: { organisationId: ORG, districtCode: 'bac-ha', provinceCode: 'lao-cai', ruleSet: 'QD1048-2019' },
    labId: 'lab:lao-cai',
    busy: 0,
    stepDeadline: Number.POSITIVE_INFINITY,
    now: NOW,
    ...rest,
  };
}

/** The code a validator refuses with, or 'ok'. */
function outcome(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ApplicationFailure) return error.type ?? 'untyped';
    throw error;
  }
}

const parts = { A: 20, B: 15, C: 25 };
const later = '2027-06-01T00:00:00Z';
const earlier = '2027-04-01T00:00:00Z';

describe('product journey validators', () => {
  it.each<[string, () => void, string]>([
    [
      'a district coordinator of the product accepts the idea',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: district, decision: 'accept' }),
      'ok',
    ],
    [
      'a provincial coordinator of the province accepts it',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: province, decision: 'accept' }),
      'ok',
    ],
    ['an admin may act for anyone', () => validate.reviewIdea(view('awaiting_idea_review'), { actor: admin, decision: 'accept' }), 'ok'],
    [
      'another district’s coordinator may not',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: otherDistrict, decision: 'accept' }),
      'WRONG_ACTOR',
    ],
    [
      'a producer may not review',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: producer, decision: 'accept' }),
      'WRONG_ACTOR',
    ],
    [
      'a review outside its stage',
      () => validate.reviewIdea(view('business_plan_due'), { actor: district, decision: 'accept' }),
      'WRONG_STAGE',
    ],
    [
      'a rejection needs a reason',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: district, decision: 'reject', reason: '  ' }),
      'VALIDATION_FAILED',
    ],
    [
      'changes need a due date',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: district, decision: 'request_changes', reason: 'x' }),
      'VALIDATION_FAILED',
    ],
    [
      'changes due in the past',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: district, decision: 'request_changes', dueAt: earlier }),
      'DATE_IN_PAST',
    ],
    [
      'changes due later',
      () => validate.reviewIdea(view('awaiting_idea_review'), { actor: district, decision: 'request_changes', dueAt: later }),
      'ok',
    ],
    [
      'a review while another step is recorded',
      () => validate.reviewIdea(view('awaiting_idea_review', { busy: 1 }), { actor: district, decision: 'accept' }),
      'WRONG_STAGE',
    ],

    ['the producer revises its idea in time', () => validate.reviseIdea(view('changes_requested'), { actor: producer, note: 'n' }), 'ok'],
    [
      'another organisation may not revise it',
      () => validate.reviseIdea(view('changes_requested'), { actor: otherProducer, note: 'n' }),
      'WRONG_ACTOR',
    ],
    [
      'a revision after the grace period',
      () => validate.reviseIdea(view('changes_requested', { stepDeadline: NOW - 1 }), { actor: producer }),
      'DEADLINE_PASSED',
    ],
    [
      'a revision at the very end of the grace period',
      () => validate.reviseIdea(view('changes_requested', { stepDeadline: NOW }), { actor: producer }),
      'ok',
    ],

    [
      'the business plan with a summary',
      () => validate.submitBusinessPlan(view('business_plan_due'), { actor: producer, summary: 'plan' }),
      'ok',
    ],
    [
      'the business plan without one',
      () => validate.submitBusinessPlan(view('business_plan_due'), { actor: producer, summary: ' ' }),
      'VALIDATION_FAILED',
    ],
    [
      'the business plan before its stage',
      () => validate.submitBusinessPlan(view('awaiting_idea_review'), { actor: producer, summary: 'plan' }),
      'WRONG_STAGE',
    ],
    [
      'the business plan while busy',
      () => validate.submitBusinessPlan(view('business_plan_due', { busy: 2 }), { actor: producer, summary: 'plan' }),
      'WRONG_STAGE',
    ],

    [
      'a dossier within the part maxima',
      () => validate.submitDossier(view('dossier_due'), { actor: producer, selfAssessment: parts, evidence: ['doc'] }),
      'ok',
    ],
    [
      'a dossier over part A’s maximum (35 under QĐ 1048)',
      () => validate.submitDossier(view('dossier_due'), { actor: producer, selfAssessment: { ...parts, A: 36 }, evidence: ['doc'] }),
      'SCORE_OUT_OF_RANGE',
    ],
    [
      'a dossier without evidence',
      () => validate.submitDossier(view('dossier_due'), { actor: producer, selfAssessment: parts, evidence: [] }),
      'VALIDATION_FAILED',
    ],
    [
      'a dossier too late',
      () =>
        validate.submitDossier(view('dossier_due', { stepDeadline: NOW - 1 }), {
          actor: producer,
          selfAssessment: parts,
          evidence: ['doc'],
        }),
      'DEADLINE_PASSED',
    ],

    [
      'the commune check by the local authority',
      () => validate.checkDossier(view('awaiting_commune_check'), { actor: district, passed: true }),
      'ok',
    ],
    [
      'the commune check by another area',
      () => validate.checkDossier(view('awaiting_commune_check'), { actor: otherDistrict, passed: true }),
      'WRONG_ACTOR',
    ],
    [
      'the commune check by the officer of the product’s commune',
      () => validate.checkDossier(view('awaiting_commune_check', { input: communeInput }), { actor: communeOfficer, passed: true }),
      'ok',
    ],
    [
      'the commune check by the officer of another commune',
      () => validate.checkDossier(view('awaiting_commune_check', { input: communeInput }), { actor: otherCommuneOfficer, passed: true }),
      'WRONG_ACTOR',
    ],
    [
      'a commune officer, for a product of no commune',
      () => validate.checkDossier(view('awaiting_commune_check'), { actor: { ...communeOfficer, communeCode: undefined }, passed: true }),
      'WRONG_ACTOR',
    ],
    [
      'the commune check by a coordinator of the product’s province (a commune without an officer)',
      () => validate.checkDossier(view('awaiting_commune_check', { input: communeInput }), { actor: newProvince, passed: true }),
      'ok',
    ],
    [
      'the commune check by a coordinator of another province',
      () => validate.checkDossier(view('awaiting_commune_check', { input: communeInput }), { actor: province, passed: true }),
      'WRONG_ACTOR',
    ],
    [
      'a district coordinator, once the product has a commune (no districts after the reform)',
      () =>
        validate.checkDossier(view('awaiting_commune_check', { input: { ...communeInput, districtCode: 'bac-ha' } }), {
          actor: district,
          passed: true,
        }),
      'WRONG_ACTOR',
    ],
    [
      'a producer cannot check its own dossier',
      () => validate.checkDossier(view('awaiting_commune_check', { input: communeInput }), { actor: producer, passed: true }),
      'WRONG_ACTOR',
    ],
    [
      'a failed check needs a reason',
      () => validate.checkDossier(view('awaiting_commune_check'), { actor: district, passed: false }),
      'VALIDATION_FAILED',
    ],

    [
      'the lab answers its request',
      () =>
        validate.submitLabResults(view('awaiting_lab_test'), {
          actor: lab,
          requestId: 'product:p-1:2027:lab:1',
          indicators: [{ indicator: 'Pb', passed: true }],
        }),
      'ok',
    ],
    [
      'another lab may not',
      () =>
        validate.submitLabResults(view('awaiting_lab_test'), {
          actor: otherLab,
          requestId: 'product:p-1:2027:lab:1',
          indicators: [{ indicator: 'Pb', passed: true }],
        }),
      'WRONG_ACTOR',
    ],
    [
      'an answer to another request',
      () =>
        validate.submitLabResults(view('awaiting_lab_test'), {
          actor: lab,
          requestId: 'product:p-1:2027:lab:2',
          indicators: [{ indicator: 'Pb', passed: true }],
        }),
      'WRONG_STAGE',
    ],
    [
      'results without indicators',
      () => validate.submitLabResults(view('awaiting_lab_test'), { actor: lab, requestId: 'product:p-1:2027:lab:1', indicators: [] }),
      'VALIDATION_FAILED',
    ],
    [
      'results after the lab’s due date',
      () =>
        validate.submitLabResults(view('awaiting_lab_test', { now: Date.parse('2027-05-11T00:00:00Z') }), {
          actor: lab,
          requestId: 'product:p-1:2027:lab:1',
          indicators: [{ indicator: 'Pb', passed: true }],
        }),
      'DEADLINE_PASSED',
    ],

    ['the producer withdraws with a reason', () => validate.withdraw(view('dossier_due'), { actor: producer, reason: 'not ready' }), 'ok'],
    ['a withdrawal without a reason', () => validate.withdraw(view('dossier_due'), { actor: producer, reason: '' }), 'VALIDATION_FAILED'],
    [
      'a certified product cannot be withdrawn',
      () => validate.withdraw(view('certified'), { actor: producer, reason: 'x' }),
      'WRONG_STAGE',
    ],
    [
      'a coordinator cannot withdraw for the producer',
      () => validate.withdraw(view('dossier_due'), { actor: district, reason: 'x' }),
      'WRONG_ACTOR',
    ],
  ])('%s', (_name, run, expected) => {
    expect(outcome(run)).toBe(expected);
  });

  it('check the stage first: a stranger at the wrong stage hears about the stage', () => {
    expect(outcome(() => validate.reviewIdea(view('certified'), { actor: otherProducer, decision: 'accept' }))).toBe('WRONG_STAGE');
  });
});
