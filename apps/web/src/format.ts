// The app's one formatting module (dates dd/mm/yyyy, 24 h times, decimal comma in Vietnamese), shared with the
// printable certificate and the server-rendered verify page.
export {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatDay,
  formatTime,
  parseDecimal,
  parseDateInput,
} from '../../../libs/domain/src/format';
