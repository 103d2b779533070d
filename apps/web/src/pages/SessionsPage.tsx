// The council sessions the user sits on (a member) or that belong to their area (a coordinator).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { query } from '../api';
import { useAuth } from '../auth';
import { ErrorBanner, Loading } from '../components/common';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { SessionStatus, useAreaName, useCouncilTitle } from './sessions/common';
import { NewSession } from './sessions/NewSession';
import { SESSION_TEXTS } from './sessions/texts';
import type { SessionSummary } from './sessions/types';

export function SessionsPage() {
  const T = useTexts(SESSION_TEXTS);
  const { t, dateTime } = useI18n();
  const { user } = useAuth();
  const [status, setStatus] = useState<'' | 'open' | 'closed'>('');
  const sessions = useGet<SessionSummary[]>(`/sessions${query({ status })}`, 30_000);
  const councilTitle = useCouncilTitle();
  const areaName = useAreaName();

  return (
    <div className="sessions">
      <h1>{t('sessions')}</h1>
      <p className="muted ws-intro">{T.intro}</p>
      {user && ['district_coordinator', 'provincial_coordinator', 'central_coordinator', 'admin'].includes(user.role) && <NewSession />}
      <div className="filters sc-filters">
        <label>
          {T.filterStatus}
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} name="status">
            <option value="">{t('all')}</option>
            <option value="open">{T.open}</option>
            <option value="closed">{T.closed}</option>
          </select>
        </label>
      </div>
      <ErrorBanner error={sessions.error} />
      {sessions.loading && !sessions.data ? (
        <Loading />
      ) : (sessions.data ?? []).length === 0 ? (
        <p className="muted">{T.none}</p>
      ) : (
        <ul className="plain sc-list">
          {sessions.data!.map((s) => {
            const chair = s.members.find((m) => m.memberId === s.chairId);
            const role =
              user && s.chairId === user.userId
                ? T.youChair
                : user && s.members.some((m) => m.memberId === user.userId)
                  ? T.youMember
                  : undefined;
            return (
              <li key={s.id} className="card sc-item" data-testid="session-item" data-session-id={s.id}>
                <div className="ws-head">
                  <h2 className="ws-name">
                    <Link to={`/sessions/${s.id}`}>
                      {councilTitle(s.level)} — {areaName(s)}
                    </Link>
                  </h2>
                  <SessionStatus status={s.status} />
                </div>
                <p className="ws-meta">
                  {T.date}: <strong>{dateTime(s.sessionDate)}</strong> · {T.cycleYear} {s.cycleYear}
                </p>
                <p className="ws-meta sc-counts">
                  <span>
                    {T.entered}: <strong>{s.productsEntered}</strong>
                  </span>
                  <span>
                    {T.scored}: <strong>{s.productsScored}</strong>
                  </span>
                  <span>
                    {T.members}: <strong>{s.members.length}</strong>
                  </span>
                </p>
                {chair && (
                  <p className="muted ws-meta">
                    {T.chair}: {chair.name}
                  </p>
                )}
                <div className="ws-buttons">
                  {role && <span className="badge">{role}</span>}
                  <Link to={`/sessions/${s.id}`} className="sc-open">
                    {T.openSession} →
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
