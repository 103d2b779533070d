// A producer enters its certified product for re-evaluation (tái đánh giá) in a later cycle: POST /products with the
// certificate (previousCertificateNo). The journey keeps the product's id, so its page then shows the new cycle, with
// the earlier cycles' timelines under it.
import { useState, type FormEvent } from 'react';
import { post } from '../../api';
import { ActionOutcome, Field } from '../../components/common';
import { useGet } from '../../hooks';
import { useI18n, useTexts } from '../../i18n';
import type { Product, ProductDetail } from '../../types';
import { groupsOfRuleSet } from '../workspace/IdeaForm';
import { useAction } from '../workspace/useAction';

const TEXTS = {
  vi: {
    open: 'Đánh giá lại',
    title: 'Đánh giá lại sản phẩm (giấy chứng nhận {no})',
    hint: 'Sản phẩm vào chu kỳ đã chọn với giấy chứng nhận này; chứng nhận mới thay thế chứng nhận cũ.',
    name: 'Tên sản phẩm',
    cycleYear: 'Năm chu kỳ',
    group: 'Nhóm sản phẩm',
    submit: 'Gửi đăng ký đánh giá lại',
    close: 'Đóng',
    done: 'Đã đăng ký đánh giá lại {name} trong chu kỳ {year}.',
  },
  en: {
    open: 'Re-evaluate',
    title: 'Re-evaluate the product (certificate {no})',
    hint: 'The product enters the chosen cycle with this certificate; a new certificate supersedes it.',
    name: 'Product name',
    cycleYear: 'Cycle year',
    group: 'Product group',
    submit: 'Enter for re-evaluation',
    close: 'Close',
    done: '{name} was entered for re-evaluation in the {year} cycle.',
  },
};

interface Cycle {
  year: number;
  ruleSet: string;
  status: string;
}

export function Reevaluate({
  product,
  certificateNo,
  onDone,
}: {
  product: ProductDetail;
  certificateNo: string;
  onDone: () => Promise<unknown>;
}) {
  const T = useTexts(TEXTS);
  const { lang } = useI18n();
  const action = useAction();
  const [open, setOpen] = useState(false);
  const cycles = useGet<Cycle[]>(open ? '/cycles' : null);
  const thisYear = new Date().getFullYear();
  const later = [...new Set([thisYear, thisYear + 1, ...(cycles.data ?? []).filter((c) => c.status !== 'closed').map((c) => c.year)])]
    .filter((y) => y > product.cycleYear)
    .sort((a, b) => a - b);
  const [year, setYear] = useState<number>();
  const [name, setName] = useState(product.name);
  const [group, setGroup] = useState(product.productGroup);
  const chosen = year ?? later[0];
  const groups = groupsOfRuleSet(cycles.data?.find((c) => c.year === chosen)?.ruleSet);

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="reevaluate">
        {T.open}
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const created = await action.run(
      () =>
        post<Product>('/products', {
          organisationId: product.organisationId,
          name: name.trim(),
          productGroup: group,
          cycleYear: chosen,
          previousCertificateNo: certificateNo,
        }),
      (p) => T.done.replace('{name}', p.name).replace('{year}', String(p.cycleYear)),
    );
    if (created) await onDone();
  };
  return (
    <form className="form" onSubmit={submit} aria-label={T.title.replace('{no}', certificateNo)} data-testid="reevaluate-form">
      <h3>{T.title.replace('{no}', certificateNo)}</h3>
      <p className="muted">{T.hint}</p>
      <Field label={T.name} name="name" error={action.error}>
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
      </Field>
      <Field label={T.cycleYear} name="cycleYear" error={action.error}>
        <select value={chosen ?? ''} onChange={(e) => setYear(Number(e.target.value))} data-field="cycleYear">
          {later.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </Field>
      <Field label={T.group} name="productGroup" error={action.error}>
        <select value={group} onChange={(e) => setGroup(e.target.value)}>
          {!groups.some((g) => g.code === group) && <option value={group}>{group}</option>}
          {groups.map((g) => (
            <option key={g.code} value={g.code}>
              {lang === 'vi' ? g.vi : (g.en ?? g.vi)}
            </option>
          ))}
        </select>
      </Field>
      <ActionOutcome error={action.error} done={action.done} testId="reevaluate-done" />
      <div className="pp-actions">
        <button type="submit" disabled={action.busy || !chosen}>
          {T.submit}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {T.close}
        </button>
      </div>
    </form>
  );
}
