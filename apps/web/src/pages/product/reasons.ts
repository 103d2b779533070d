// The journey's own reasons (written by the workflow for the log) as sentences in the reader's language: never a
// raw code or an ISO timestamp on screen. A coordinator's or producer's own words are shown as they wrote them.
import { DEFAULT_GRACE_DAYS } from '../../reference';

type Lang = 'vi' | 'en';

export function reasonText(reason: string, lang: Lang, dateTime: (iso: string) => string, stageName: (stage: string) => string): string {
  const vi = lang === 'vi';
  let m = /^([a-z_]+): deadline (\S+) missed$/.exec(reason);
  if (m)
    return vi
      ? `Bị rút khỏi chu trình vì quá hạn bước "${stageName(m[1]!)}" (hạn ${dateTime(m[2]!)}).`
      : `Withdrawn: the step "${stageName(m[1]!)}" was due ${dateTime(m[2]!)} and was missed.`;
  m = /^failed indicators: (.+)$/.exec(reason);
  if (m) return vi ? `Không đạt kiểm nghiệm: chỉ tiêu ${m[1]} không đạt.` : `Failed the lab test: ${m[1]} did not pass.`;
  m = /^mean ([\d.]+) at ([a-z]+)$/.exec(reason);
  if (m) {
    const mean = vi ? m[1]!.replace('.', ',') : m[1]!;
    const level = {
      commune: ['cấp xã', 'commune'],
      district: ['cấp huyện', 'district'],
      province: ['cấp tỉnh', 'provincial'],
      central: ['trung ương', 'central'],
    }[m[2]!] ?? [m[2]!, m[2]!];
    return vi
      ? `Không đạt: điểm trung bình ${mean} tại hội đồng ${level[0]}.`
      : `Not qualified: a mean of ${mean} at the ${level[1]} council.`;
  }
  if (/^lab results overdue/.test(reason))
    return vi
      ? 'Không đạt kiểm nghiệm: phòng kiểm nghiệm không trả kết quả đúng hạn.'
      : 'Failed the lab test: the lab results did not come in time.';
  return reason;
}

/** Producer steps whose missed deadline withdraws the product after the grace period. */
const PRODUCER_STEPS = ['changes_requested', 'business_plan_due', 'dossier_due'];

/** When a late producer's product will be withdrawn (the deadline plus the grace period), or undefined if not late. */
export function withdrawalDate(stage: string, dueAt: string | undefined, now = Date.now()): string | undefined {
  if (!dueAt || !PRODUCER_STEPS.includes(stage) || Date.parse(dueAt) > now) return undefined;
  return new Date(Date.parse(dueAt) + DEFAULT_GRACE_DAYS * 86_400_000).toISOString();
}
