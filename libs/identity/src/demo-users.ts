import { LAO_CAI } from '@ocop/domain';
import { IdentityStore } from './identity-store';
import type { NewUser } from './identity-store';

/** The password of every demo user (printed in the README; demo data only). */
export const DEMO_PASSWORD = 'ocop-demo-2021';

/** The demo lab's API key (demo data only: anyone reading the README has it). */
export const DEMO_LAB_API_KEY = 'ocop_00000000000a_demo-lab-key-lao-cai-2021-not-secret';

const id = (n: number): string => `7d0c5b1e-3a6f-4e21-8b9d-5c0e7a2f${String(n).padStart(4, '0')}`;
const org = (n: number): string => `2f1a4c7e-0b8d-4c36-9a51-3c1e8f0a${String(1000 + n)}`;
const P = LAO_CAI.code;
/** The second demo province: Sơn La (GSO code 14 on both maps; its organisations in its old districts). */
export const SON_LA = '14';
/** The new Lào Cai (GSO 15 on the 2025 map: old Lào Cai and Yên Bái), and two of its communes. */
export const NEW_LAO_CAI = '15';
export const BAO_NHAI = '02890';
export const BAC_HA_COMMUNE = '02839';

/** One user per role (and a second where bindings matter), with fixed ids so examples and tests can name them. */
export const DEMO_USERS: readonly (Omit<NewUser, 'password'> & { readonly userId: string })[] = [
  { userId: id(1), username: 'admin', displayName: 'Quản trị hệ thống / System administrator', role: 'admin' },
  {
    userId: id(2),
    username: 'tinh.laocai',
    displayName: 'Văn phòng Điều phối NTM tỉnh Lào Cai',
    role: 'provincial_coordinator',
    provinceCode: P,
  },
  {
    userId: id(3),
    username: 'huyen.bacha',
    displayName: 'Phòng NN&PTNT huyện Bắc Hà',
    role: 'district_coordinator',
    districtCode: 'bac-ha',
    provinceCode: P,
  },
  {
    userId: id(4),
    username: 'huyen.batxat',
    displayName: 'Phòng NN&PTNT huyện Bát Xát',
    role: 'district_coordinator',
    districtCode: 'bat-xat',
    provinceCode: P,
  },
  {
    userId: id(5),
    username: 'htx.bacha',
    displayName: 'HTX Nông nghiệp Bắc Hà',
    role: 'producer',
    organisationId: org(1),
    provinceCode: P,
  },
  {
    userId: id(6),
    username: 'che.batxat',
    displayName: 'Công ty TNHH Chè Shan tuyết Bát Xát',
    role: 'producer',
    organisationId: org(2),
    provinceCode: P,
  },
  {
    userId: id(7),
    username: 'thocam.sapa',
    displayName: 'Tổ hợp tác Thổ cẩm Sa Pa',
    role: 'producer',
    organisationId: org(3),
    provinceCode: P,
  },
  {
    userId: id(8),
    username: 'matong.muongkhuong',
    displayName: 'Hộ kinh doanh Mật ong Mường Khương',
    role: 'producer',
    organisationId: org(4),
    provinceCode: P,
  },
  { userId: id(9), username: 'que.vanban', displayName: 'HTX Quế Văn Bàn', role: 'producer', organisationId: org(5), provinceCode: P },
  { userId: id(11), username: 'hoidong.1', displayName: 'Nguyễn Văn An (Chủ tịch hội đồng)', role: 'council_member' },
  { userId: id(12), username: 'hoidong.2', displayName: 'Trần Thị Bình', role: 'council_member' },
  { userId: id(13), username: 'hoidong.3', displayName: 'Lê Văn Cường', role: 'council_member' },
  { userId: id(14), username: 'hoidong.4', displayName: 'Phạm Thị Dung', role: 'council_member' },
  { userId: id(15), username: 'hoidong.5', displayName: 'Hoàng Văn Em', role: 'council_member' },
  { userId: id(21), username: 'lab.laocai', displayName: 'Trung tâm Kiểm nghiệm Lào Cai', role: 'lab', agencyId: `lab:${P}` },
  {
    userId: id(22),
    username: 'kiemtra.laocai',
    displayName: 'Chi cục Quản lý chất lượng Lào Cai',
    role: 'inspector',
    agencyId: `inspector:${P}`,
  },
  // The second province, so that the separation between provinces is tested both ways.
  {
    userId: id(31),
    username: 'tinh.sonla',
    displayName: 'Văn phòng Điều phối NTM tỉnh Sơn La',
    role: 'provincial_coordinator',
    provinceCode: SON_LA,
  },
  {
    userId: id(38),
    username: 'huyen.mocchau',
    displayName: 'Phòng Kinh tế thị xã Mộc Châu',
    role: 'district_coordinator',
    districtCode: '123',
    provinceCode: SON_LA,
  },
  {
    userId: id(32),
    username: 'htx.mocchau',
    displayName: 'HTX Chè Mộc Châu',
    role: 'producer',
    organisationId: org(6),
    provinceCode: SON_LA,
  },
  { userId: id(33), username: 'hoidong.sonla.1', displayName: 'Lò Văn Hùng (Chủ tịch hội đồng)', role: 'council_member' },
  { userId: id(34), username: 'hoidong.sonla.2', displayName: 'Cầm Thị Lan', role: 'council_member' },
  { userId: id(35), username: 'hoidong.sonla.3', displayName: 'Quàng Văn Minh', role: 'council_member' },
  { userId: id(36), username: 'lab.sonla', displayName: 'Trung tâm Kiểm nghiệm Sơn La', role: 'lab', agencyId: `lab:${SON_LA}` },
  {
    userId: id(37),
    username: 'kiemtra.sonla',
    displayName: 'Chi cục Quản lý chất lượng Sơn La',
    role: 'inspector',
    agencyId: `inspector:${SON_LA}`,
  },
  // The new Lào Cai (GSO 15, the 2025 map): commune cycles (QĐ 1489), whose communes' officers check the dossiers.
  {
    userId: id(51),
    username: 'tinh.laocai15',
    displayName: 'Văn phòng Điều phối NTM tỉnh Lào Cai (tỉnh mới)',
    role: 'provincial_coordinator',
    provinceCode: NEW_LAO_CAI,
  },
  {
    userId: id(52),
    username: 'xa.baonhai',
    displayName: 'UBND xã Bảo Nhai — cán bộ OCOP',
    role: 'commune_officer',
    communeCode: BAO_NHAI,
    provinceCode: NEW_LAO_CAI,
  },
  {
    userId: id(53),
    username: 'xa.bacha',
    displayName: 'UBND xã Bắc Hà — cán bộ OCOP',
    role: 'commune_officer',
    communeCode: BAC_HA_COMMUNE,
    provinceCode: NEW_LAO_CAI,
  },
  {
    userId: id(54),
    username: 'htx.baonhai',
    displayName: 'HTX Mận Tam hoa Bảo Nhai',
    role: 'producer',
    organisationId: org(7),
    provinceCode: NEW_LAO_CAI,
  },
  // The central office: every province, and the central council's 5★ sessions.
  {
    userId: id(41),
    username: 'trunguong',
    displayName: 'Văn phòng Điều phối nông thôn mới Trung ương',
    role: 'central_coordinator',
  },
];

export const demoUser = (username: string): (typeof DEMO_USERS)[number] => {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new RangeError(`no demo user ${username}`);
  return user;
};

/** Creates the demo users and the demo lab's API key; running it again changes nothing. Returns how many were new. */
export async function loadDemoUsers(identity: IdentityStore): Promise<number> {
  let added = 0;
  for (const user of DEMO_USERS) {
    if (await identity.findById(user.userId)) continue;
    await identity.createUser({ ...user, password: DEMO_PASSWORD }, 'system:demo-data', `demo-user-created:${user.userId}`);
    added += 1;
  }
  const lab = demoUser('lab.laocai');
  if (!(await identity.userOfApiKey(DEMO_LAB_API_KEY))) {
    await identity.issueApiKey(lab.userId, 'demo lab key', 'system:demo-data', `demo-api-key:${lab.userId}`, DEMO_LAB_API_KEY);
  }
  return added;
}
