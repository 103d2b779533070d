// The producer workspace: the organisation's products with their stage and what is due, the step forms, a new idea.
import { useState } from 'react';
import { ErrorBanner, Loading } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import type { Product } from '../types';
import { IdeaForm } from './workspace/IdeaForm';
import { ProductCard } from './workspace/ProductCard';
import { isTerminalStage } from '@ocop/model';
import { fill, isProducerStage, WORKSPACE_TEXTS } from './workspace/texts';
import './workspace/workspace.css';

/** The producer's own steps first, the soonest deadline first; then the others, the latest change first. */
function byUrgency(a: Product, b: Product): number {
  const ownA = isProducerStage(a.stage);
  const ownB = isProducerStage(b.stage);
  if (ownA !== ownB) return ownA ? -1 : 1;
  if (ownA) {
    const dueA = a.dueAt ? Date.parse(a.dueAt) : Infinity;
    const dueB = b.dueAt ? Date.parse(b.dueAt) : Infinity;
    if (dueA !== dueB) return dueA - dueB;
  }
  return b.updatedAt.localeCompare(a.updatedAt);
}

export function WorkspacePage() {
  const T = useTexts(WORKSPACE_TEXTS);
  const { t } = useI18n();
  const list = useGet<{ items: Product[] }>('/products?limit=200', 30_000);
  const [ideaOpen, setIdeaOpen] = useState(false);
  const [ideaMessage, setIdeaMessage] = useState<string>();

  const items = list.data?.items ?? [];
  const active = items.filter((p) => !isTerminalStage(p.stage)).sort(byUrgency);
  const finished = items.filter((p) => isTerminalStage(p.stage)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const todo = active.filter((p) => isProducerStage(p.stage)).length;

  return (
    <div className="workspace">
      <div className="ws-title">
        <h1>{t('myProducts')}</h1>
        {!ideaOpen && (
          <button
            type="button"
            onClick={() => {
              setIdeaMessage(undefined);
              setIdeaOpen(true);
            }}
            data-testid="new-idea"
          >
            + {T.newIdea}
          </button>
        )}
      </div>
      <p className="muted ws-intro">{T.intro}</p>
      {ideaMessage && (
        <p className="success" role="status" data-testid="idea-success">
          {ideaMessage}
        </p>
      )}
      {ideaOpen && (
        <IdeaForm
          onCancel={() => setIdeaOpen(false)}
          onDone={async (_, message) => {
            setIdeaOpen(false);
            setIdeaMessage(message);
            await list.reload();
          }}
        />
      )}
      <ErrorBanner error={list.error} />
      {list.loading && !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{T.none}</p>
      ) : (
        <>
          <section aria-label={T.active}>
            <h2 className="ws-section">
              {T.active} <span className="muted">({active.length})</span>
            </h2>
            {todo > 0 && (
              <p className="warning ws-todo-count" data-testid="todo-count">
                {fill(T.todoCount, { count: todo })}
              </p>
            )}
            {active.map((p) => (
              <ProductCard key={p.id} product={p} onChanged={list.reload} />
            ))}
          </section>
          {finished.length > 0 && (
            <section aria-label={T.finished}>
              <h2 className="ws-section">
                {T.finished} <span className="muted">({finished.length})</span>
              </h2>
              {finished.map((p) => (
                <ProductCard key={p.id} product={p} onChanged={list.reload} />
              ))}
            </section>
          )}
        </>
      )}
    </div>
  );
}
