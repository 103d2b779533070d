import { DataSource } from 'typeorm';
import { renderCertificateHtml } from './certificate-document';
import { findProductGroup, isRuleSetCode, LAO_CAI } from '@ocop/domain';
import { findOcopDistrict, findOcopProvince } from '@ocop/admin-map';

const ISSUERS = {
  district: { vi: 'Ủy ban nhân dân huyện', en: 'District People’s Committee' },
  province: { vi: 'Ủy ban nhân dân tỉnh', en: 'Provincial People’s Committee' },
  central: { vi: 'Thủ tướng Chính phủ', en: 'The Prime Minister' },
};

/** The printable certificate (HTML) of a certificate in the read model, or undefined if there is none. */
export async function certificateDocument(db: DataSource, certificateNo: string, verificationBaseUrl: string): Promise<string | undefined> {
  const [row]: Record<string, any>[] = await db.query(
    `SELECT c.*, p.rule_set, o.name AS producer_name, d.decision_no, d.decision_date,
            (SELECT e.payload->>'level' FROM events e WHERE e.stream_id = p.workflow_id AND e.type = 'CertificateIssued' AND e.payload->>'certificateNo' = c.certificate_no) AS level
       FROM certificates c JOIN products p ON p.product_id = c.product_id AND p.cycle_year = COALESCE(c.cycle_year, p.cycle_year)
       LEFT JOIN organisations o ON o.organisation_id = c.organisation_id
       LEFT JOIN certificate_decisions d ON d.certificate_no = c.certificate_no
      WHERE c.certificate_no = $1`,
    [certificateNo],
  );
  if (!row) return undefined;
  const group = isRuleSetCode(row.rule_set) ? findProductGroup(row.rule_set, row.product_group) : undefined;
  const province = findOcopProvince(row.province_code) ?? LAO_CAI;
  const now = Date.now();
  const status =
    row.status === 'valid' && Date.parse(row.expires_at) < now ? 'expired' : row.status === 'remediation' ? 'valid' : row.status;
  return renderCertificateHtml(
    {
      certificateNo: row.certificate_no,
      productName: row.product_name,
      producerName: row.producer_name ?? row.organisation_id,
      provinceName: province.vi,
      districtName: findOcopDistrict(row.district_code)?.vi,
      productGroup: group ? { vi: group.vi, en: group.en } : { vi: row.product_group, en: row.product_group },
      stars: row.stars,
      issuedAt: new Date(row.issued_at),
      expiresAt: new Date(row.expires_at),
      issuedBy: ISSUERS[(row.level as keyof typeof ISSUERS) ?? 'province'] ?? ISSUERS.province,
      status,
      ...(row.decision_no ? { decision: { number: row.decision_no, date: row.decision_date } } : {}),
    },
    { verificationBaseUrl },
  );
}
