// Which documents a dossier must carry before the dossier step is accepted, per rule set and product group.
import checklistsJson from '../data/dossier-checklists.json';
import { findProductGroup, type LocalisedName, type RuleSetCode } from './reference-data';

export type DocumentKind = keyof typeof checklistsJson.kinds;
/** Who attaches a kind of document: the producer (plan, dossier), the lab (its report), the inspector. */
export type DocumentUploader = 'producer' | 'lab' | 'inspector';

export interface DocumentKindInfo extends LocalisedName {
  readonly code: DocumentKind;
  readonly uploadedBy: DocumentUploader;
}

export const DOCUMENT_KINDS: readonly DocumentKindInfo[] = Object.entries(checklistsJson.kinds).map(([code, info]) => ({
  code: code as DocumentKind,
  vi: info.vi,
  en: info.en,
  uploadedBy: info.uploadedBy as DocumentUploader,
}));

export function findDocumentKind(code: string): DocumentKindInfo | undefined {
  return DOCUMENT_KINDS.find((kind) => kind.code === code);
}

/** The documents the rule set requires of a product of this group, in the data's order. */
export function dossierChecklist(ruleSetCode: RuleSetCode, productGroupCode: string): readonly DocumentKindInfo[] {
  const rules = checklistsJson.ruleSets[ruleSetCode];
  const group = findProductGroup(ruleSetCode, productGroupCode);
  const codes = [
    ...rules.required,
    ...(group?.labTested ? rules.requiredIfLabTested : []),
    ...(group?.onSiteAssessment ? rules.requiredIfOnSite : []),
  ];
  return codes.map((code) => findDocumentKind(code)!);
}

/** The required documents not among `present` (the kinds of the documents attached); empty when the dossier is complete. */
export function missingDossierDocuments(
  ruleSetCode: RuleSetCode,
  productGroupCode: string,
  present: Iterable<string>,
): readonly DocumentKindInfo[] {
  const have = new Set(present);
  return dossierChecklist(ruleSetCode, productGroupCode).filter((kind) => !have.has(kind.code));
}
