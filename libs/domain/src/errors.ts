/**
 * Business failures carry a stable code and a message in Vietnamese with English beside it. The HTTP layer
 * maps codes to statuses in one place; workflow update validators throw the same codes.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ', en: 'The request is not valid' },
  UNKNOWN_DISTRICT: { vi: 'Không tìm thấy đơn vị cấp huyện', en: 'Unknown district' },
  UNKNOWN_PRODUCT_GROUP: { vi: 'Nhóm sản phẩm không thuộc bộ tiêu chí của chu kỳ', en: 'Unknown product group for the cycle’s rule set' },
  UNKNOWN_ORGANISATION: { vi: 'Không tìm thấy chủ thể sản xuất', en: 'Unknown producer organisation' },
  UNKNOWN_CERTIFICATE: { vi: 'Không tìm thấy giấy chứng nhận', en: 'Unknown certificate' },
  CYCLE_YEAR_OUT_OF_RANGE: { vi: 'Năm chu kỳ không hợp lệ', en: 'Cycle year out of range' },
  PRODUCT_NOT_FOUND: { vi: 'Không tìm thấy sản phẩm', en: 'Product not found' },
  IDEMPOTENCY_KEY_REUSED: {
    vi: 'Khóa Idempotency-Key đã dùng cho một yêu cầu khác',
    en: 'Idempotency-Key was used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: { vi: 'Yêu cầu với khóa này đang được xử lý', en: 'A request with this Idempotency-Key is still in progress' },
  EVENT_CONFLICT: { vi: 'Sự kiện trùng mã nhưng khác nội dung', en: 'An event with this id exists with different content' },
  EVENT_SEQUENCE_CONFLICT: { vi: 'Thứ tự sự kiện bị trùng', en: 'Another event already holds this stream position' },
  WORKFLOW_UNAVAILABLE: { vi: 'Hệ thống quy trình tạm thời không phản hồi', en: 'The workflow service is not reachable' },
  SCORE_OUT_OF_RANGE: { vi: 'Điểm chấm nằm ngoài thang điểm của phần', en: 'A part score is outside the part’s range' },
  WRONG_STAGE: { vi: 'Sản phẩm không ở bước cho phép thao tác này', en: 'The product is not at a stage that allows this' },
  WRONG_ACTOR: { vi: 'Người dùng không có quyền thực hiện bước này', en: 'This actor may not perform this step' },
  DEADLINE_PASSED: { vi: 'Đã quá hạn', en: 'The deadline has passed' },
  SESSION_CLOSED: { vi: 'Phiên họp hội đồng đã kết thúc', en: 'The council session is closed' },
  NO_QUORUM: {
    vi: 'Chưa đủ số thành viên tối thiểu (3/4, có chủ tịch hội đồng)',
    en: 'No quorum (at least 3/4 of members, the chair included)',
  },
  SPREAD_EXCEEDED: { vi: 'Điểm của các thành viên chênh lệch quá 10 điểm', en: 'Member totals spread by more than 10 points' },
  NOT_A_MEMBER: { vi: 'Không phải thành viên hội đồng', en: 'Not a member of the council' },
  DATE_IN_PAST: { vi: 'Ngày đã qua', en: 'The date is in the past' },
  WINDOWS_OUT_OF_ORDER: { vi: 'Các mốc thời gian không theo đúng thứ tự', en: 'The time windows are out of order' },
  NOT_FOUND: { vi: 'Không tìm thấy', en: 'Not found' },
  UNAUTHENTICATED: {
    vi: 'Cần đăng nhập (thiếu, sai hoặc hết hạn mã truy cập)',
    en: 'Authentication required (missing, invalid or expired token)',
  },
  INVALID_CREDENTIALS: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  ACCESS_DENIED: { vi: 'Bạn không có quyền truy cập mục này', en: 'You may not access this' },
  ALREADY_EXISTS: { vi: 'Đã tồn tại', en: 'Already exists' },
  CYCLE_NOT_OPEN: {
    vi: 'Chu kỳ OCOP của tỉnh và năm này không nhận ý tưởng (chưa mở chu kỳ, hoặc đã hết hạn đăng ký ý tưởng)',
    en: 'The OCOP cycle of this province and year takes no ideas (no cycle is open, or its idea window has closed)',
  },
  SESSION_NOT_STARTED: {
    vi: 'Chưa đến ngày họp của phiên hội đồng, chưa thể chấm điểm',
    en: 'The council session’s date has not come yet; scoring starts on that day',
  },
  DATABASE_UNAVAILABLE: {
    vi: 'Cơ sở dữ liệu tạm thời không phản hồi, vui lòng thử lại sau',
    en: 'The database is not reachable; please retry shortly',
  },
  TOO_MANY_REQUESTS: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests; please retry later' },
  LOGIN_THROTTLED: { vi: 'Đăng nhập sai nhiều lần, vui lòng đợi rồi thử lại', en: 'Too many failed logins; wait before trying again' },
  ACCOUNT_LOCKED: {
    vi: 'Tài khoản tạm khóa do đăng nhập sai quá nhiều lần',
    en: 'The account is locked for a while after too many failed logins',
  },
  METHOD_NOT_ALLOWED: { vi: 'Phương thức HTTP không được hỗ trợ cho địa chỉ này', en: 'This HTTP method is not allowed here' },
  PAYLOAD_TOO_LARGE: { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' },
  DOSSIER_INCOMPLETE: { vi: 'Hồ sơ còn thiếu tài liệu bắt buộc', en: 'The dossier lacks a required document' },
  FILE_TOO_LARGE: { vi: 'Tệp vượt quá dung lượng cho phép', en: 'The file is larger than allowed' },
  DOSSIER_TOO_LARGE: { vi: 'Tổng dung lượng hồ sơ vượt quá giới hạn', en: 'The dossier’s documents together exceed the limit' },
  UNSUPPORTED_FILE_TYPE: {
    vi: 'Loại tệp không được chấp nhận (chỉ PDF, JPEG, PNG, WebP, DOCX, XLSX)',
    en: 'File type not accepted (PDF, JPEG, PNG, WebP, DOCX, XLSX only)',
  },
  INTERNAL: { vi: 'Lỗi hệ thống', en: 'Internal error' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class OcopError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    messageOverride?: { vi: string; en: string },
  ) {
    const text = messageOverride ?? ERROR_CODES[code];
    super(`${code}: ${text.vi} / ${text.en}`);
    this.name = 'OcopError';
    this.vi = text.vi;
    this.en = text.en;
  }
  readonly vi: string;
  readonly en: string;
}
