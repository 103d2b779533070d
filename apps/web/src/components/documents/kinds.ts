// Document kinds as libs/domain names them (the same JSON file), grouped by who attaches them.
import checklists from '../../../../../libs/domain/data/dossier-checklists.json';

export interface DocumentKind {
  code: string;
  vi: string;
  en: string;
  uploadedBy: string;
}

export const DOCUMENT_KINDS: DocumentKind[] = Object.entries(checklists.kinds).map(([code, k]) => ({ code, vi: k.vi, en: k.en, uploadedBy: k.uploadedBy }));
export const kindsFor = (uploader: 'producer' | 'lab' | 'inspector') => DOCUMENT_KINDS.filter((k) => k.uploadedBy === uploader);
