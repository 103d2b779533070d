// Number inputs for the scoring parts of a rule set (A, B, C with their maxima), shared by the producer's
// self-assessment and the council's scorecard: the same limits are checked here before anything is sent.
import { formatDecimal } from '../../format';
import { useCallback } from 'react';
import { useI18n, useTexts } from '../../i18n';
import type { ScoringPart } from '../../reference';
import { parseScore, roundScore } from './useAction';
import './workspace.css';

const TEXTS = {
  vi: {
    max: 'tối đa {max}',
    empty: 'Phần {code}: nhập điểm từ 0 đến {max}',
    over: 'Phần {code}: tối đa {max} điểm — không thể nhập {value}',
    negative: 'Phần {code}: điểm không được âm',
    decimals: 'Phần {code}: tối đa 2 chữ số thập phân',
    total: 'Tổng',
  },
  en: {
    max: 'max {max}',
    empty: 'Part {code}: enter a score from 0 to {max}',
    over: 'Part {code}: at most {max} points — {value} is not allowed',
    negative: 'Part {code}: a score cannot be negative',
    decimals: 'Part {code}: at most 2 decimals',
    total: 'Total',
  },
};

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

export type PartValues = Record<string, string>;

export const emptyParts = (parts: ScoringPart[], from?: Record<string, number>, lang: 'vi' | 'en' = 'vi'): PartValues =>
  Object.fromEntries(parts.map((p) => [p.code, from?.[p.code] !== undefined ? formatDecimal(from[p.code]!, lang) : '']));

/** The total of the parts when every part is a number, else undefined. */
export function totalOf(parts: ScoringPart[], values: PartValues): number | undefined {
  let sum = 0;
  for (const p of parts) {
    const v = parseScore(values[p.code] ?? '');
    if (v === undefined) return undefined;
    sum += v;
  }
  return roundScore(sum);
}

/** Checks every part against its maximum: the problems by part code (empty when all is well) and the numbers. */
export function useCheckParts(): (
  parts: ScoringPart[],
  values: PartValues,
) => { problems: Record<string, string>; scores: Record<string, number> } {
  const T = useTexts(TEXTS);
  return useCallback(
    (parts, values) => {
      const problems: Record<string, string> = {};
      const scores: Record<string, number> = {};
      for (const p of parts) {
        const raw = values[p.code] ?? '';
        const v = parseScore(raw);
        const vars = { code: p.code, max: p.max, value: raw.trim() };
        if (v === undefined) problems[p.code] = fill(T.empty, vars);
        else if (v < 0) problems[p.code] = fill(T.negative, vars);
        else if (v > p.max) problems[p.code] = fill(T.over, vars);
        else if (Math.abs(v * 100 - Math.round(v * 100)) > 1e-9) problems[p.code] = fill(T.decimals, vars);
        else scores[p.code] = v;
      }
      return { problems, scores };
    },
    [T],
  );
}

export function PartInputs({
  parts,
  values,
  problems,
  onChange,
  name,
  disabled,
}: {
  parts: ScoringPart[];
  values: PartValues;
  problems: Record<string, string>;
  onChange: (code: string, value: string) => void;
  /** Prefix of the inputs' names (several forms on one page). */
  name: string;
  disabled?: boolean;
}) {
  const { lang, decimal } = useI18n();
  const T = useTexts(TEXTS);
  const total = totalOf(parts, values);
  const maxTotal = parts.reduce((s, p) => s + p.max, 0);
  return (
    <div className="part-inputs">
      {parts.map((p) => {
        const problem = problems[p.code];
        const id = `${name}-${p.code}`;
        return (
          <div key={p.code} className="part-input">
            <label htmlFor={id}>
              <span className="part-name">
                {p.code}. {lang === 'vi' ? p.vi : p.en}
              </span>
              <span className="muted part-max">({fill(T.max, { max: p.max })})</span>
            </label>
            <input
              id={id}
              name={id}
              // Text, not number: a number input refuses "27,5", the way Vietnamese write it.
              type="text"
              inputMode="decimal"
              autoComplete="off"
              max={p.max}
              value={values[p.code] ?? ''}
              disabled={disabled}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              data-part={p.code}
              onChange={(e) => onChange(p.code, e.target.value)}
            />
            {problem && (
              <span id={`${id}-problem`} className="field-problem" role="alert" data-testid="part-problem">
                {problem}
              </span>
            )}
          </div>
        );
      })}
      <p className="part-total" data-testid="parts-total">
        {T.total}: <strong>{decimal(total)}</strong> / {maxTotal}
      </p>
    </div>
  );
}
