// One of the producer's products: where it stands, what is due and when, and the step the producer can take now.
import { useState, type JSX } from 'react';
import { Countdown, ProductLink, StageBadge, Stars } from '../../components/common';
import { reasonText, withdrawalDate } from '../product/reasons';
import { useI18n, useTexts } from '../../i18n';
import { districtName, groupName } from '../../reference';
import type { Product } from '../../types';
import { DocumentsPanel } from '../../components/documents/DocumentsPanel';
import { kindsFor } from '../../components/documents/kinds';
import { BusinessPlanForm, DossierForm, RevisionForm, WithdrawForm, type StepProps } from './StepForms';
import { isTerminalStage } from '@ocop/model';
import { isProducerStage, PRODUCER_STEPS, WORKSPACE_TEXTS } from './texts';

const STEP_FORMS: Record<keyof typeof PRODUCER_STEPS, (props: StepProps) => JSX.Element> = {
  changes_requested: RevisionForm,
  business_plan_due: BusinessPlanForm,
  dossier_due: DossierForm,
};

const PRODUCER_KINDS = kindsFor('producer');

export function ProductCard({ product, onChanged }: { product: Product; onChanged: () => Promise<void> }) {
  const T = useTexts(WORKSPACE_TEXTS);
  const { t, tx, lang, dateTime } = useI18n();
  const [open, setOpen] = useState<'step' | 'withdraw' | null>(null);
  const [message, setMessage] = useState<string>();
  const terminal = isTerminalStage(product.stage);
  const producerStage = isProducerStage(product.stage) ? product.stage : undefined;
  const StepForm = producerStage ? STEP_FORMS[producerStage] : undefined;

  const done = async (text: string) => {
    setOpen(null);
    setMessage(text);
    await onChanged();
  };
  const toggle = (which: 'step' | 'withdraw') => {
    setMessage(undefined);
    setOpen((o) => (o === which ? null : which));
  };

  return (
    <article
      className={`card ws-product${producerStage ? ' ws-todo' : ''}`}
      data-testid="product-card"
      data-product-id={product.id}
      data-stage={product.stage}
    >
      <header className="ws-head">
        <h2 className="ws-name">
          <ProductLink id={product.id}>{product.name}</ProductLink>
        </h2>
        <StageBadge stage={product.stage} />
      </header>
      <p className="muted ws-meta">
        {groupName(product.productGroup, lang)} · {districtName(product.district, lang)} · {T.cycle} {product.cycleYear}
      </p>
      {!terminal && (
        <p className="ws-due" data-testid="due">
          <span className={producerStage ? 'ws-your-step' : 'muted'}>
            {producerStage ? `${T.yourStep}: ${T[PRODUCER_STEPS[producerStage]]}` : T.waiting}
          </span>
          {product.dueAt && (
            <span className="ws-when">
              {T.due} {dateTime(product.dueAt)} · <Countdown dueAt={product.dueAt} />
            </span>
          )}
        </p>
      )}
      {withdrawalDate(product.stage, product.dueAt) && (
        <p className="warning" data-testid="withdrawal-warning">
          {lang === 'vi'
            ? `Đã quá hạn: sản phẩm sẽ bị rút khỏi chu trình vào ${dateTime(withdrawalDate(product.stage, product.dueAt))} nếu chưa nộp.`
            : `Past the deadline: the product will be withdrawn on ${dateTime(withdrawalDate(product.stage, product.dueAt))} unless you submit.`}
        </p>
      )}
      {product.stage === 'certified' && (product.stars || product.certificateNo) && (
        <p className="ws-meta">
          {t('stars')}: <Stars count={product.stars} />
          {product.certificateNo && (
            <>
              {' '}
              · {T.certificate} <strong>{product.certificateNo}</strong>
            </>
          )}
        </p>
      )}
      {terminal && product.reason && (
        <p className="muted ws-meta">
          {T.reasonLabel}: {reasonText(product.reason, lang, dateTime, (stage) => tx('stage', stage))}
        </p>
      )}
      {message && (
        <p className="success" role="status" data-testid="success">
          {message}
        </p>
      )}
      {(product.stage === 'business_plan_due' || product.stage === 'dossier_due') && (
        <DocumentsPanel productId={product.id} kinds={PRODUCER_KINDS} checklist={product.stage === 'dossier_due'} />
      )}
      {!terminal && (
        <div className="ws-buttons">
          {producerStage && open !== 'step' && (
            <button type="button" onClick={() => toggle('step')} data-testid="open-step">
              {T[PRODUCER_STEPS[producerStage]]}
            </button>
          )}
          {open !== 'withdraw' && (
            <button type="button" className="secondary" onClick={() => toggle('withdraw')}>
              {T.withdraw}
            </button>
          )}
          <ProductLink id={product.id}>{T.details}</ProductLink>
        </div>
      )}
      {open === 'step' && StepForm && <StepForm product={product} onDone={done} onCancel={() => setOpen(null)} />}
      {open === 'withdraw' && <WithdrawForm product={product} onDone={done} onCancel={() => setOpen(null)} />}
    </article>
  );
}
