// Vietnamese first, English on a switch. Texts live in one table per language; API errors bring their own
// bilingual message, shown in the chosen language with the fields that broke a rule.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from './api';
import { formatDate, formatDateTime, formatDecimal } from './format';

export type Lang = 'vi' | 'en';

const vi = {
  appName: 'OCOP Flow',
  tagline: 'Chu trình OCOP — Mỗi xã một sản phẩm',
  login: 'Đăng nhập',
  logout: 'Đăng xuất',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  loading: 'Đang tải…',
  save: 'Lưu',
  submit: 'Gửi',
  cancel: 'Hủy',
  back: 'Quay lại',
  refresh: 'Làm mới',
  none: 'Không có',
  all: 'Tất cả',
  district: 'Huyện',
  commune: 'Xã / phường',
  productGroup: 'Nhóm sản phẩm',
  stage: 'Bước',
  stars: 'Số sao',
  dueAt: 'Hạn',
  overdue: 'Quá hạn',
  remaining: 'còn lại',
  days: 'ngày',
  hours: 'giờ',
  minutes: 'phút',
  product: 'Sản phẩm',
  products: 'Sản phẩm',
  producer: 'Chủ thể',
  timeline: 'Lịch sử',
  actor: 'Người thực hiện',
  time: 'Thời gian',
  certificate: 'Giấy chứng nhận',
  verifyCertificate: 'Xác thực giấy chứng nhận OCOP',
  certificateNo: 'Số giấy chứng nhận',
  check: 'Kiểm tra',
  issuedAt: 'Ngày cấp',
  expiresAt: 'Ngày hết hạn',
  status: 'Trạng thái',
  dashboard: 'Bảng điều phối',
  national: 'Toàn quốc',
  myProducts: 'Sản phẩm của tôi',
  sessions: 'Phiên hội đồng',
  labQueue: 'Yêu cầu kiểm nghiệm',
  inspectionQueue: 'Kiểm tra sau công nhận',
  notifications: 'Thông báo',
  language: 'English',
  noAccess: 'Bạn không có quyền xem trang này',
  notFound: 'Không tìm thấy',
  stage_idea_submitted: 'Đã đăng ký ý tưởng',
  stage_awaiting_idea_review: 'Chờ xét duyệt ý tưởng',
  stage_changes_requested: 'Yêu cầu bổ sung ý tưởng',
  stage_business_plan_due: 'Nộp phương án kinh doanh',
  stage_dossier_due: 'Nộp hồ sơ đánh giá',
  stage_awaiting_commune_check: 'Chờ kiểm tra hồ sơ cấp xã',
  stage_awaiting_lab_test: 'Chờ kiểm nghiệm',
  stage_awaiting_district_session: 'Chờ hội đồng cấp huyện',
  stage_awaiting_province_session: 'Chờ hội đồng cấp tỉnh',
  stage_awaiting_central_session: 'Chờ hội đồng trung ương',
  stage_rejected: 'Bị từ chối',
  stage_withdrawn: 'Đã rút',
  stage_not_qualified: 'Không đạt',
  stage_failed_lab_test: 'Không đạt kiểm nghiệm',
  stage_certified: 'Đã cấp chứng nhận',
  role_producer: 'Chủ thể sản xuất',
  role_district_coordinator: 'Điều phối cấp huyện',
  role_commune_officer: 'Cán bộ OCOP cấp xã',
  role_provincial_coordinator: 'Điều phối cấp tỉnh',
  role_central_coordinator: 'Văn phòng Điều phối Trung ương',
  role_council_member: 'Thành viên hội đồng',
  role_lab: 'Phòng kiểm nghiệm',
  role_inspector: 'Cơ quan kiểm tra',
  role_admin: 'Quản trị',
  role_system: 'Hệ thống',
  level_commune: 'Cấp xã',
  level_district: 'Cấp huyện',
  level_province: 'Cấp tỉnh',
  level_central: 'Trung ương',
  status_valid: 'Còn hiệu lực',
  status_expired: 'Hết hiệu lực',
  status_revoked: 'Đã thu hồi',
  status_remediation: 'Đang khắc phục',
  status_superseded: 'Đã được thay thế',
  fieldError: 'Trường {field}: {message}',
  skipToContent: 'Bỏ qua, đến nội dung chính',
  serverUnreachable: 'Không kết nối được máy chủ — đang thử lại…',
  sessionExpired: 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại — nội dung đang nhập vẫn được giữ.',
  loginAgain: 'Đăng nhập lại',
  register: 'Sổ đăng ký',
  reviewQueue: 'Việc chờ tôi',
  cycle: 'Chu trình',
  organisations: 'Chủ thể',
  holidays: 'Ngày nghỉ lễ',
  users: 'Người dùng & khóa API',
  loadMore: 'Xem thêm',
  showing: 'Đang hiện {shown}/{total}',
} as const;

export type TextKey = keyof typeof vi;

const en: Record<TextKey, string> = {
  appName: 'OCOP Flow',
  tagline: 'The OCOP cycle — One Commune One Product',
  login: 'Log in',
  logout: 'Log out',
  username: 'Username',
  password: 'Password',
  loading: 'Loading…',
  save: 'Save',
  submit: 'Submit',
  cancel: 'Cancel',
  back: 'Back',
  refresh: 'Refresh',
  none: 'None',
  all: 'All',
  district: 'District',
  commune: 'Commune',
  productGroup: 'Product group',
  stage: 'Stage',
  stars: 'Stars',
  dueAt: 'Due',
  overdue: 'Overdue',
  remaining: 'left',
  days: 'days',
  hours: 'hours',
  minutes: 'minutes',
  product: 'Product',
  products: 'Products',
  producer: 'Producer',
  timeline: 'Timeline',
  actor: 'Actor',
  time: 'Time',
  certificate: 'Certificate',
  verifyCertificate: 'Verify an OCOP certificate',
  certificateNo: 'Certificate number',
  check: 'Check',
  issuedAt: 'Issued',
  expiresAt: 'Expires',
  status: 'Status',
  dashboard: 'Dashboard',
  national: 'National view',
  myProducts: 'My products',
  sessions: 'Council sessions',
  labQueue: 'Lab requests',
  inspectionQueue: 'Inspections',
  notifications: 'Notifications',
  language: 'Tiếng Việt',
  noAccess: 'You may not see this page',
  notFound: 'Not found',
  stage_idea_submitted: 'Idea submitted',
  stage_awaiting_idea_review: 'Awaiting idea review',
  stage_changes_requested: 'Changes requested',
  stage_business_plan_due: 'Business plan due',
  stage_dossier_due: 'Dossier due',
  stage_awaiting_commune_check: 'Awaiting commune check',
  stage_awaiting_lab_test: 'Awaiting lab test',
  stage_awaiting_district_session: 'Awaiting district council',
  stage_awaiting_province_session: 'Awaiting provincial council',
  stage_awaiting_central_session: 'Awaiting central council',
  stage_rejected: 'Rejected',
  stage_withdrawn: 'Withdrawn',
  stage_not_qualified: 'Not qualified',
  stage_failed_lab_test: 'Failed lab test',
  stage_certified: 'Certified',
  role_producer: 'Producer',
  role_district_coordinator: 'District coordinator',
  role_commune_officer: 'Commune OCOP officer',
  role_provincial_coordinator: 'Provincial coordinator',
  role_central_coordinator: 'Central coordination office',
  role_council_member: 'Council member',
  role_lab: 'Lab',
  role_inspector: 'Inspector',
  role_admin: 'Administrator',
  role_system: 'System',
  level_commune: 'Commune',
  level_district: 'District',
  level_province: 'Province',
  level_central: 'Central',
  status_valid: 'Valid',
  status_expired: 'Expired',
  status_revoked: 'Revoked',
  status_remediation: 'Under remediation',
  status_superseded: 'Superseded',
  fieldError: '{field}: {message}',
  skipToContent: 'Skip to main content',
  serverUnreachable: 'Cannot reach the server — retrying…',
  sessionExpired: 'Your session has expired. Log in again — what you were typing is kept.',
  loginAgain: 'Log in again',
  register: 'Register',
  reviewQueue: 'Waiting for me',
  cycle: 'Cycle',
  organisations: 'Producers',
  holidays: 'Public holidays',
  users: 'Users & API keys',
  loadMore: 'Show more',
  showing: 'Showing {shown} of {total}',
};

const TABLES: Record<Lang, Record<TextKey, string>> = { vi, en };
const LANG_KEY = 'ocop.lang';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** A text of the table, with `{name}` placeholders filled. */
  t: (key: TextKey, vars?: Record<string, string | number>) => string;
  /** A text by a dynamic key (stage_…, role_…), falling back to the raw value. */
  tx: (prefix: string, value: string | undefined) => string;
  /** An API error in the chosen language, naming the fields that broke a rule. */
  errorText: (error: unknown) => string;
  /** dd/mm/yyyy in Vietnam's time. */
  date: (iso: string | undefined | null) => string;
  /** "17:00 31/05/2027" in Vietnam's time. */
  dateTime: (iso: string | undefined | null) => string;
  /** 27,5 in Vietnamese, 27.5 in English. */
  decimal: (value: number | undefined | null, digits?: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi'));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const table = TABLES[lang];
    const fill = (text: string, vars?: Record<string, string | number>) =>
      text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
    return {
      lang,
      setLang: (next) => {
        localStorage.setItem(LANG_KEY, next);
        document.documentElement.lang = next;
        setLangState(next);
      },
      t: (key, vars) => fill(table[key], vars),
      tx: (prefix, raw) => (raw === undefined ? '' : ((table as Record<string, string>)[`${prefix}_${raw}`] ?? raw)),
      errorText: (error) => {
        if (error instanceof ApiError) {
          const head = error.body.message?.[lang] ?? error.code;
          const fields = (error.body.errors ?? []).map((e) => fill(table.fieldError, { field: e.field, message: e.message }));
          return [head, ...fields].join(' — ');
        }
        return error instanceof Error ? error.message : String(error);
      },
      date: (iso) => (iso ? formatDate(iso) : '—'),
      dateTime: (iso) => (iso ? formatDateTime(iso) : '—'),
      decimal: (value, digits = 2) => (value === undefined || value === null ? '—' : formatDecimal(value, lang, digits)),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The page's own title in the browser tab (and what a screen reader announces on navigation). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — OCOP Flow`;
  }, [title]);
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** A page's own texts, both languages side by side in the page's module: `const T = useTexts(PAGE_TEXTS)`. */
export function useTexts<K extends string>(texts: { vi: Record<K, string>; en: Record<K, string> }): Record<K, string> {
  return texts[useI18n().lang];
}
