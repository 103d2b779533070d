import { DOCUMENT_KINDS, dossierChecklist, findDocumentKind, missingDossierDocuments } from './dossier-checklist';
import { productGroups, RULE_SET_CODES } from './reference-data';

describe('dossier checklist', () => {
  it.each([
    ['QD1048-2019', 'do-uong', ['business_registration', 'product_standard', 'packaging_photos', 'food_safety_certificate']],
    ['QD1048-2019', 'vai-may-mac', ['business_registration', 'product_standard', 'packaging_photos']],
    ['QD1048-2019', 'dich-vu-du-lich-nong-thon', ['business_registration', 'product_standard', 'packaging_photos', 'service_description']],
    ['QD148-2023', 'thuc-pham', ['business_registration', 'product_standard', 'packaging_photos', 'food_safety_certificate']],
    ['QD148-2023', 'thu-cong-my-nghe', ['business_registration', 'product_standard', 'packaging_photos']],
    [
      'QD1489-2025',
      'duoc-lieu',
      ['business_registration', 'product_standard', 'packaging_photos', 'origin_confirmation', 'food_safety_certificate'],
    ],
  ] as const)('%s, group %s requires %j', (ruleSet, group, expected) => {
    expect(dossierChecklist(ruleSet, group).map((k) => k.code)).toEqual(expected);
  });

  it.each([
    [[], ['business_registration', 'product_standard', 'packaging_photos', 'food_safety_certificate']],
    [
      ['business_registration', 'trademark'],
      ['product_standard', 'packaging_photos', 'food_safety_certificate'],
    ],
    [['business_registration', 'product_standard', 'packaging_photos', 'food_safety_certificate'], []],
    [['business_registration', 'product_standard', 'packaging_photos', 'food_safety_certificate', 'other_evidence'], []],
  ])('a drinks dossier under QĐ 1048 with %j misses %j', (present, missing) => {
    expect(missingDossierDocuments('QD1048-2019', 'do-uong', present).map((k) => k.code)).toEqual(missing);
  });

  it('every group of every rule set has a checklist of known, producer-uploaded kinds, each named in both languages', () => {
    for (const ruleSet of RULE_SET_CODES) {
      for (const group of productGroups(ruleSet)) {
        const list = dossierChecklist(ruleSet, group.code);
        expect(list.length).toBeGreaterThanOrEqual(3);
        for (const kind of list) {
          expect(kind.uploadedBy).toBe('producer');
          expect(kind.vi).not.toBe('');
          expect(kind.en).not.toBe('');
        }
      }
    }
  });

  it('the lab and the inspector attach only their own kinds', () => {
    expect(findDocumentKind('lab_report')?.uploadedBy).toBe('lab');
    expect(findDocumentKind('inspection_minutes')?.uploadedBy).toBe('inspector');
    expect(findDocumentKind('nonsense')).toBeUndefined();
    expect(DOCUMENT_KINDS.filter((k) => k.uploadedBy === 'inspector').map((k) => k.code)).toEqual([
      'inspection_minutes',
      'inspection_photo',
    ]);
  });
});
