import { DataSource } from 'typeorm';
import type { NewEvent } from '@ocop/contracts';
import { LAO_CAI } from '@ocop/domain';
import { placeFromAddress } from '@ocop/admin-areas';
import { createProjections, deterministicUuid, EventStore } from '@ocop/persistence';

/** Demo producers of Lào Cai 2021 (and one of Sơn La), with fixed ids so the README's examples work on every machine. */
export const DEMO_ORGANISATIONS = [
  { id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1001', name: 'HTX Nông nghiệp Bắc Hà', type: 'htx', district: 'bac-ha', foundedYear: 2015 },
  {
    id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1002',
    name: 'Công ty TNHH Chè Shan tuyết Bát Xát',
    type: 'doanh-nghiep',
    district: 'bat-xat',
    foundedYear: 2018,
  },
  {
    id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1003',
    name: 'Tổ hợp tác Thổ cẩm Sa Pa',
    type: 'to-hop-tac',
    district: 'tx-sa-pa',
    foundedYear: 2021,
  },
  {
    id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1004',
    name: 'Hộ kinh doanh Mật ong Mường Khương',
    type: 'ho-kinh-doanh',
    district: 'muong-khuong',
    foundedYear: 2021,
  },
  { id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1005', name: 'HTX Quế Văn Bàn', type: 'htx', district: 'van-ban', foundedYear: 2012 },
  // The second demo province, Sơn La (GSO 14): Mộc Châu (district 123 on the old map).
  {
    id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1006',
    name: 'HTX Chè Mộc Châu',
    type: 'htx',
    district: '123',
    foundedYear: 2016,
    province: '14',
  },
  // The new Lào Cai (GSO 15, the 2025 map): registered in 2021 in Xã Bảo Nhai, Huyện Bắc Hà — its old commune and
  // district kept beside its commune (converted from that address), for the province's commune cycles.
  {
    id: '2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a1007',
    name: 'HTX Mận Tam hoa Bảo Nhai',
    type: 'htx',
    district: '085',
    foundedYear: 2019,
    province: '15',
    address: 'Xã Bảo Nhai, Huyện Bắc Hà, Tỉnh Lào Cai',
  },
] as const;

/** The province a demo organisation is registered in. */
export const demoProvinceOf = (org: (typeof DEMO_ORGANISATIONS)[number]): string => ('province' in org ? org.province : LAO_CAI.code);

/** The demo organisations of Lào Cai (the simulation's and the benchmark's producers). */
export const LAO_CAI_ORGANISATIONS = DEMO_ORGANISATIONS.filter((org) => demoProvinceOf(org) === LAO_CAI.code);

export const DEMO_DATA_ACTOR = 'system:demo-data';
/** When the demo organisations are registered: fixed, so the events (and a rebuild of them) are the same everywhere. */
const DEMO_REGISTERED_AT = '2021-01-04T01:00:00.000Z';

/** The place a demo organisation's address gives on the day it registered (before the reform: converted). */
function placeOnRegistration(address: string): Record<string, string> {
  const place = placeFromAddress(address, DEMO_REGISTERED_AT.slice(0, 10));
  if (!place) throw new RangeError(`demo address not on the map: ${address}`);
  const { split: _split, ...codes } = place;
  return Object.fromEntries(Object.entries(codes).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The `OrganisationRegistered` event of a demo organisation: the same event every time (id derived from the org id). */
export function demoOrganisationRegistered(org: (typeof DEMO_ORGANISATIONS)[number]): NewEvent<'OrganisationRegistered'> {
  return {
    eventId: deterministicUuid('ocop-flow:demo-data', `OrganisationRegistered:${org.id}`),
    streamId: `organisation:${org.id}`,
    streamSeq: 1,
    type: 'OrganisationRegistered',
    payload: {
      organisationId: org.id,
      name: org.name,
      producerType: org.type,
      provinceCode: demoProvinceOf(org),
      districtCode: org.district,
      foundedYear: org.foundedYear,
      ...('address' in org ? { address: org.address, ...placeOnRegistration(org.address) } : {}),
    },
    actor: DEMO_DATA_ACTOR,
    occurredAt: DEMO_REGISTERED_AT,
  };
}

/**
 * Registers the demo organisations by appending their `OrganisationRegistered` events and projecting them, in one
 * transaction; running it again changes nothing (the event store is idempotent by event id). Returns how many
 * organisations were new.
 */
export async function loadDemoData(dataSource: DataSource): Promise<number> {
  const store = new EventStore();
  const projections = createProjections();
  return dataSource.transaction(async (manager) => {
    const appended = await store.append(manager, DEMO_ORGANISATIONS.map(demoOrganisationRegistered));
    await projections.apply(manager, appended);
    return appended.length;
  });
}
