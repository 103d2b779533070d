// The bell in the top bar: unread count, the inbox on a click, subject and body in the chosen language, mark read.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { post } from '../api';
import { useAuth } from '../auth';
import { useGet } from '../hooks';
import { useI18n, useTexts } from '../i18n';
import { ErrorBanner, Loading } from './common';

interface Notification {
  messageId: string;
  recipient: string;
  /** reminder, missed, result, request, schedule, certificate, account */
  kind: string;
  about: { type: string; id: string; cycleYear?: number } | null;
  /** The web app's page for the item, from the site root (/app/…). */
  link: string | null;
  subject: { vi: string; en: string };
  body: { vi: string; en: string };
  createdAt: string;
  readAt: string | null;
}

const TEXTS = {
  vi: {
    open: 'Mở',
    unread: '{n} chưa đọc',
    empty: 'Chưa có thông báo nào.',
    markRead: 'Đánh dấu đã đọc',
    markAll: 'Đã đọc tất cả',
    close: 'Đóng',
  },
  en: {
    open: 'Open',
    unread: '{n} unread',
    empty: 'No notifications yet.',
    markRead: 'Mark as read',
    markAll: 'Mark all read',
    close: 'Close',
  },
};

const UNREAD_LIMIT = 100;
const POLL_MS = 60_000;

const styles: Record<string, CSSProperties> = {
  bell: {
    position: 'relative',
    background: 'transparent',
    color: 'var(--ink)',
    padding: '0.35rem 0.45rem',
    minHeight: '2.4rem',
    display: 'inline-flex',
    alignItems: 'center',
  },
  count: {
    position: 'absolute',
    top: 0,
    right: -2,
    minWidth: '1.15rem',
    height: '1.15rem',
    padding: '0 0.25rem',
    borderRadius: 999,
    background: 'var(--red)',
    color: '#fff',
    fontSize: '0.7rem',
    fontWeight: 700,
    lineHeight: '1.15rem',
    textAlign: 'center',
  },
  panel: {
    position: 'fixed',
    right: 8,
    width: 'min(390px, calc(100vw - 16px))',
    maxHeight: '70vh',
    overflowY: 'auto',
    background: '#fff',
    border: '1px solid var(--line)',
    borderRadius: 8,
    boxShadow: '0 8px 24px rgba(0,0,0,0.15)',
    zIndex: 50,
    textAlign: 'left',
  },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: '0.5rem',
    padding: '0.6rem 0.8rem',
    borderBottom: '1px solid var(--line)',
    position: 'sticky',
    top: 0,
    background: '#fff',
  },
  item: { padding: '0.6rem 0.8rem', borderBottom: '1px solid var(--line)' },
  unreadItem: { background: '#fff8f7', borderLeft: '4px solid var(--red)' },
  subject: { margin: 0, fontSize: '0.98rem' },
  body: { margin: '0.2rem 0', fontSize: '0.9rem', color: 'var(--ink)', whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  meta: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '0.5rem', fontSize: '0.8rem' },
};

export function NotificationsMenu() {
  const { user } = useAuth();
  // Remounted for each user, so one user's inbox never shows under another's name.
  return user ? <Bell key={user.userId} /> : null;
}

/** The route (inside the app) of the item a message is about: the API names it, so nothing parses message ids. */
export function itemLink(message: Pick<Notification, 'link'>): string | undefined {
  return message.link ? message.link.replace(/^\/app(?=\/|$)/, '') || '/' : undefined;
}

function Bell() {
  const { t, lang, dateTime } = useI18n();
  const T = useTexts(TEXTS);
  const [open, setOpen] = useState(false);
  const [top, setTop] = useState(56);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const unread = useGet<Notification[]>(`/notifications?unreadOnly=true&limit=${UNREAD_LIMIT}`, POLL_MS);
  const inbox = useGet<Notification[]>(open ? '/notifications?limit=50' : null, open ? POLL_MS : undefined);
  const count = unread.data?.length ?? 0;
  const countText = count >= UNREAD_LIMIT ? `${UNREAD_LIMIT - 1}+` : String(count);

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent | TouchEvent) => {
      if (wrapper.current && !wrapper.current.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('touchstart', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('touchstart', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  const toggle = () => {
    if (!open && button.current) setTop(Math.round(button.current.getBoundingClientRect().bottom + 6));
    setOpen(!open);
    setError(undefined);
  };

  const markRead = async (ids: string[]) => {
    setBusy(true);
    setError(undefined);
    try {
      for (const id of ids) await post(`/notifications/${encodeURIComponent(id)}/read`, {});
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      await Promise.all([unread.reload(), inbox.reload()]);
    }
  };

  /** A message's item opens (the link navigates): the panel closes and the message counts as read. */
  const openItem = (m: Notification) => {
    setOpen(false);
    if (!m.readAt) void markRead([m.messageId]);
  };

  const messages = inbox.data ?? [];
  const unreadShown = messages.filter((m) => !m.readAt).map((m) => m.messageId);
  return (
    <div ref={wrapper} style={{ position: 'relative', display: 'inline-block' }}>
      <button
        ref={button}
        type="button"
        style={styles.bell}
        onClick={toggle}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="notifications-bell"
      >
        <svg
          width="22"
          height="22"
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        <span className="sr-only">{t('notifications')}</span>
        {count > 0 && (
          <span style={styles.count} data-testid="notifications-count">
            {countText}
          </span>
        )}
        {count > 0 && <span className="sr-only"> {T.unread.replace('{n}', '').trim()}</span>}
      </button>
      {open && (
        <div style={{ ...styles.panel, top }} role="dialog" aria-label={t('notifications')} data-testid="notifications-panel">
          <div style={styles.head}>
            <strong>
              {t('notifications')}
              {count > 0 && (
                <span className="muted" style={{ fontWeight: 400 }}>
                  {' '}
                  · {T.unread.replace('{n}', countText)}
                </span>
              )}
            </strong>
            <span style={{ display: 'flex', gap: '0.3rem' }}>
              {unreadShown.length > 0 && (
                <button type="button" className="link" disabled={busy} onClick={() => void markRead(unreadShown)}>
                  {T.markAll}
                </button>
              )}
              <button type="button" className="link" onClick={() => setOpen(false)} aria-label={T.close}>
                ✕
              </button>
            </span>
          </div>
          <ErrorBanner error={error ?? inbox.error} />
          {inbox.loading && !inbox.data ? (
            <div style={styles.item}>
              <Loading />
            </div>
          ) : messages.length === 0 ? (
            <p className="muted" style={styles.item}>
              {T.empty}
            </p>
          ) : (
            <ul className="plain" style={{ margin: 0 }}>
              {messages.map((m) => (
                <li
                  key={m.messageId}
                  style={{ ...styles.item, ...(m.readAt ? {} : styles.unreadItem) }}
                  data-testid="notification"
                  data-kind={m.kind}
                  data-read={m.readAt ? 'true' : 'false'}
                >
                  <p style={{ ...styles.subject, fontWeight: m.readAt ? 500 : 700 }}>
                    {itemLink(m) ? (
                      <Link to={itemLink(m)!} data-testid="notification-subject" onClick={() => openItem(m)}>
                        {m.subject[lang]}
                      </Link>
                    ) : (
                      m.subject[lang]
                    )}
                  </p>
                  <p style={styles.body}>{m.body[lang]}</p>
                  <div style={styles.meta}>
                    <span className="muted">{dateTime(m.createdAt)}</span>
                    {itemLink(m) && (
                      <Link to={itemLink(m)!} data-testid="notification-open" onClick={() => openItem(m)}>
                        {T.open}
                      </Link>
                    )}
                    {!m.readAt && (
                      <button type="button" className="link" disabled={busy} onClick={() => void markRead([m.messageId])}>
                        {T.markRead}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
