import { randomUUID } from 'node:crypto';
import type { NewEvent, ProductJourneyInput } from '@ocop/contracts';
import { productJourneyId } from '@ocop/contracts';

/** Fixture builder: `aJourneyInput().inDistrict('bat-xat').build()`. */
export function aJourneyInput(overrides: Partial<ProductJourneyInput> = {}) {
  let input: ProductJourneyInput = {
    productId: randomUUID(),
    organisationId: randomUUID(),
    name: 'Rượu mận Bắc Hà',
    productGroup: 'do-uong',
    districtCode: 'bac-ha',
    provinceCode: 'lao-cai',
    cycleYear: 2021,
    ruleSet: 'QD1048-2019',
    submittedBy: 'producer:test',
    submittedAt: '2021-03-01T08:00:00.000Z',
    ...overrides,
  };
  const builder = {
    inDistrict: (districtCode: string) => ((input = { ...input, districtCode }), builder),
    ofGroup: (productGroup: string) => ((input = { ...input, productGroup }), builder),
    forOrganisation: (organisationId: string) => ((input = { ...input, organisationId }), builder),
    build: (): ProductJourneyInput => input,
  };
  return builder;
}

/** An IdeaSubmitted event for `input`, as the journey would append it. */
export function anIdeaSubmitted(input: ProductJourneyInput, overrides: Partial<NewEvent<'IdeaSubmitted'>> = {}): NewEvent<'IdeaSubmitted'> {
  const workflowId = productJourneyId(input.productId, input.cycleYear);
  return {
    eventId: randomUUID(),
    streamId: workflowId,
    streamSeq: 1,
    type: 'IdeaSubmitted',
    actor: input.submittedBy,
    occurredAt: input.submittedAt,
    payload: {
      productId: input.productId,
      organisationId: input.organisationId,
      name: input.name,
      productGroup: input.productGroup,
      districtCode: input.districtCode,
      provinceCode: input.provinceCode,
      cycleYear: input.cycleYear,
      ruleSet: input.ruleSet,
      workflowId,
    },
    ...overrides,
  };
}
