import { convertLegacyCommune, findOcopProvince, legacyCommunesOf } from '@ocop/admin-map';
import { RuleSetCode, ruleSet } from '@ocop/domain';
import { OfficeClient, until } from './office-client';
import { aPdf } from './sample-pdf';

/** A province's office as the simulation staffs it: its own coordinators, producer and council. */
export interface ProvinceOffice {
  readonly code: string;
  readonly name: string;
  /** The (old) district its organisation is registered in, for the cycles of the old map. */
  readonly districtCode: string;
  /** The 2025 commune its organisation is placed in (the one its district's first old commune became). */
  readonly communeCode: string;
  readonly coordinator: string;
  readonly districtCoordinator: string;
  readonly communeOfficer: string;
  readonly producer: string;
  readonly organisationId: string;
  readonly council: Council;
}

export interface Council {
  readonly usernames: readonly string[];
  readonly ids: readonly string[];
}

const COUNCIL_SIZE = 3; // quorum is ¾ with the chair: three members all present

/**
 * The admin creates the province's people (provincial and district coordinators, a commune officer, a council of
 * three); the provincial coordinator registers a cooperative in the province's first district, placed in the 2025
 * commune its first old commune became; the admin gives it a producer login.
 */
export async function staffProvince(
  api: OfficeClient,
  admin: string,
  runId: string,
  code: string,
  password: string,
): Promise<ProvinceOffice> {
  const province = findOcopProvince(code);
  const district = province?.districts[0];
  if (!province || !district) throw new RangeError(`province ${code} has no district to register an organisation in`);
  const [oldCommune] = legacyCommunesOf(district.code);
  const commune = oldCommune && convertLegacyCommune(oldCommune.code);
  if (!commune || commune.provinceCode !== code) throw new RangeError(`district ${district.code} has no commune in province ${code}`);
  const user = (suffix: string, displayName: string, binding: Record<string, string>) =>
    api.ok<{ userId: string; username: string }>(admin, 'POST', '/users', {
      username: `sim-${runId}-${code}-${suffix}`,
      displayName,
      password,
      ...binding,
    });
  const [coordinator, districtCoordinator, communeOfficer, ...members] = await Promise.all([
    user('tinh', `Văn phòng điều phối OCOP ${province.vi}`, { role: 'provincial_coordinator', provinceCode: code }),
    user('huyen', `Phòng Kinh tế ${district.vi}`, { role: 'district_coordinator', districtCode: district.code }),
    user('xa', `UBND ${commune.vi}`, { role: 'commune_officer', communeCode: commune.code }),
    ...Array.from({ length: COUNCIL_SIZE }, (_, i) =>
      user(`hoidong-${i + 1}`, `Thành viên hội đồng ${i + 1} (${province.vi})`, { role: 'council_member' }),
    ),
  ]);
  const organisation = await api.ok<{ id: string }>(coordinator!.username, 'POST', '/organisations', {
    name: `HTX mô phỏng ${runId} ${district.vi}`,
    producerType: 'htx',
    districtCode: district.code,
    communeCode: commune.code,
  });
  const producer = await user('htx', `HTX mô phỏng ${district.vi}`, {
    role: 'producer',
    organisationId: organisation.id,
    provinceCode: code,
  });
  return {
    code,
    name: province.vi,
    districtCode: district.code,
    communeCode: commune.code,
    coordinator: coordinator!.username,
    districtCoordinator: districtCoordinator!.username,
    communeOfficer: communeOfficer!.username,
    producer: producer.username,
    organisationId: organisation.id,
    council: { usernames: members.map((m) => m.username), ids: members.map((m) => m.userId) },
  };
}

/** A product from idea to dossier (or to the coordinator's rejection), each step by the person whose step it is. */
export async function bringToDossier(
  api: OfficeClient,
  office: ProvinceOffice,
  idea: { name: string; productGroup: string; cycleYear: number; rejected: boolean },
): Promise<string> {
  const { id } = await api.ok<{ id: string }>(office.producer, 'POST', '/products', {
    organisationId: office.organisationId,
    name: idea.name,
    productGroup: idea.productGroup,
    district: office.districtCode,
    cycleYear: idea.cycleYear,
  });
  if (idea.rejected) {
    await api.ok(office.districtCoordinator, 'POST', `/products/${id}/review`, {
      decision: 'reject',
      reason: 'Chưa phải sản phẩm đặc trưng',
    });
    return id;
  }
  await api.ok(office.districtCoordinator, 'POST', `/products/${id}/review`, { decision: 'accept' });
  await api.ok(office.producer, 'POST', `/products/${id}/business-plan`, { summary: 'Mở rộng vùng nguyên liệu 2026–2028' });
  const documents = await api.ok<{ checklist: { kind: string; present: boolean }[] }>(office.producer, 'GET', `/products/${id}/documents`);
  for (const item of documents.checklist.filter((i) => !i.present)) {
    await api.upload(office.producer, `/products/${id}/documents?kind=${item.kind}`, aPdf(`${item.kind} ${id}`), `${item.kind}.pdf`);
  }
  await api.ok(office.producer, 'POST', `/products/${id}/dossier`, {
    selfAssessment: { A: 28, B: 18, C: 30 },
    evidence: ['https://files.example.vn/ho-so.pdf'],
  });
  return id;
}

/** Who checks a dossier at the commune level (QĐ 1489/2025): the officer of the organisation's commune. */
export const dossierCheckerOf = (office: ProvinceOffice): string => office.communeOfficer;

/**
 * A council session: opened by `opener`, the products entered, every member scoring around the product's mean
 * (within the allowed spread) once the session's day has come, closed by the chair. Answers the session's id.
 */
export async function runSession(
  api: OfficeClient,
  opener: string,
  area: { level: string; areaCode: string; cycleYear: number },
  code: RuleSetCode,
  council: Council,
  products: readonly { id: string; mean: number }[],
): Promise<string> {
  // The products go in up to the dossier lead time (2 working days) before the session's day: room for a long agenda.
  const daysAhead = 10 + Math.ceil(products.length / 4);
  const session = await api.ok<{ id: string }>(opener, 'POST', '/sessions', {
    ...area,
    sessionDate: new Date(Date.now() + daysAhead * 86_400_000).toISOString(),
    memberIds: council.ids,
    chairId: council.ids[0],
  });
  for (const product of products) await api.ok(opener, 'POST', `/sessions/${session.id}/products`, { productId: product.id });
  const opened = await api.ok<{ live?: { scoringOpensAt?: string } }>(opener, 'GET', `/sessions/${session.id}`);
  const opensAt = Date.parse(opened.live?.scoringOpensAt ?? '');
  if (opensAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, opensAt - Date.now() + 200));
  const spread = [0, 1, -1, 0.5, -0.5];
  await Promise.all(
    council.usernames.map(async (member, i) => {
      for (const product of products) {
        await api.ok(member, 'POST', `/sessions/${session.id}/scorecards`, {
          productId: product.id,
          parts: partsOf(code, product.mean + spread[i % spread.length]!),
        });
      }
    }),
  );
  await api.ok(council.usernames[0]!, 'POST', `/sessions/${session.id}/close`, { presentMemberIds: council.ids });
  return session.id;
}

/** A total split over the rule set's parts in proportion to their maxima (which add up to 100). */
export function partsOf(code: RuleSetCode, total: number): Record<string, number> {
  const parts = Object.entries(ruleSet(code).parts);
  let left = total;
  return Object.fromEntries(
    parts.map(([name, part], i) => {
      const score = i === parts.length - 1 ? Math.round(left * 100) / 100 : Math.round(((total * part.max) / 100) * 100) / 100;
      left -= score;
      return [name, score];
    }),
  );
}

export interface ProductView {
  readonly id: string;
  readonly stage: string;
  readonly province: string;
  readonly stars?: number;
  readonly certificateNo?: string;
}

/** Polls the product as `as` sees it until `done`. */
export function waitForProduct(
  api: OfficeClient,
  as: string,
  id: string,
  done: (p: ProductView) => boolean,
  what: string,
): Promise<ProductView> {
  return until(() => api.ok<ProductView>(as, 'GET', `/products/${id}`), done, `${id} ${what}`);
}
