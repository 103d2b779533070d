import { defaultRuleSetForYear, isRuleSetCode } from '@ocop/domain';
import type { YearSpec } from './national-plan';

/**
 * `--past 2024:QD148-2023,2022:QD1048-2019`: the past years some provinces also run, each with its rule set. Left
 * out: two and four years before `current`, each under the rule set in force that year (history's own).
 */
export function pastYearsArg(argv: readonly string[], current: number): YearSpec[] {
  const at = argv.indexOf('--past');
  if (at === -1) return [current - 2, current - 4].map((year) => ({ year, ruleSet: defaultRuleSetForYear(year) }));
  return (argv[at + 1] ?? '').split(',').map((item) => {
    const [year, code] = item.split(':');
    const spec = { year: Number(year), ruleSet: code ?? '' };
    if (!Number.isInteger(spec.year) || spec.year === current || !isRuleSetCode(spec.ruleSet))
      throw new RangeError(`--past takes year:rule-set pairs other than --year, e.g. 2024:QD148-2023,2022:QD1048-2019 (got "${item}")`);
    return { year: spec.year, ruleSet: spec.ruleSet };
  });
}
