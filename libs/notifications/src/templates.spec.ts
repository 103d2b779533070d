import {
  formatDate,
  formatDecimal,
  NOTIFICATION_TEMPLATES,
  NotificationDataError,
  NotificationTemplate,
  renderNotification,
} from './templates';

type Case = [
  template: NotificationTemplate,
  data: Record<string, unknown>,
  expected: { subject: { vi: string; en: string }; body: { vi: string; en: string } },
];

const CASES: Case[] = [
  [
    'deadline-reminder',
    { productName: 'Rượu mận Bắc Hà', step: 'business-plan', dueDate: '2021-06-30', daysBefore: 7 },
    {
      subject: {
        vi: 'Nhắc hạn: nộp phương án sản xuất kinh doanh – sản phẩm "Rượu mận Bắc Hà" (hạn 30/06/2021)',
        en: 'Reminder: business plan submission for "Rượu mận Bắc Hà" is due on 2021-06-30',
      },
      body: {
        vi: 'Còn 7 ngày nữa là đến hạn nộp phương án sản xuất kinh doanh của sản phẩm "Rượu mận Bắc Hà" (hạn chót: 30/06/2021). Vui lòng hoàn thành trước thời hạn.',
        en: '7 days left until business plan submission for "Rượu mận Bắc Hà" is due (deadline: 2021-06-30). Please complete it before the deadline.',
      },
    },
  ],
  [
    'deadline-reminder',
    // As the workflows send it: a journey stage code and a deadline at local midnight (= end of 14 August).
    { productName: 'Rượu mận Bắc Hà', step: 'lab_test', dueDate: '2021-08-14T17:00:00.000Z', daysBefore: 1 },
    {
      subject: {
        vi: 'Nhắc hạn: kiểm nghiệm an toàn thực phẩm – sản phẩm "Rượu mận Bắc Hà" (hạn 14/08/2021)',
        en: 'Reminder: food-safety lab testing for "Rượu mận Bắc Hà" is due on 2021-08-14',
      },
      body: {
        vi: 'Còn 1 ngày nữa là đến hạn kiểm nghiệm an toàn thực phẩm của sản phẩm "Rượu mận Bắc Hà" (hạn chót: 14/08/2021). Vui lòng hoàn thành trước thời hạn.',
        en: '1 day left until food-safety lab testing for "Rượu mận Bắc Hà" is due (deadline: 2021-08-14). Please complete it before the deadline.',
      },
    },
  ],
  [
    'deadline-missed',
    {
      productName: 'Chè Shan tuyết',
      step: { vi: 'bổ sung hồ sơ', en: 'dossier completion' },
      dueDate: '2021-07-01',
      graceEndsAt: '2021-07-08',
    },
    {
      subject: { vi: 'Quá hạn: bổ sung hồ sơ – sản phẩm "Chè Shan tuyết"', en: 'Overdue: dossier completion for "Chè Shan tuyết"' },
      body: {
        vi: 'Đã quá hạn bổ sung hồ sơ của sản phẩm "Chè Shan tuyết" (hạn chót: 01/07/2021). Nếu chưa hoàn thành trước ngày 08/07/2021, hồ sơ sẽ được xử lý theo quy định của chu kỳ OCOP.',
        en: 'The deadline for dossier completion for "Chè Shan tuyết" has passed (deadline: 2021-07-01). If it is not completed by 2021-07-08, the dossier will be handled under the OCOP cycle\'s rules.',
      },
    },
  ],
  [
    'idea-reviewed',
    { productName: 'Mật ong Mường Khương', decision: 'rejected', reason: 'Trùng với sản phẩm đã đăng ký' },
    {
      subject: {
        vi: 'Kết quả xét duyệt ý tưởng sản phẩm "Mật ong Mường Khương": không được chấp thuận',
        en: 'Product idea "Mật ong Mường Khương" reviewed: rejected',
      },
      body: {
        vi: 'Ý tưởng sản phẩm "Mật ong Mường Khương" đã được xét duyệt với kết quả: không được chấp thuận.\nLý do: Trùng với sản phẩm đã đăng ký',
        en: 'The product idea "Mật ong Mường Khương" has been reviewed: rejected.\nReason: Trùng với sản phẩm đã đăng ký',
      },
    },
  ],
  [
    'idea-reviewed',
    { productName: 'Quế Văn Bàn', decision: 'accepted' },
    {
      subject: {
        vi: 'Kết quả xét duyệt ý tưởng sản phẩm "Quế Văn Bàn": được chấp thuận',
        en: 'Product idea "Quế Văn Bàn" reviewed: accepted',
      },
      body: {
        vi: 'Ý tưởng sản phẩm "Quế Văn Bàn" đã được xét duyệt với kết quả: được chấp thuận.',
        en: 'The product idea "Quế Văn Bàn" has been reviewed: accepted.',
      },
    },
  ],
  [
    'idea-reviewed',
    { productName: 'Quế Văn Bàn', decision: 'request_changes', reason: { vi: 'Bổ sung ảnh nhãn', en: 'Add label photos' } },
    {
      subject: {
        vi: 'Kết quả xét duyệt ý tưởng sản phẩm "Quế Văn Bàn": cần bổ sung, chỉnh sửa',
        en: 'Product idea "Quế Văn Bàn" reviewed: changes requested',
      },
      body: {
        vi: 'Ý tưởng sản phẩm "Quế Văn Bàn" đã được xét duyệt với kết quả: cần bổ sung, chỉnh sửa.\nLý do: Bổ sung ảnh nhãn',
        en: 'The product idea "Quế Văn Bàn" has been reviewed: changes requested.\nReason: Add label photos',
      },
    },
  ],
  [
    'lab-test-requested',
    { productName: 'Rượu mận Bắc Hà', productGroup: 'do-uong', dueDate: '2021-08-15', requestId: 'LAB-2021-0007' },
    {
      subject: {
        vi: 'Yêu cầu kiểm nghiệm LAB-2021-0007: sản phẩm "Rượu mận Bắc Hà"',
        en: 'Lab test request LAB-2021-0007: "Rượu mận Bắc Hà"',
      },
      body: {
        vi: 'Đề nghị kiểm nghiệm các chỉ tiêu an toàn thực phẩm của sản phẩm "Rượu mận Bắc Hà" (nhóm Đồ uống), mã yêu cầu LAB-2021-0007. Hạn trả kết quả: 15/08/2021.',
        en: 'Please test the food-safety indicators of "Rượu mận Bắc Hà" (group: Drinks), request LAB-2021-0007. Results are due by 2021-08-15.',
      },
    },
  ],
  [
    'lab-test-result',
    { productName: 'Rượu mận Bắc Hà', passed: true },
    {
      subject: { vi: 'Kết quả kiểm nghiệm sản phẩm "Rượu mận Bắc Hà": Đạt', en: 'Lab test result for "Rượu mận Bắc Hà": passed' },
      body: {
        vi: 'Sản phẩm "Rượu mận Bắc Hà" đạt các chỉ tiêu kiểm nghiệm an toàn thực phẩm và tiếp tục được đánh giá.',
        en: '"Rượu mận Bắc Hà" passed the food-safety lab tests and goes on to evaluation.',
      },
    },
  ],
  [
    'lab-test-result',
    { productName: 'Rượu mận Bắc Hà', passed: false },
    {
      subject: { vi: 'Kết quả kiểm nghiệm sản phẩm "Rượu mận Bắc Hà": Không đạt', en: 'Lab test result for "Rượu mận Bắc Hà": failed' },
      body: {
        vi: 'Sản phẩm "Rượu mận Bắc Hà" không đạt chỉ tiêu kiểm nghiệm an toàn thực phẩm. Chủ thể có thể kiểm nghiệm lại một lần trong thời hạn của chu kỳ.',
        en: '"Rượu mận Bắc Hà" failed a food-safety lab test indicator. The producer may retest once within the cycle\'s deadline.',
      },
    },
  ],
  [
    'session-scheduled',
    { level: 'district', area: 'bac-ha', sessionDate: '2021-09-20' },
    {
      subject: {
        vi: 'Lịch họp Hội đồng đánh giá sản phẩm OCOP cấp huyện – Huyện Bắc Hà: ngày 20/09/2021',
        en: 'OCOP district evaluation council session – Huyện Bắc Hà: 2021-09-20',
      },
      body: {
        vi: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp huyện (Huyện Bắc Hà) họp ngày 20/09/2021. Hồ sơ sản phẩm được gửi tới thành viên Hội đồng ít nhất 2 ngày làm việc trước phiên họp.',
        en: 'The OCOP district evaluation and ranking council (Huyện Bắc Hà) meets on 2021-09-20. Product dossiers reach council members at least 2 working days before the session.',
      },
    },
  ],
  [
    'session-scheduled',
    // A session day given as local midnight is that day (not a deadline).
    { level: 'province', area: 'lao-cai', sessionDate: '2021-09-19T17:00:00.000Z' },
    {
      subject: {
        vi: 'Lịch họp Hội đồng đánh giá sản phẩm OCOP cấp tỉnh – Tỉnh Lào Cai: ngày 20/09/2021',
        en: 'OCOP provincial evaluation council session – Lao Cai province: 2021-09-20',
      },
      body: {
        vi: 'Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh (Tỉnh Lào Cai) họp ngày 20/09/2021. Hồ sơ sản phẩm được gửi tới thành viên Hội đồng ít nhất 2 ngày làm việc trước phiên họp.',
        en: 'The OCOP provincial evaluation and ranking council (Lao Cai province) meets on 2021-09-20. Product dossiers reach council members at least 2 working days before the session.',
      },
    },
  ],
  [
    'product-scored',
    { productName: 'Chè Shan tuyết', level: 'province', mean: 72.456, stars: 4 },
    {
      subject: { vi: 'Sản phẩm "Chè Shan tuyết" đạt 4 sao (cấp tỉnh)', en: '"Chè Shan tuyết" scored 4 stars (provincial level)' },
      body: {
        vi: 'Hội đồng đánh giá cấp tỉnh đã chấm điểm sản phẩm "Chè Shan tuyết": điểm trung bình 72,45/100, tương ứng 4 sao.',
        en: 'The provincial council scored "Chè Shan tuyết": a mean of 72.45/100, which is 4 stars.',
      },
    },
  ],
  [
    'certificate-issued',
    { productName: 'Chè Shan tuyết', certificateNo: 'LCI-2021-0042', stars: 4, expiresAt: '2024-11-30T17:30:00.000Z' },
    {
      subject: {
        vi: 'Cấp Giấy chứng nhận OCOP số LCI-2021-0042: "Chè Shan tuyết" 4 sao',
        en: 'OCOP certificate LCI-2021-0042 issued: "Chè Shan tuyết", 4 stars',
      },
      body: {
        // 17:30 UTC on 30 November is already 1 December in Vietnam.
        vi: 'Sản phẩm "Chè Shan tuyết" được công nhận đạt 4 sao OCOP. Giấy chứng nhận số LCI-2021-0042 có hiệu lực đến ngày 01/12/2024.',
        en: '"Chè Shan tuyết" is recognised as a 4-star OCOP product. Certificate LCI-2021-0042 is valid until 2024-12-01.',
      },
    },
  ],
  [
    'inspection-requested',
    // A Date at local midnight: a deadline, so the end of 30 November.
    { certificateNo: 'LCI-2021-0042', productName: 'Chè Shan tuyết', dueDate: new Date('2022-12-01T00:00:00+07:00') },
    {
      subject: {
        vi: 'Đề nghị hậu kiểm sản phẩm "Chè Shan tuyết" (Giấy chứng nhận OCOP số LCI-2021-0042)',
        en: 'Inspection requested: "Chè Shan tuyết" (OCOP certificate LCI-2021-0042)',
      },
      body: {
        vi: 'Đề nghị thực hiện hậu kiểm hằng năm sản phẩm "Chè Shan tuyết", Giấy chứng nhận OCOP số LCI-2021-0042 (nhãn mác và tem sao, an toàn thực phẩm, việc duy trì các tiêu chí). Hạn báo cáo kết quả: 30/11/2022.',
        en: 'Please carry out the yearly inspection of "Chè Shan tuyết", OCOP certificate LCI-2021-0042 (labels and star stamps, food safety, continued compliance). The report is due by 2022-11-30.',
      },
    },
  ],
  [
    'inspection-failed',
    { certificateNo: 'LCI-2021-0042', remediationDueAt: '2023-01-05' },
    {
      subject: { vi: 'Hậu kiểm không đạt: Giấy chứng nhận OCOP số LCI-2021-0042', en: 'Inspection failed: OCOP certificate LCI-2021-0042' },
      body: {
        vi: 'Sản phẩm mang Giấy chứng nhận OCOP số LCI-2021-0042 không đạt yêu cầu hậu kiểm. Chủ thể phải khắc phục trước ngày 05/01/2023; nếu không khắc phục đúng hạn hoặc tiếp tục không đạt, Giấy chứng nhận sẽ bị thu hồi.',
        en: 'The product holding OCOP certificate LCI-2021-0042 failed its inspection. The producer must remedy this by 2023-01-05; if it is not remedied in time, or fails again, the certificate will be revoked.',
      },
    },
  ],
  [
    'certificate-revoked',
    { certificateNo: 'LCI-2021-0042', reason: 'remediation-missed' },
    {
      subject: { vi: 'Thu hồi Giấy chứng nhận OCOP số LCI-2021-0042', en: 'OCOP certificate LCI-2021-0042 revoked' },
      body: {
        vi: 'Giấy chứng nhận OCOP số LCI-2021-0042 đã bị thu hồi. Sản phẩm không còn được sử dụng tem và danh hiệu OCOP.\nLý do: không khắc phục đúng hạn sau hậu kiểm',
        en: 'OCOP certificate LCI-2021-0042 has been revoked. The product may no longer use the OCOP stamp and title.\nReason: remediation deadline missed',
      },
    },
  ],
  [
    're-evaluation-reminder',
    { certificateNo: 'LCI-2021-0042', expiresAt: '2024-12-01', daysBefore: 1 },
    {
      subject: {
        vi: 'Nhắc đánh giá lại: Giấy chứng nhận OCOP số LCI-2021-0042 hết hiệu lực ngày 01/12/2024',
        en: 'Re-evaluation reminder: OCOP certificate LCI-2021-0042 expires on 2024-12-01',
      },
      body: {
        vi: 'Giấy chứng nhận OCOP số LCI-2021-0042 sẽ hết hiệu lực sau 1 ngày (ngày 01/12/2024). Vui lòng đăng ký đánh giá lại để duy trì (hoặc nâng hạng) sản phẩm; nếu không được đánh giá lại đúng hạn, Giấy chứng nhận sẽ hết hiệu lực.',
        en: 'OCOP certificate LCI-2021-0042 expires in 1 day (on 2024-12-01). Please enter the product for re-evaluation to keep (or raise) its stars; without re-evaluation in time, the certificate expires.',
      },
    },
  ],
  [
    'certificate-expired',
    { certificateNo: 'LCI-2021-0042' },
    {
      subject: { vi: 'Giấy chứng nhận OCOP số LCI-2021-0042 đã hết hiệu lực', en: 'OCOP certificate LCI-2021-0042 has expired' },
      body: {
        vi: 'Giấy chứng nhận OCOP số LCI-2021-0042 đã hết hiệu lực do sản phẩm không được đánh giá lại đúng hạn. Sản phẩm không còn được sử dụng tem và danh hiệu OCOP cho đến khi được đánh giá, công nhận lại.',
        en: 'OCOP certificate LCI-2021-0042 has expired because the product was not re-evaluated in time. The product may no longer use the OCOP stamp and title until it is evaluated and recognised again.',
      },
    },
  ],
  [
    'cycle-window-closing',
    { province: 'lao-cai', year: 2021, window: 'idea-registration', closesAt: '2021-04-30' },
    {
      subject: {
        vi: 'Sắp hết hạn đăng ký ý tưởng sản phẩm – chu kỳ OCOP 2021, Tỉnh Lào Cai: ngày 30/04/2021',
        en: 'Product idea registration closes on 2021-04-30 – OCOP 2021 cycle, Lao Cai province',
      },
      body: {
        vi: 'Thời hạn đăng ký ý tưởng sản phẩm của chu kỳ OCOP năm 2021 (Tỉnh Lào Cai) kết thúc ngày 30/04/2021. Đề nghị các chủ thể và cơ quan liên quan hoàn thành trước thời hạn.',
        en: 'The product idea registration window of the 2021 OCOP cycle (Lao Cai province) closes on 2021-04-30. Producers and agencies, please finish before then.',
      },
    },
  ],
  [
    'cycle-window-closing',
    { province: 'lao-cai', year: 2021, window: 'businessPlanDueAt', closesAt: '2021-04-30T17:00:00.000Z' },
    {
      subject: {
        vi: 'Sắp hết hạn nộp phương án sản xuất kinh doanh – chu kỳ OCOP 2021, Tỉnh Lào Cai: ngày 30/04/2021',
        en: 'Business plan submission closes on 2021-04-30 – OCOP 2021 cycle, Lao Cai province',
      },
      body: {
        vi: 'Thời hạn nộp phương án sản xuất kinh doanh của chu kỳ OCOP năm 2021 (Tỉnh Lào Cai) kết thúc ngày 30/04/2021. Đề nghị các chủ thể và cơ quan liên quan hoàn thành trước thời hạn.',
        en: 'The business plan submission window of the 2021 OCOP cycle (Lao Cai province) closes on 2021-04-30. Producers and agencies, please finish before then.',
      },
    },
  ],
  [
    'account-locked',
    { username: 'huyen.bacha', failures: 10, lockedUntil: '2026-12-07T07:05:00.000Z' },
    {
      subject: {
        vi: 'Tài khoản huyen.bacha tạm khóa đến 14:05 ngày 07/12/2026',
        en: 'Account huyen.bacha locked until 14:05 on 2026-12-07 (Vietnam time)',
      },
      body: {
        vi: 'Có 10 lần đăng nhập sai liên tiếp vào tài khoản huyen.bacha, nên tài khoản bị tạm khóa đến 14:05 ngày 07/12/2026. Nếu không phải bạn, hãy báo quản trị viên và đổi mật khẩu sau khi hết khóa.',
        en: 'There were 10 failed logins in a row to account huyen.bacha, so it is locked until 14:05 on 2026-12-07 (Vietnam time). If this was not you, tell an administrator and change your password once the lock ends.',
      },
    },
  ],
];

/** The data each template needs; removing any one of these fields must be refused. */
const REQUIRED: Record<NotificationTemplate, string[]> = {
  'deadline-reminder': ['productName', 'step', 'dueDate', 'daysBefore'],
  'deadline-missed': ['productName', 'step', 'dueDate', 'graceEndsAt'],
  'idea-reviewed': ['productName', 'decision'],
  'lab-test-requested': ['productName', 'productGroup', 'dueDate', 'requestId'],
  'lab-test-result': ['productName', 'passed'],
  'session-scheduled': ['level', 'area', 'sessionDate'],
  'product-scored': ['productName', 'level', 'mean', 'stars'],
  'certificate-issued': ['productName', 'certificateNo', 'stars', 'expiresAt'],
  'inspection-requested': ['certificateNo', 'productName', 'dueDate'],
  'inspection-failed': ['certificateNo', 'remediationDueAt'],
  'certificate-revoked': ['certificateNo', 'reason'],
  're-evaluation-reminder': ['certificateNo', 'expiresAt', 'daysBefore'],
  'certificate-expired': ['certificateNo'],
  'cycle-window-closing': ['province', 'year', 'window', 'closesAt'],
  'account-locked': ['username', 'failures', 'lockedUntil'],
};

describe('renderNotification', () => {
  it('has a rendering case for every template', () => {
    expect(new Set(CASES.map(([template]) => template))).toEqual(new Set(NOTIFICATION_TEMPLATES));
  });

  it.each(CASES)('renders %s in Vietnamese and English', (template, data, expected) => {
    expect(renderNotification(template, data)).toEqual(expected);
  });

  const missing = CASES.filter(([template], i) => CASES.findIndex(([t]) => t === template) === i).flatMap(([template, data]) =>
    REQUIRED[template].map((field) => [template, field, data] as const),
  );
  it.each(missing)('%s without %s names the template and the field', (template, field, data) => {
    const { [field]: _removed, ...rest } = data;
    expect(() => renderNotification(template, rest)).toThrow(NotificationDataError);
    expect(() => renderNotification(template, rest)).toThrow(`notification template "${template}": data field "${field}" is missing`);
    expect(() => renderNotification(template, { ...rest, [field]: '' })).toThrow(`data field "${field}"`);
  });

  it.each([
    ['deadline-reminder', { productName: 'X', step: 'dossier', dueDate: 'soon', daysBefore: 7 }, 'dueDate', 'must be a date'],
    ['deadline-reminder', { productName: 'X', step: 'dossier', dueDate: '2021-02-30', daysBefore: 7 }, 'dueDate', 'must be a date'],
    ['deadline-reminder', { productName: 'X', step: 'dossier', dueDate: '2021-02-28', daysBefore: -1 }, 'daysBefore', 'must be an integer'],
    ['idea-reviewed', { productName: 'X', decision: 'maybe' }, 'decision', 'must be one of accept, reject, request_changes'],
    ['lab-test-result', { productName: 'X', passed: 'yes' }, 'passed', 'must be true or false'],
    ['session-scheduled', { level: 'village', area: 'bac-ha', sessionDate: '2021-09-20' }, 'level', 'must be one of'],
    ['product-scored', { productName: 'X', level: 'district', mean: 101, stars: 5 }, 'mean', 'must be a number from 0 to 100'],
    ['product-scored', { productName: 'X', level: 'district', mean: 55, stars: 6 }, 'stars', 'must be an integer from 1 to 5'],
    ['certificate-revoked', { certificateNo: 'C-1', reason: { vi: 'chỉ tiếng Việt' } }, 'reason', 'must be a string or { vi, en }'],
  ] as const)('%s refuses a bad %s', (template, data, field, problem) => {
    expect(() => renderNotification(template, data)).toThrow(`notification template "${template}": data field "${field}" ${problem}`);
  });

  it('keeps the lab test result false when passed is false (not "missing")', () => {
    expect(renderNotification('lab-test-result', { productName: 'X', passed: false }).subject.en).toMatch(/failed$/);
  });

  it('refuses an unknown template', () => {
    expect(() => renderNotification('no-such-template' as NotificationTemplate, {})).toThrow(/"no-such-template": is not a known template/);
  });

  it('does not take inherited property names for step codes', () => {
    expect(
      renderNotification('deadline-reminder', { productName: 'X', step: 'constructor', dueDate: '2021-05-01', daysBefore: 1 }).subject.en,
    ).toBe('Reminder: constructor for "X" is due on 2021-05-01');
    expect(() => renderNotification('idea-reviewed', { productName: 'X', decision: 'toString' })).toThrow(
      'data field "decision" must be one of',
    );
  });

  it('shows an unknown step code as it is', () => {
    const { subject } = renderNotification('deadline-reminder', {
      productName: 'X',
      step: 'ky-hop-dong',
      dueDate: '2021-05-01',
      daysBefore: 1,
    });
    expect(subject).toEqual({
      vi: 'Nhắc hạn: ky-hop-dong – sản phẩm "X" (hạn 01/05/2021)',
      en: 'Reminder: ky-hop-dong for "X" is due on 2021-05-01',
    });
  });
});

describe('formatDate', () => {
  it.each([
    ['2021-03-15', '15/03/2021', '2021-03-15'],
    ['2021-03-15T16:59:59.000Z', '15/03/2021', '2021-03-15'],
    ['2021-03-15T17:00:00.000Z', '16/03/2021', '2021-03-16'],
    [new Date('2020-12-31T23:00:00+07:00'), '31/12/2020', '2020-12-31'],
  ])('%p is %p in Vietnamese and %p in English (Vietnam time)', (value, vi, en) => {
    expect(formatDate(value)).toEqual({ vi, en });
  });

  it.each([
    ['2021-04-30T17:00:00.000Z', '30/04/2021', '2021-04-30'], // local midnight: the end of 30 April
    ['2021-04-30T17:00:00.001Z', '01/05/2021', '2021-05-01'],
    ['2021-04-30T16:59:59.999Z', '30/04/2021', '2021-04-30'],
    ['2021-04-30', '30/04/2021', '2021-04-30'],
  ])('as a deadline, %p is %p / %p', (value, vi, en) => {
    expect(formatDate(value, { endOfDay: true })).toEqual({ vi, en });
  });

  it.each(['15/03/2021', '2021-13-01', 'tomorrow', ''])('refuses %p', (value) => {
    expect(() => formatDate(value)).toThrow(RangeError);
  });
});

describe('formatDecimal', () => {
  it.each([
    [72.5, '72,5', '72.5'],
    [90, '90', '90'],
    [49.995, '49,99', '49.99'],
    [89.999, '89,99', '89.99'],
    [72.46, '72,46', '72.46'],
    [0, '0', '0'],
    [33.333, '33,33', '33.33'],
  ])('%p reads %p / %p', (value, vi, en) => {
    expect(formatDecimal(value)).toEqual({ vi, en });
  });
});
