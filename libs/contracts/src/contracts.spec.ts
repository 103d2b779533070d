import { annualCycleId, certificateLifecycleId, evaluationSessionId, parseProductJourneyId, productJourneyId } from './model/workflow-ids';
import {
  SA_CYCLE_YEAR,
  SA_DISTRICT,
  SA_PRODUCT_GROUP,
  SA_STAGE,
  SA_STARS,
  SEARCH_ATTRIBUTE_DECLARATIONS,
} from './temporal/search-attributes';

describe('workflow ids', () => {
  it('name the business entity', () => {
    expect(productJourneyId('p-1', 2021)).toBe('product:p-1:2021');
    expect(evaluationSessionId('s-1')).toBe('session:s-1');
    expect(certificateLifecycleId('LC-2021-0007')).toBe('certificate:LC-2021-0007');
    expect(annualCycleId('lao-cai', 2021)).toBe('cycle:lao-cai:2021');
  });

  it('parse back a product journey id', () => {
    expect(parseProductJourneyId(productJourneyId('abc', 2021))).toEqual({ productId: 'abc', cycleYear: 2021 });
    expect(parseProductJourneyId('session:abc')).toBeUndefined();
  });
});

describe('search attributes', () => {
  it('are registered by the dev-server script exactly as the workflows use them', () => {
    const { SEARCH_ATTRIBUTES } = require('../../../infra/temporal-server') as { SEARCH_ATTRIBUTES: string[] };
    expect(SEARCH_ATTRIBUTES).toEqual(SEARCH_ATTRIBUTE_DECLARATIONS);
    expect(SEARCH_ATTRIBUTE_DECLARATIONS).toEqual([
      'OcopStage=Keyword',
      'OcopDistrict=Keyword',
      'OcopProductGroup=Keyword',
      'OcopCycleYear=Int',
      'OcopStars=Int',
    ]);
    expect([SA_STAGE, SA_DISTRICT, SA_PRODUCT_GROUP, SA_CYCLE_YEAR, SA_STARS].map((k) => `${k.name}=${k.type}`)).toEqual([
      'OcopStage=KEYWORD',
      'OcopDistrict=KEYWORD',
      'OcopProductGroup=KEYWORD',
      'OcopCycleYear=INT',
      'OcopStars=INT',
    ]);
  });
});
