import type { TableSpec } from './read-model';

// The read-model tables as the projections write them (the migrations create them): every column a projection sets,
// with its type, and the key a projection finds a row by. A rebuild writes exactly these columns.

export const ORGANISATIONS: TableSpec = {
  name: 'organisations',
  columns: {
    organisation_id: 'uuid',
    name: 'text',
    producer_type: 'text',
    province_code: 'text',
    district_code: 'text',
    founded_year: 'integer',
    tax_code: 'text',
    contact_email: 'text',
    contact_phone: 'text',
    address: 'text',
    representative: 'text',
    registered_by: 'text',
    created_at: 'timestamptz',
    contact_updated_by: 'text',
    contact_updated_at: 'timestamptz',
    commune_code: 'text',
    legacy_commune_code: 'text',
    legacy_district_code: 'text',
    last_event_position: 'bigint',
  },
  key: ['organisation_id'],
  conflict: 'pk_organisations',
};

export const CYCLES: TableSpec = {
  name: 'cycles',
  columns: {
    province_code: 'text',
    cycle_year: 'integer',
    rule_set: 'text',
    calendar: 'jsonb',
    targets: 'jsonb',
    day_length_ms: 'integer',
    status: 'text',
    opened_by: 'text',
    opened_at: 'timestamptz',
    workflow_id: 'text',
    last_event_position: 'bigint',
    updated_at: 'timestamptz',
  },
  key: ['workflow_id'],
};

/** Found by the journey's workflow id (uq_products_workflow); the primary key is (product_id, cycle_year). */
export const PRODUCTS: TableSpec = {
  name: 'products',
  columns: {
    product_id: 'uuid',
    organisation_id: 'uuid',
    name: 'text',
    product_group: 'text',
    province_code: 'text',
    district_code: 'text',
    cycle_year: 'integer',
    rule_set: 'text',
    stage: 'text',
    workflow_id: 'text',
    submitted_by: 'text',
    submitted_at: 'timestamptz',
    last_event_position: 'bigint',
    updated_at: 'timestamptz',
    stars: 'integer',
    due_at: 'timestamptz',
    certificate_no: 'text',
    session_id: 'text',
    reason: 'text',
    commune_code: 'text',
    previous_certificate_no: 'text',
  },
  key: ['workflow_id'],
};

export const CYCLE_PROGRESS: TableSpec = {
  name: 'cycle_progress',
  columns: {
    province_code: 'text',
    cycle_year: 'integer',
    stage: 'text',
    district_code: 'text',
    product_group: 'text',
    products: 'integer',
  },
  key: ['province_code', 'cycle_year', 'stage', 'district_code', 'product_group'],
  conflict: 'pk_cycle_progress',
};

export const LAB_REQUESTS: TableSpec = {
  name: 'lab_requests',
  columns: {
    request_id: 'text',
    product_id: 'uuid',
    workflow_id: 'text',
    cycle_year: 'integer',
    province_code: 'text',
    district_code: 'text',
    product_group: 'text',
    product_name: 'text',
    lab_id: 'text',
    attempt: 'integer',
    status: 'text',
    requested_at: 'timestamptz',
    due_at: 'timestamptz',
    results: 'jsonb',
    decided_at: 'timestamptz',
    last_event_position: 'bigint',
    updated_at: 'timestamptz',
  },
  key: ['request_id'],
};

export const SESSIONS: TableSpec = {
  name: 'sessions',
  columns: {
    session_id: 'text',
    level: 'text',
    area_code: 'text',
    province_code: 'text',
    cycle_year: 'integer',
    session_date: 'timestamptz',
    status: 'text',
    products_entered: 'integer',
    products_scored: 'integer',
    last_event_position: 'bigint',
    updated_at: 'timestamptz',
    chair_id: 'text',
    member_ids: 'text[]',
    members: 'jsonb',
    opened_by: 'text',
  },
  key: ['session_id'],
};

/** The products entered in each session (a product entered twice is one row, at its last entry). */
export const SESSION_PRODUCTS: TableSpec = {
  name: 'session_products',
  columns: { session_id: 'text', product_id: 'text', entered_at: 'timestamptz', last_event_position: 'bigint' },
  key: ['session_id', 'product_id'],
  conflict: 'pk_session_products',
};

export const CERTIFICATES: TableSpec = {
  name: 'certificates',
  columns: {
    certificate_no: 'text',
    product_id: 'uuid',
    organisation_id: 'uuid',
    product_name: 'text',
    province_code: 'text',
    district_code: 'text',
    product_group: 'text',
    stars: 'integer',
    status: 'text',
    issued_at: 'timestamptz',
    expires_at: 'timestamptz',
    superseded_by: 'text',
    status_reason: 'text',
    last_event_position: 'bigint',
    updated_at: 'timestamptz',
    inspector_id: 'text',
    cycle_year: 'integer',
    supersedes: 'text',
  },
  key: ['certificate_no'],
};

/** One row per certificate and yearly round; `latest` finds a certificate's last round. */
export const INSPECTIONS: TableSpec = {
  name: 'inspections',
  columns: {
    certificate_no: 'text',
    round: 'integer',
    inspector_id: 'text',
    product_id: 'uuid',
    organisation_id: 'uuid',
    province_code: 'text',
    status: 'text',
    due_at: 'timestamptz',
    report_due_at: 'timestamptz',
    remediation_due_at: 'timestamptz',
    verdict: 'text',
    re_inspection_verdict: 'text',
    requested_at: 'timestamptz',
    last_event_position: 'bigint',
    updated_at: 'timestamptz',
  },
  key: ['certificate_no', 'round'],
};

export const DOCUMENTS: TableSpec = {
  name: 'documents',
  columns: {
    document_id: 'uuid',
    product_id: 'uuid',
    kind: 'text',
    subject_id: 'text',
    sha256: 'text',
    file_name: 'text',
    content_type: 'text',
    size_bytes: 'bigint',
    uploaded_by: 'text',
    uploaded_at: 'timestamptz',
    removed_by: 'text',
    removed_at: 'timestamptz',
    last_event_position: 'bigint',
  },
  key: ['document_id'],
  conflict: 'pk_documents',
};

export const CERTIFICATE_DECISIONS: TableSpec = {
  name: 'certificate_decisions',
  columns: {
    certificate_no: 'text',
    decision_no: 'text',
    decision_date: 'text',
    recorded_by: 'text',
    recorded_at: 'timestamptz',
    last_event_position: 'bigint',
  },
  key: ['certificate_no'],
  conflict: 'pk_certificate_decisions',
};

/** Every table the projections write, in the order a live transaction first writes them (rebuild locks them so). */
export const READ_MODEL_SPECS: readonly TableSpec[] = [
  ORGANISATIONS,
  CYCLES,
  PRODUCTS,
  CYCLE_PROGRESS,
  LAB_REQUESTS,
  SESSIONS,
  SESSION_PRODUCTS,
  CERTIFICATES,
  INSPECTIONS,
  DOCUMENTS,
  CERTIFICATE_DECISIONS,
];
