import type { AuditEntry } from '../api/client';
import { Link } from '../router';
import { Empty, Time } from './ui';

function subjectLink(s: AuditEntry['subject']) {
  if (s.type === 'account') return <Link to={`/accounts/${encodeURIComponent(s.id)}`}>{s.id}</Link>;
  if (s.type === 'case') return <Link to={`/cases/${s.id}`}>case {s.id}</Link>;
  if (s.type === 'action') return <Link to={`/actions/${s.id}`}>{s.id}</Link>;
  return (
    <>
      {s.type} {s.id}
    </>
  );
}

/** Audit entries as a readable timeline: who, what, to what, why. */
export function AuditTable({ entries, label, showSubject = false }: { entries: AuditEntry[]; label: string; showSubject?: boolean }) {
  if (entries.length === 0) return <Empty>Nothing recorded.</Empty>;
  return (
    <table className="table table-compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          {showSubject && <th scope="col">Subject</th>}
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={e.seq ?? i} className={e.action?.includes('refused') ? 'row-refused' : undefined}>
            <td className="num muted">{e.seq}</td>
            <td>
              <Time at={e.at} />
            </td>
            <td>{e.actor ? (e.actor.kind === 'staff' ? e.actor.id : `${e.actor.kind}:${e.actor.id}`) : '—'}</td>
            <td>
              <code>{e.action}</code>
            </td>
            {showSubject && <td>{e.subject ? subjectLink(e.subject) : '—'}</td>}
            <td className="wrap">
              {e.reason ?? <span className="muted">—</span>}
              {(e.before != null || e.after != null) && (
                <details className="change">
                  <summary>what changed</summary>
                  {e.before != null && (
                    <>
                      <div className="label">before</div>
                      <pre>{JSON.stringify(e.before, null, 1)}</pre>
                    </>
                  )}
                  {e.after != null && (
                    <>
                      <div className="label">after</div>
                      <pre>{JSON.stringify(e.after, null, 1)}</pre>
                    </>
                  )}
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
