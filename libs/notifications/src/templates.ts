// Notification templates: pure functions from a template name and its data to a subject and a body, Vietnamese
// first with English beside it. Rendered once, when the notification is enqueued, so an outbox row is self-contained.
import { findProductGroup, RULE_SET_CODES } from '@ocop/domain';
import { findOcopDistrict, findOcopProvince } from '@ocop/admin-map';

export const NOTIFICATION_TEMPLATES = [
  'deadline-reminder',
  'deadline-missed',
  'idea-reviewed',
  'lab-test-requested',
  'lab-test-result',
  'session-scheduled',
  'product-scored',
  'certificate-issued',
  'inspection-requested',
  'inspection-failed',
  'certificate-revoked',
  're-evaluation-reminder',
  'certificate-expired',
  'cycle-window-closing',
  'account-locked',
] as const;

export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export interface RenderedNotification {
  readonly subject: Bilingual;
  readonly body: Bilingual;
}

/** Thrown when a template is unknown or its data lacks a field (or has one of the wrong kind). */
export class NotificationDataError extends Error {
  constructor(
    readonly template: string,
    readonly field: string | undefined,
    problem: string,
  ) {
    super(
      field === undefined
        ? `notification template "${template}": ${problem}`
        : `notification template "${template}": data field "${field}" ${problem}`,
    );
    this.name = 'NotificationDataError';
  }
}

export function isNotificationTemplate(value: unknown): value is NotificationTemplate {
  return typeof value === 'string' && (NOTIFICATION_TEMPLATES as readonly string[]).includes(value);
}

export function renderNotification(template: NotificationTemplate, data: Record<string, unknown>): RenderedNotification {
  if (!isNotificationTemplate(template))
    throw new NotificationDataError(String(template), undefined, `is not a known template (known: ${NOTIFICATION_TEMPLATES.join(', ')})`);
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new NotificationDataError(template, undefined, 'data must be an object');
  return RENDERERS[template](new Fields(template, data));
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting

const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000; // Asia/Ho_Chi_Minh, no daylight saving time
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date as people in Vietnam read it: `dd/MM/yyyy` in Vietnamese, `yyyy-MM-dd` in English. A date-only
 * string (`2025-03-15`) is taken as it is; an instant (a Date or an ISO timestamp) is read in Vietnam time (UTC+7).
 * A deadline (`endOfDay`) that falls exactly on local midnight is the end of the day before: our calendars write
 * "by 30 April" as 2021-04-30T17:00:00Z, which must read 30/04/2021, not 01/05/2021.
 */
export function formatDate(value: Date | string, options: { endOfDay?: boolean } = {}): Bilingual {
  const { year, month, day } = calendarDate(value, options.endOfDay === true);
  return { vi: `${day}/${month}/${year}`, en: `${year}-${month}-${day}` };
}

function calendarDate(value: Date | string, endOfDay: boolean): { year: string; month: string; day: string } {
  if (typeof value === 'string') {
    const match = DATE_ONLY.exec(value);
    if (match) {
      const [, year, month, day] = match as unknown as [string, string, string, string];
      const check = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
      if (check.getUTCFullYear() !== Number(year) || check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) {
        throw new RangeError(`${value} is not a calendar date`);
      }
      return { year, month, day };
    }
  }
  const instant =
    value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${String(value)} is not a date`);
  let local = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MS);
  if (endOfDay && local.getTime() % 86_400_000 === 0) local = new Date(local.getTime() - 1);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return { year: pad(local.getUTCFullYear(), 4), month: pad(local.getUTCMonth() + 1), day: pad(local.getUTCDate()) };
}

/**
 * A score with at most two decimals: `72,5` in Vietnamese, `72.5` in English. Cut, not rounded, so a shown mean never
 * crosses a star-band threshold the real mean did not (89.999 shows as 89.99, not as 90).
 */
export function formatDecimal(value: number): Bilingual {
  const hundredths = Math.floor(Math.round(value * 1e6) / 1e4); // the inner rounding drops binary noise (72.46 * 100 = 7245.99…)
  const en = String(hundredths / 100);
  return { vi: en.replace('.', ','), en };
}

/** An instant as a time and day in Vietnam (24 h): `14:05 ngày 07/12/2026` / `14:05 on 2026-12-07 (Vietnam time)`. */
export function formatDateTime(value: Date | string): Bilingual {
  const instant = value instanceof Date ? value : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${String(value)} is not an instant`);
  const local = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MS);
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  const day = formatDate(instant);
  return { vi: `${time} ngày ${day.vi}`, en: `${time} on ${day.en} (Vietnam time)` };
}

function days(n: number): Bilingual {
  return { vi: `${n} ngày`, en: n === 1 ? '1 day' : `${n} days` };
}

function stars(n: number): Bilingual {
  return { vi: `${n} sao`, en: n === 1 ? '1 star' : `${n} stars` };
}

const LEVELS: Record<string, { vi: string; en: string }> = {
  commune: { vi: 'cấp xã', en: 'commune' },
  district: { vi: 'cấp huyện', en: 'district' },
  province: { vi: 'cấp tỉnh', en: 'provincial' },
  central: { vi: 'cấp trung ương', en: 'central' },
};

const DECISIONS: Record<string, Bilingual> = {
  accept: { vi: 'được chấp thuận', en: 'accepted' },
  reject: { vi: 'không được chấp thuận', en: 'rejected' },
  request_changes: { vi: 'cần bổ sung, chỉnh sửa', en: 'changes requested' },
  accepted: { vi: 'được chấp thuận', en: 'accepted' },
  approved: { vi: 'được chấp thuận', en: 'accepted' },
  rejected: { vi: 'không được chấp thuận', en: 'rejected' },
  'revision-requested': { vi: 'cần bổ sung, chỉnh sửa', en: 'revision requested' },
};

/** Names of the steps (journey stages) and cycle windows callers refer to by code; any other code is shown as it is. */
const STEPS: Record<string, Bilingual> = {
  // journey stages that wait on someone (libs/contracts JourneyStage)
  awaiting_idea_review: { vi: 'xét duyệt ý tưởng sản phẩm', en: 'product idea review' },
  changes_requested: { vi: 'bổ sung, chỉnh sửa ý tưởng sản phẩm', en: 'revising the product idea' },
  business_plan_due: { vi: 'nộp phương án sản xuất kinh doanh', en: 'business plan submission' },
  dossier_due: { vi: 'nộp hồ sơ đánh giá', en: 'evaluation dossier submission' },
  awaiting_commune_check: { vi: 'kiểm tra hồ sơ cấp xã', en: 'commune dossier check' },
  awaiting_lab_test: { vi: 'kiểm nghiệm an toàn thực phẩm', en: 'food-safety lab testing' },
  lab_test: { vi: 'kiểm nghiệm an toàn thực phẩm', en: 'food-safety lab testing' },
  awaiting_district_session: { vi: 'đánh giá, phân hạng cấp huyện', en: 'district evaluation and ranking' },
  awaiting_province_session: { vi: 'đánh giá, phân hạng cấp tỉnh', en: 'provincial evaluation and ranking' },
  awaiting_central_session: { vi: 'đánh giá, phân hạng cấp trung ương', en: 'central evaluation and ranking' },
  // certificate lifecycle
  inspection_report: { vi: 'báo cáo kết quả hậu kiểm', en: 'inspection report' },
  re_inspection_report: { vi: 'báo cáo kết quả hậu kiểm lại', en: 're-inspection report' },
  re_evaluation: { vi: 'đánh giá lại', en: 're-evaluation' },
  // cycle calendar windows (libs/contracts CALENDAR_WINDOWS)
  ideaWindowClosesAt: { vi: 'đăng ký ý tưởng sản phẩm', en: 'product idea registration' },
  businessPlanDueAt: { vi: 'nộp phương án sản xuất kinh doanh', en: 'business plan submission' },
  dossierDueAt: { vi: 'nộp hồ sơ đánh giá', en: 'evaluation dossier submission' },
  districtSessionsCloseAt: { vi: 'đánh giá, phân hạng cấp huyện', en: 'district evaluation and ranking' },
  provincialSessionsCloseAt: { vi: 'đánh giá, phân hạng cấp tỉnh', en: 'provincial evaluation and ranking' },
  certificationAt: { vi: 'công nhận và cấp Giấy chứng nhận', en: 'recognition and certification' },
  // general names
  'idea-registration': { vi: 'đăng ký ý tưởng sản phẩm', en: 'product idea registration' },
  'idea-review': { vi: 'xét duyệt ý tưởng sản phẩm', en: 'product idea review' },
  'business-plan': { vi: 'nộp phương án sản xuất kinh doanh', en: 'business plan submission' },
  dossier: { vi: 'nộp hồ sơ đánh giá', en: 'evaluation dossier submission' },
  'dossier-submission': { vi: 'nộp hồ sơ đánh giá', en: 'evaluation dossier submission' },
  'lab-test': { vi: 'kiểm nghiệm an toàn thực phẩm', en: 'food-safety lab testing' },
  'lab-retest': { vi: 'kiểm nghiệm lại', en: 'lab retest' },
  scoring: { vi: 'chấm điểm', en: 'scoring' },
  evaluation: { vi: 'đánh giá, phân hạng sản phẩm', en: 'product evaluation and ranking' },
  inspection: { vi: 'hậu kiểm', en: 'inspection' },
  remediation: { vi: 'khắc phục sau hậu kiểm', en: 'remediation after inspection' },
  're-evaluation': { vi: 'đánh giá lại', en: 're-evaluation' },
};

const REVOCATION_REASONS: Record<string, Bilingual> = {
  'inspection-failed-again': { vi: 'không đạt hậu kiểm lần thứ hai', en: 'failed the inspection again' },
  'remediation-missed': { vi: 'không khắc phục đúng hạn sau hậu kiểm', en: 'remediation deadline missed' },
};

function productGroupName(code: string): Bilingual {
  for (const ruleSet of RULE_SET_CODES) {
    const group = findProductGroup(ruleSet, code);
    if (group) return { vi: group.vi, en: group.en };
  }
  return { vi: code, en: code };
}

function areaName(code: string): Bilingual {
  const province = findOcopProvince(code);
  if (province) return { vi: province.vi, en: province.en };
  const district = findOcopDistrict(code);
  return district ? { vi: district.vi, en: district.vi } : { vi: code, en: code };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading data fields, with errors that name the template and the field

class Fields {
  constructor(
    private readonly template: string,
    private readonly data: Record<string, unknown>,
  ) {}

  private present(field: string): unknown {
    const value = this.data[field];
    if (value === undefined || value === null || value === '') throw new NotificationDataError(this.template, field, 'is missing');
    return value;
  }

  private fail(field: string, expected: string, value: unknown): never {
    throw new NotificationDataError(this.template, field, `must be ${expected}, got ${JSON.stringify(value)}`);
  }

  text(field: string): string {
    const value = this.present(field);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'a non-empty string', value);
    return value.trim();
  }

  /** A string shown the same in both languages, a code from `labels` (shown by its name), or `{ vi, en }`. */
  localised(field: string, labels: Record<string, Bilingual> = {}): Bilingual {
    const value = this.present(field);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const { vi, en } = value as Record<string, unknown>;
      if (typeof vi === 'string' && vi.trim() !== '' && typeof en === 'string' && en.trim() !== '') return { vi: vi.trim(), en: en.trim() };
      this.fail(field, 'a string or { vi, en }', value);
    }
    const text = this.text(field);
    return Object.prototype.hasOwnProperty.call(labels, text) ? (labels[text] as Bilingual) : { vi: text, en: text };
  }

  optionalLocalised(field: string): Bilingual | undefined {
    const value = this.data[field];
    return value === undefined || value === null || value === '' ? undefined : this.localised(field);
  }

  oneOf<T>(field: string, choices: Record<string, T>): T {
    const value = this.text(field);
    const choice = Object.prototype.hasOwnProperty.call(choices, value) ? choices[value] : undefined;
    if (choice === undefined) this.fail(field, `one of ${Object.keys(choices).join(', ')}`, value);
    return choice;
  }

  /** A day (`sessionDate`); `deadline` for a time something must happen by (local midnight = the day before). */
  date(field: string, kind: 'day' | 'deadline' = 'deadline'): Bilingual {
    const value = this.present(field);
    if (!(value instanceof Date) && typeof value !== 'string') this.fail(field, 'a date (Date, yyyy-MM-dd or an ISO timestamp)', value);
    try {
      return formatDate(value, { endOfDay: kind === 'deadline' });
    } catch {
      return this.fail(field, 'a date (Date, yyyy-MM-dd or an ISO timestamp)', value);
    }
  }

  /** An instant (`lockedUntil`), shown with its time of day. */
  dateTime(field: string): Bilingual {
    const value = this.present(field);
    if (!(value instanceof Date) && typeof value !== 'string') this.fail(field, 'an ISO timestamp', value);
    try {
      return formatDateTime(value);
    } catch {
      return this.fail(field, 'an ISO timestamp', value);
    }
  }

  integer(field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.present(field);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      this.fail(field, `an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`, value);
    return value;
  }

  decimal(field: string, min: number, max: number): number {
    const value = this.present(field);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      this.fail(field, `a number from ${min} to ${max}`, value);
    return value;
  }

  boolean(field: string): boolean {
    const value = this.data[field];
    if (value === undefined || value === null) throw new NotificationDataError(this.template, field, 'is missing');
    if (typeof value !== 'boolean') this.fail(field, 'true or false', value);
    return value;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The templates

const RENDERERS: Record<NotificationTemplate, (f: Fields) => RenderedNotification> = {
  'deadline-reminder': (f) => {
    const product = f.text('productName');
    const step = f.localised('step', STEPS);
    const due = f.date('dueDate');
    const left = days(f.integer('daysBefore', 0));
    return {
      subject: {
        vi: `Nhắc hạn: ${step.vi} – sản phẩm "${product}" (hạn ${due.vi})`,
        en: `Reminder: ${step.en} for "${product}" is due on ${due.en}`,
      },
      body: {
        vi: `Còn ${left.vi} nữa là đến hạn ${step.vi} của sản phẩm "${product}" (hạn chót: ${due.vi}). Vui lòng hoàn thành trước thời hạn.`,
        en: `${left.en} left until ${step.en} for "${product}" is due (deadline: ${due.en}). Please complete it before the deadline.`,
      },
    };
  },

  'deadline-missed': (f) => {
    const product = f.text('productName');
    const step = f.localised('step', STEPS);
    const due = f.date('dueDate');
    const grace = f.date('graceEndsAt');
    return {
      subject: { vi: `Quá hạn: ${step.vi} – sản phẩm "${product}"`, en: `Overdue: ${step.en} for "${product}"` },
      body: {
        vi: `Đã quá hạn ${step.vi} của sản phẩm "${product}" (hạn chót: ${due.vi}). Nếu chưa hoàn thành trước ngày ${grace.vi}, hồ sơ sẽ được xử lý theo quy định của chu kỳ OCOP.`,
        en: `The deadline for ${step.en} for "${product}" has passed (deadline: ${due.en}). If it is not completed by ${grace.en}, the dossier will be handled under the OCOP cycle's rules.`,
      },
    };
  },

  'idea-reviewed': (f) => {
    const product = f.text('productName');
    const decision = f.oneOf('decision', DECISIONS);
    const reason = f.optionalLocalised('reason');
    return {
      subject: {
        vi: `Kết quả xét duyệt ý tưởng sản phẩm "${product}": ${decision.vi}`,
        en: `Product idea "${product}" reviewed: ${decision.en}`,
      },
      body: {
        vi: `Ý tưởng sản phẩm "${product}" đã được xét duyệt với kết quả: ${decision.vi}.${reason ? `\nLý do: ${reason.vi}` : ''}`,
        en: `The product idea "${product}" has been reviewed: ${decision.en}.${reason ? `\nReason: ${reason.en}` : ''}`,
      },
    };
  },

  'lab-test-requested': (f) => {
    const product = f.text('productName');
    const group = productGroupName(f.text('productGroup'));
    const due = f.date('dueDate');
    const request = f.text('requestId');
    return {
      subject: { vi: `Yêu cầu kiểm nghiệm ${request}: sản phẩm "${product}"`, en: `Lab test request ${request}: "${product}"` },
      body: {
        vi: `Đề nghị kiểm nghiệm các chỉ tiêu an toàn thực phẩm của sản phẩm "${product}" (nhóm ${group.vi}), mã yêu cầu ${request}. Hạn trả kết quả: ${due.vi}.`,
        en: `Please test the food-safety indicators of "${product}" (group: ${group.en}), request ${request}. Results are due by ${due.en}.`,
      },
    };
  },

  'lab-test-result': (f) => {
    const product = f.text('productName');
    const passed = f.boolean('passed');
    return passed
      ? {
          subject: { vi: `Kết quả kiểm nghiệm sản phẩm "${product}": Đạt`, en: `Lab test result for "${product}": passed` },
          body: {
            vi: `Sản phẩm "${product}" đạt các chỉ tiêu kiểm nghiệm an toàn thực phẩm và tiếp tục được đánh giá.`,
            en: `"${product}" passed the food-safety lab tests and goes on to evaluation.`,
          },
        }
      : {
          subject: { vi: `Kết quả kiểm nghiệm sản phẩm "${product}": Không đạt`, en: `Lab test result for "${product}": failed` },
          body: {
            vi: `Sản phẩm "${product}" không đạt chỉ tiêu kiểm nghiệm an toàn thực phẩm. Chủ thể có thể kiểm nghiệm lại một lần trong thời hạn của chu kỳ.`,
            en: `"${product}" failed a food-safety lab test indicator. The producer may retest once within the cycle's deadline.`,
          },
        };
  },

  'session-scheduled': (f) => {
    const level = f.oneOf('level', LEVELS);
    const area = areaName(f.text('area'));
    const date = f.date('sessionDate', 'day');
    return {
      subject: {
        vi: `Lịch họp Hội đồng đánh giá sản phẩm OCOP ${level.vi} – ${area.vi}: ngày ${date.vi}`,
        en: `OCOP ${level.en} evaluation council session – ${area.en}: ${date.en}`,
      },
      body: {
        vi: `Hội đồng đánh giá, phân hạng sản phẩm OCOP ${level.vi} (${area.vi}) họp ngày ${date.vi}. Hồ sơ sản phẩm được gửi tới thành viên Hội đồng ít nhất 2 ngày làm việc trước phiên họp.`,
        en: `The OCOP ${level.en} evaluation and ranking council (${area.en}) meets on ${date.en}. Product dossiers reach council members at least 2 working days before the session.`,
      },
    };
  },

  'product-scored': (f) => {
    const product = f.text('productName');
    const level = f.oneOf('level', LEVELS);
    const mean = formatDecimal(f.decimal('mean', 0, 100));
    const rank = stars(f.integer('stars', 1, 5));
    return {
      subject: { vi: `Sản phẩm "${product}" đạt ${rank.vi} (${level.vi})`, en: `"${product}" scored ${rank.en} (${level.en} level)` },
      body: {
        vi: `Hội đồng đánh giá ${level.vi} đã chấm điểm sản phẩm "${product}": điểm trung bình ${mean.vi}/100, tương ứng ${rank.vi}.`,
        en: `The ${level.en} council scored "${product}": a mean of ${mean.en}/100, which is ${rank.en}.`,
      },
    };
  },

  'certificate-issued': (f) => {
    const product = f.text('productName');
    const certificate = f.text('certificateNo');
    const n = f.integer('stars', 1, 5);
    const expires = f.date('expiresAt');
    return {
      subject: {
        vi: `Cấp Giấy chứng nhận OCOP số ${certificate}: "${product}" ${n} sao`,
        en: `OCOP certificate ${certificate} issued: "${product}", ${stars(n).en}`,
      },
      body: {
        vi: `Sản phẩm "${product}" được công nhận đạt ${n} sao OCOP. Giấy chứng nhận số ${certificate} có hiệu lực đến ngày ${expires.vi}.`,
        en: `"${product}" is recognised as a ${n}-star OCOP product. Certificate ${certificate} is valid until ${expires.en}.`,
      },
    };
  },

  'inspection-requested': (f) => {
    const certificate = f.text('certificateNo');
    const product = f.text('productName');
    const due = f.date('dueDate');
    return {
      subject: {
        vi: `Đề nghị hậu kiểm sản phẩm "${product}" (Giấy chứng nhận OCOP số ${certificate})`,
        en: `Inspection requested: "${product}" (OCOP certificate ${certificate})`,
      },
      body: {
        vi: `Đề nghị thực hiện hậu kiểm hằng năm sản phẩm "${product}", Giấy chứng nhận OCOP số ${certificate} (nhãn mác và tem sao, an toàn thực phẩm, việc duy trì các tiêu chí). Hạn báo cáo kết quả: ${due.vi}.`,
        en: `Please carry out the yearly inspection of "${product}", OCOP certificate ${certificate} (labels and star stamps, food safety, continued compliance). The report is due by ${due.en}.`,
      },
    };
  },

  'inspection-failed': (f) => {
    const certificate = f.text('certificateNo');
    const due = f.date('remediationDueAt');
    return {
      subject: {
        vi: `Hậu kiểm không đạt: Giấy chứng nhận OCOP số ${certificate}`,
        en: `Inspection failed: OCOP certificate ${certificate}`,
      },
      body: {
        vi: `Sản phẩm mang Giấy chứng nhận OCOP số ${certificate} không đạt yêu cầu hậu kiểm. Chủ thể phải khắc phục trước ngày ${due.vi}; nếu không khắc phục đúng hạn hoặc tiếp tục không đạt, Giấy chứng nhận sẽ bị thu hồi.`,
        en: `The product holding OCOP certificate ${certificate} failed its inspection. The producer must remedy this by ${due.en}; if it is not remedied in time, or fails again, the certificate will be revoked.`,
      },
    };
  },

  'certificate-revoked': (f) => {
    const certificate = f.text('certificateNo');
    const reason = f.localised('reason', REVOCATION_REASONS);
    return {
      subject: { vi: `Thu hồi Giấy chứng nhận OCOP số ${certificate}`, en: `OCOP certificate ${certificate} revoked` },
      body: {
        vi: `Giấy chứng nhận OCOP số ${certificate} đã bị thu hồi. Sản phẩm không còn được sử dụng tem và danh hiệu OCOP.\nLý do: ${reason.vi}`,
        en: `OCOP certificate ${certificate} has been revoked. The product may no longer use the OCOP stamp and title.\nReason: ${reason.en}`,
      },
    };
  },

  're-evaluation-reminder': (f) => {
    const certificate = f.text('certificateNo');
    const expires = f.date('expiresAt');
    const left = days(f.integer('daysBefore', 0));
    return {
      subject: {
        vi: `Nhắc đánh giá lại: Giấy chứng nhận OCOP số ${certificate} hết hiệu lực ngày ${expires.vi}`,
        en: `Re-evaluation reminder: OCOP certificate ${certificate} expires on ${expires.en}`,
      },
      body: {
        vi: `Giấy chứng nhận OCOP số ${certificate} sẽ hết hiệu lực sau ${left.vi} (ngày ${expires.vi}). Vui lòng đăng ký đánh giá lại để duy trì (hoặc nâng hạng) sản phẩm; nếu không được đánh giá lại đúng hạn, Giấy chứng nhận sẽ hết hiệu lực.`,
        en: `OCOP certificate ${certificate} expires in ${left.en} (on ${expires.en}). Please enter the product for re-evaluation to keep (or raise) its stars; without re-evaluation in time, the certificate expires.`,
      },
    };
  },

  'certificate-expired': (f) => {
    const certificate = f.text('certificateNo');
    return {
      subject: { vi: `Giấy chứng nhận OCOP số ${certificate} đã hết hiệu lực`, en: `OCOP certificate ${certificate} has expired` },
      body: {
        vi: `Giấy chứng nhận OCOP số ${certificate} đã hết hiệu lực do sản phẩm không được đánh giá lại đúng hạn. Sản phẩm không còn được sử dụng tem và danh hiệu OCOP cho đến khi được đánh giá, công nhận lại.`,
        en: `OCOP certificate ${certificate} has expired because the product was not re-evaluated in time. The product may no longer use the OCOP stamp and title until it is evaluated and recognised again.`,
      },
    };
  },

  'cycle-window-closing': (f) => {
    const province = areaName(f.text('province'));
    const year = f.integer('year', 2000, 2100);
    const window = f.localised('window', STEPS);
    const closes = f.date('closesAt');
    return {
      subject: {
        vi: `Sắp hết hạn ${window.vi} – chu kỳ OCOP ${year}, ${province.vi}: ngày ${closes.vi}`,
        en: `${capitalise(window.en)} closes on ${closes.en} – OCOP ${year} cycle, ${province.en}`,
      },
      body: {
        vi: `Thời hạn ${window.vi} của chu kỳ OCOP năm ${year} (${province.vi}) kết thúc ngày ${closes.vi}. Đề nghị các chủ thể và cơ quan liên quan hoàn thành trước thời hạn.`,
        en: `The ${window.en} window of the ${year} OCOP cycle (${province.en}) closes on ${closes.en}. Producers and agencies, please finish before then.`,
      },
    };
  },

  'account-locked': (f) => {
    const username = f.text('username');
    const failures = f.integer('failures', 1);
    const until = f.dateTime('lockedUntil');
    return {
      subject: { vi: `Tài khoản ${username} tạm khóa đến ${until.vi}`, en: `Account ${username} locked until ${until.en}` },
      body: {
        vi: `Có ${failures} lần đăng nhập sai liên tiếp vào tài khoản ${username}, nên tài khoản bị tạm khóa đến ${until.vi}. Nếu không phải bạn, hãy báo quản trị viên và đổi mật khẩu sau khi hết khóa.`,
        en: `There were ${failures} failed logins in a row to account ${username}, so it is locked until ${until.en}. If this was not you, tell an administrator and change your password once the lock ends.`,
      },
    };
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
