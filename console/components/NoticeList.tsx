/** What owners and reporters were told (GET /v1/accounts/{id}/notices): each notice's words and how far it got. */
import type { Schemas } from '../api/client';
import { Empty, Pill, Time } from './ui';

export type Notice = Schemas['Notice'];
type NoticeState = Notice['state'];
type NoticeSubject = Notice['subject'];

const STATE_TEXT: Record<NoticeState, { text: string; tone: 'info' | 'ok' | 'danger' | 'neutral' }> = {
  pending: { text: 'waiting for its batch', tone: 'neutral' },
  queued: { text: 'on its way', tone: 'info' },
  delivered: { text: 'delivered', tone: 'ok' },
  failed: { text: 'not delivered', tone: 'danger' },
};

const SUBJECT_TEXT: Record<NoticeSubject, string> = {
  enforcement: 'Statement of reasons',
  report_outcome: 'Outcome of a report',
  appeal_outcome: 'Outcome of an appeal',
};

const RECIPIENT_TEXT: Record<Notice['recipient']['kind'], string> = {
  owner: 'the owner',
  reporter: 'reporter',
};

export function NoticeList({ notices, empty = 'No notices sent.' }: { notices: Notice[]; empty?: string }) {
  if (notices.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((n) => {
        const state = STATE_TEXT[n.state];
        return (
          <li key={n.id} data-notice={n.id} data-subject={n.subject}>
            <div className="notice-meta">
              <strong>{SUBJECT_TEXT[n.subject]}</strong> to {RECIPIENT_TEXT[n.recipient.kind]}
              {n.recipient.kind === 'reporter' && ` ${n.recipient.id}`} · <Time at={n.createdAt} />
              {n.language && <span className="muted"> · {n.language}</span>}{' '}
              <span data-testid="notice-state">
                <Pill tone={state.tone}>{state.text}</Pill>
              </span>
              {n.deliveredAt && (
                <span className="small muted">
                  {' '}
                  at <Time at={n.deliveredAt} />
                </span>
              )}
            </div>
            <details className="notice-text">
              <summary>{n.title}</summary>
              <div className="notice-body">{n.body}</div>
            </details>
            {n.lastError && <p className="small danger">Last delivery error: {n.lastError}</p>}
          </li>
        );
      })}
    </ul>
  );
}
