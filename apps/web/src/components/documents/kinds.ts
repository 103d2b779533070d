// Document kinds as libs/domain names them, grouped by who attaches them.
import { DOCUMENT_KINDS } from '@ocop/domain';

export const kindsFor = (uploader: 'producer' | 'lab' | 'inspector') => DOCUMENT_KINDS.filter((k) => k.uploadedBy === uploader);
