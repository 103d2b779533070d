import { CERTIFICATE_DECISIONS, DOCUMENTS } from './read-model-tables';
import { get, num, Payload, ProjectionRule, str, update, upsert } from './read-model';

/**
 * `documents` from DocumentUploaded / DocumentRemoved (stream `documents:<productId>`): a removed document keeps its
 * row with removed_at set, as the log keeps its upload.
 */
export const DOCUMENT_PROJECTION: ProjectionRule = {
  name: 'documents',
  selects: [{ streamPrefix: 'documents:', types: ['DocumentUploaded', 'DocumentRemoved'] }],
  *project(event) {
    const p = event.payload as Payload;
    if (event.type === 'DocumentUploaded') {
      yield upsert(DOCUMENTS, {
        document_id: p.documentId,
        product_id: p.productId,
        kind: p.kind,
        subject_id: str(p.subjectId),
        sha256: p.sha256,
        file_name: p.fileName,
        content_type: p.contentType,
        size_bytes: String(num(p.sizeBytes) ?? 0),
        uploaded_by: event.actor,
        uploaded_at: event.occurredAt,
        removed_by: null,
        removed_at: null,
        last_event_position: event.position,
      });
      return;
    }
    const before = yield get(DOCUMENTS, [p.documentId], true);
    if (!before) return;
    yield update(DOCUMENTS, before, {
      ...before,
      removed_by: event.actor,
      removed_at: event.occurredAt,
      last_event_position: event.position,
    });
  },
};

/** `certificate_decisions` from CertificateDecisionRecorded (stream `certificate-decision:<no>`); a correction replaces it. */
export const CERTIFICATE_DECISION_PROJECTION: ProjectionRule = {
  name: 'certificate_decisions',
  selects: [{ streamPrefix: 'certificate-decision:', types: ['CertificateDecisionRecorded'] }],
  *project(event) {
    const p = event.payload as Payload;
    yield upsert(CERTIFICATE_DECISIONS, {
      certificate_no: p.certificateNo,
      decision_no: p.decisionNo,
      decision_date: p.decisionDate,
      recorded_by: event.actor,
      recorded_at: event.occurredAt,
      last_event_position: event.position,
    });
  },
};
