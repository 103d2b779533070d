import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ocop/config';
import { certificateLifecycleId, certificateStateQuery } from '@ocop/contracts';
import { LAO_CAI, OcopError } from '@ocop/domain';
import { findOcopDistrict, findOcopProvince } from '@ocop/admin-map';
import type { AuthUser } from '@ocop/identity';
import { scopeInProvince, scopeOf } from '../auth/access.policy';
import { pageOf } from '../common/paging';
import { WorkflowClient } from '../common/workflow-client';
import { effectiveStatus, STATUS_LABELS } from './certificate-status';
import { CertificateRow, CertificatesRepository, InspectionRow } from './certificates.repository';
import {
  CERTIFICATE_PAGE,
  CertificateDetailResponse,
  CertificatePageResponse,
  CertificateResponse,
  InspectionResponse,
  ListCertificatesQuery,
  PublicCertificateResponse,
} from './dto/certificate.dto';
import type { VerificationView } from './verification-page';

const iso = (value: Date | string | null): string | null => (value == null ? null : new Date(value).toISOString());

@Injectable()
export class CertificatesService {
  constructor(
    private readonly repository: CertificatesRepository,
    private readonly workflows: WorkflowClient,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async list(query: ListCertificatesQuery, user: AuthUser): Promise<CertificatePageResponse> {
    const now = new Date();
    const { limit, offset } = pageOf(query, CERTIFICATE_PAGE);
    const { rows, total } = await this.repository.list(
      scopeInProvince(scopeOf(user), query.province),
      { cycleYear: query.cycleYear, status: query.status, stars: query.stars, district: query.district, q: query.q },
      limit,
      offset,
      now,
    );
    return { items: rows.map((row) => toCertificateResponse(row, now)), total };
  }

  async detail(certificateNo: string): Promise<CertificateDetailResponse> {
    const row = await this.repository.find(certificateNo);
    if (!row) throw new OcopError('NOT_FOUND', { resource: 'certificate', id: certificateNo });
    const [inspections, live] = await Promise.all([
      this.repository.inspections(certificateNo),
      this.workflows.query(certificateLifecycleId(certificateNo), certificateStateQuery),
    ]);
    return {
      ...toCertificateResponse(row, new Date()),
      inspections: inspections.map(toInspectionResponse),
      live: live
        ? {
            status: live.status,
            ...(live.awaiting ? { awaiting: live.awaiting } : {}),
            lastEventSeq: live.lastEventSeq,
            inspections: live.inspections,
          }
        : null,
    };
  }

  /** The printable certificate, exactly as the CLI's `certificate` command prints it. */
  async document(certificateNo: string): Promise<string> {
    const html = await this.repository.document(certificateNo, this.config.get('PUBLIC_BASE_URL', { infer: true }));
    if (!html) throw new OcopError('NOT_FOUND', { resource: 'certificate', id: certificateNo });
    return html;
  }

  /** What anyone may know about a certificate, or undefined when there is none. The number is checked by the caller. */
  async publicView(certificateNo: string): Promise<PublicCertificateResponse | undefined> {
    const row = await this.repository.find(certificateNo);
    if (!row) return undefined;
    const status = effectiveStatus(row.status, row.expires_at);
    const province = findOcopProvince(row.province_code) ?? LAO_CAI;
    return {
      certificateNo: row.certificate_no,
      productName: row.product_name,
      producerName: row.producer_name ?? '',
      district: { code: row.district_code, name: findOcopDistrict(row.district_code)?.vi ?? row.district_code },
      province: { code: province.code, name: province.vi },
      stars: row.stars,
      issuedAt: new Date(row.issued_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
      status,
      statusLabel: STATUS_LABELS[status],
    };
  }
}

export function toVerificationView(view: PublicCertificateResponse): VerificationView {
  return {
    certificateNo: view.certificateNo,
    productName: view.productName,
    producerName: view.producerName,
    districtName: view.district.name,
    provinceName: view.province.name,
    stars: view.stars,
    issuedAt: new Date(view.issuedAt),
    expiresAt: new Date(view.expiresAt),
    status: view.status as VerificationView['status'],
    statusLabel: view.statusLabel,
  };
}

export function toCertificateResponse(row: CertificateRow, now: Date): CertificateResponse {
  const status = effectiveStatus(row.status, row.expires_at, now);
  return {
    certificateNo: row.certificate_no,
    productId: row.product_id,
    productName: row.product_name,
    productGroup: row.product_group,
    organisationId: row.organisation_id,
    producerName: row.producer_name,
    provinceCode: row.province_code,
    districtCode: row.district_code,
    cycleYear: row.cycle_year,
    stars: row.stars,
    status,
    statusLabel: STATUS_LABELS[status],
    issuedAt: iso(row.issued_at)!,
    expiresAt: iso(row.expires_at)!,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    statusReason: row.status_reason,
    inspectorId: row.inspector_id,
  };
}

function toInspectionResponse(row: InspectionRow): InspectionResponse {
  return {
    round: row.round,
    inspectorId: row.inspector_id,
    status: row.status,
    dueAt: iso(row.due_at)!,
    reportDueAt: iso(row.report_due_at)!,
    remediationDueAt: iso(row.remediation_due_at),
    verdict: row.verdict,
    reInspectionVerdict: row.re_inspection_verdict,
  };
}
