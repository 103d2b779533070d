import { DataSource } from 'typeorm';
import { LAO_CAI } from '@ocop/domain';

/** Demo producers of Lào Cai 2021, with fixed ids so the README's examples work on every machine. */
export const DEMO_ORGANISATIONS = [
  { id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001', name: 'HTX Nông nghiệp Bắc Hà', type: 'htx', district: 'bac-ha' },
  { id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1002', name: 'Công ty TNHH Chè Shan tuyết Bát Xát', type: 'doanh-nghiep', district: 'bat-xat' },
  { id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1003', name: 'Tổ hợp tác Thổ cẩm Sa Pa', type: 'to-hop-tac', district: 'tx-sa-pa' },
  { id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1004', name: 'Hộ kinh doanh Mật ong Mường Khương', type: 'ho-kinh-doanh', district: 'muong-khuong' },
  { id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1005', name: 'HTX Quế Văn Bàn', type: 'htx', district: 'van-ban' },
] as const;

/** Loads the demo organisations; running it again changes nothing. Returns how many rows were new. */
export async function loadDemoData(dataSource: DataSource): Promise<number> {
  let added = 0;
  for (const org of DEMO_ORGANISATIONS) {
    const rows: unknown[] = await dataSource.query(
      `INSERT INTO organisations (organisation_id, name, producer_type, province_code, district_code)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT ON CONSTRAINT pk_organisations DO NOTHING RETURNING organisation_id`,
      [org.id, org.name, org.type, LAO_CAI.code, org.district],
    );
    added += rows.length;
  }
  return added;
}
