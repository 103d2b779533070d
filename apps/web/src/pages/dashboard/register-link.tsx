// Every number on the dashboard opens the register filtered to what it counts (the cycle and the dashboard's own
// district and group filters, plus the number's stage — or stages, for a number that counts several —, district,
// stars or "overdue").
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CycleProgress } from './types';

export function registerHref(progress: CycleProgress, extra: Record<string, string | number | readonly string[] | undefined>): string {
  // The province too: the central office's register is national, and the dashboard it opened is one province's.
  const params = new URLSearchParams({ province: progress.provinceCode, cycleYear: String(progress.year) });
  if (progress.filters.district) params.set('district', progress.filters.district);
  if (progress.filters.productGroup) params.set('productGroup', progress.filters.productGroup);
  for (const [k, v] of Object.entries(extra)) {
    const value = Array.isArray(v) ? v.join(',') : v;
    if (value !== undefined && value !== '') params.set(k, String(value));
  }
  return `/register?${params.toString()}`;
}

export function NumLink({ to, children, label }: { to: string; children: ReactNode; label?: string }) {
  return (
    <Link to={to} className="num" aria-label={label} data-testid="register-link">
      {children}
    </Link>
  );
}
