/** Staff admin: who has access, until when, elevation requests, and offboarding. */
import { useState } from 'react';
import { type Staff, api, call } from '../api/client';
import type { paths } from '../api/schema';
import { ActionList } from '../components/ActionList';
import { Empty, ErrorNotice, Loading, Panel, Pill, Time, formatTime } from '../components/ui';
import { useLoad, useNow } from '../hooks';
import { useTitle } from '../router';
import { useCapabilities, useMay, useMe, useSession } from '../session';

type NewStaff = paths['/v1/staff']['post']['requestBody']['content']['application/json'];
type Proposal = paths['/v1/actions']['post']['requestBody']['content']['application/json'];
type Role = Staff['role'];

const ACCESS_KIND_LABELS = {
  elevate: 'temporary elevation',
  grant_role: 'permanent role',
  set_access: 'access end (extend or cut short a contract)',
} as const;
type AccessKind = keyof typeof ACCESS_KIND_LABELS;

/** The changes to someone's access this person may propose, as the policy in force answered (GET /v1/session). */
function useAccessKinds(): AccessKind[] {
  const { actions } = useCapabilities();
  return (Object.keys(ACCESS_KIND_LABELS) as AccessKind[]).filter((k) => actions.some((a) => a.kind === k && a.target.type === 'staff' && a.propose));
}

function AccessWindow({ s }: { s: Staff }) {
  const now = useNow(60_000);
  if (s.offboardedAt) {
    return (
      <span>
        <Pill tone="danger">offboarded</Pill> <Time at={s.offboardedAt} />
      </span>
    );
  }
  if (s.access.until === null) return <span className="muted">from {formatTime(s.access.from)} · no end</span>;
  const left = s.access.until - now;
  return (
    <span className={left < 86_400_000 ? 'access-end access-end-soon' : 'access-end'}>
      until <strong>{formatTime(s.access.until)}</strong>
      {left > 0 && left < 86_400_000 && <Pill tone="warn">ends today</Pill>}
    </span>
  );
}

function OffboardButton({ s, onDone }: { s: Staff; onDone: (m: string) => void }) {
  const { guarded } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return (
      <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => setOpen(true)} aria-label={`Offboard ${s.name}`}>
        Offboard…
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const r = await guarded(() => call(api.POST('/v1/staff/{id}/offboard', { params: { path: { id: s.id } }, body: { reason } })));
          onDone(
            `${s.name} offboarded: ${r.tokensRevoked} tokens revoked, ${r.actionsVoided.length} proposals and ${r.approvalsVoided.length} approvals voided, ${r.claimsReleased.length} claims released.`,
          );
        } catch (err) {
          setError(err);
        }
      }}
    >
      <label htmlFor={`off-${s.id}`} className="sr-only">
        Reason for offboarding {s.name}
      </label>
      <input id={`off-${s.id}`} placeholder="Reason (recorded)" required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      <button type="submit" className="btn btn-small btn-danger">
        End access now
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}

function AddStaff({ onDone }: { onDone: (m: string) => void }) {
  const { guarded } = useSession();
  // the roles the policy lets a new record carry: lead and admin come only by a grant someone else approves
  const roles = useCapabilities().staffRoles;
  const [f, setF] = useState<{ name: string; email: string; role: Role; employment: 'employee' | 'contractor'; until: string }>({ name: '', email: '', role: roles[0]!, employment: 'contractor', until: '' });
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="grid-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        const body: NewStaff = { name: f.name, email: f.email, role: f.role, employment: f.employment, accessUntil: f.until ? new Date(f.until).getTime() : null };
        try {
          const r = await guarded(() => call(api.POST('/v1/staff', { body })));
          onDone(`Added ${r.staff.name} (${r.staff.id}).`);
          setF({ ...f, name: '', email: '', until: '' });
        } catch (err) {
          setError(err);
        }
      }}
    >
      <label>
        Name <input required value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
      </label>
      <label>
        Email <input type="email" required value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} />
      </label>
      <label>
        Role{' '}
        <select value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Employment{' '}
        <select value={f.employment} onChange={(e) => setF({ ...f, employment: e.target.value as 'employee' | 'contractor' })}>
          <option value="contractor">contractor</option>
          <option value="employee">employee</option>
        </select>
      </label>
      <label>
        Access ends{f.employment === 'contractor' ? ' (required)' : ''} <input type="datetime-local" required={f.employment === 'contractor'} value={f.until} onChange={(e) => setF({ ...f, until: e.target.value })} />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          Add staff member
        </button>
      </div>
      <p className="help full">Leads and admins are granted through a grant-role proposal that someone else approves, never here.</p>
      <ErrorNotice error={error} />
    </form>
  );
}

function RequestElevation({ staff, onDone }: { staff: Staff[]; onDone: (m: string) => void }) {
  const { guarded } = useSession();
  const me = useMe();
  const [target, setTarget] = useState(me.id);
  const kinds = useAccessKinds();
  const [kind, setKind] = useState<AccessKind>(kinds[0]!);
  // a contract extended or cut short: the new last instant, in the browser's time zone
  const [accessUntil, setAccessUntil] = useState('');
  const [role, setRole] = useState<Role>('lead');
  const [hours, setHours] = useState(4);
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      className="grid-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          const common = { targetId: target, reasonCode: 'access_management' as const, justification };
          if (kind === 'set_access' && !accessUntil) throw new Error('Choose when the access ends.');
          const body: Proposal =
            kind === 'elevate'
              ? { ...common, kind, role, hours }
              : kind === 'grant_role'
                ? { ...common, kind, role }
                : { ...common, kind, accessUntil: new Date(accessUntil).getTime() };
          const r = await guarded(() => call(api.POST('/v1/actions', { body })));
          const what = kind === 'elevate' ? 'Elevation' : kind === 'grant_role' ? 'Role change' : 'Access change';
          onDone(`${what} requested (${r.action.id}): ${r.action.state.replace(/_/g, ' ')}.`);
          setJustification('');
        } catch (err) {
          setError(err);
        }
      }}
    >
      <label>
        For{' '}
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          {staff
            .filter((s) => s.accessState === 'active')
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.role})
              </option>
            ))}
        </select>
      </label>
      <label>
        Change{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as AccessKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {ACCESS_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {kind === 'set_access' ? (
        <label>
          Access ends{' '}
          <input type="datetime-local" required value={accessUntil} onChange={(e) => setAccessUntil(e.target.value)} />
        </label>
      ) : (
      <label>
        Role{' '}
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="triage">triage</option>
          <option value="agent">agent</option>
          <option value="lead">lead</option>
          <option value="admin">admin</option>
          <option value="auditor">auditor</option>
        </select>
      </label>
      )}
      {kind === 'elevate' && (
        <label>
          Hours <input type="number" min={1} max={72} value={hours} onChange={(e) => setHours(Number(e.target.value))} />
        </label>
      )}
      <label className="full">
        Justification <input required minLength={10} value={justification} onChange={(e) => setJustification(e.target.value)} placeholder="Why, and for which work" />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn">
          Propose
        </button>
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}

export function StaffScreen() {
  useTitle('Staff');
  const me = useMe();
  const staff = useLoad(() => call(api.GET('/v1/staff')), []);
  const access = useLoad(async () => (await call(api.GET('/v1/actions', { params: { query: { limit: 500 } } }))).actions.filter((a) => a.kind === 'elevate' || a.kind === 'grant_role' || a.kind === 'set_access'), []);
  const [flash, setFlash] = useState<string | null>(null);
  const done = (m: string) => {
    setFlash(m);
    staff.reload();
    access.reload();
  };
  const may = useMay();
  const canOffboard = may('staff.offboard');
  const accessKinds = useAccessKinds();
  return (
    <>
      <div className="page-head">
        <h1>Staff</h1>
      </div>
      {flash && (
        <div className="notice notice-ok" role="status">
          {flash}
        </div>
      )}
      <Panel title="People and their access" id="staff-list">
        <Loading q={staff}>
          {(d) => (
            <table className="table" aria-label="Staff">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Employment</th>
                  <th scope="col">Access</th>
                  <th scope="col">State</th>
                  {canOffboard && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {[...d.staff]
                  .sort((a, b) => Number(a.accessState !== 'active') - Number(b.accessState !== 'active') || a.name.localeCompare(b.name))
                  .map((s) => (
                    <tr key={s.id} data-staff={s.id} className={s.accessState !== 'active' ? 'row-inactive' : undefined}>
                      <td>
                        <strong>{s.name}</strong>
                        <div className="muted small">
                          {s.id} · {s.email}
                        </div>
                      </td>
                      <td>{s.role}</td>
                      <td>{s.employment === 'contractor' ? <Pill tone="info">contractor</Pill> : 'employee'}</td>
                      <td>
                        <AccessWindow s={s} />
                      </td>
                      <td>
                        <Pill tone={s.accessState === 'active' ? 'ok' : 'danger'}>{s.accessState.replace('_', ' ')}</Pill>
                      </td>
                      {canOffboard && <td className="row-actions">{s.accessState !== 'offboarded' && s.id !== me.id && <OffboardButton s={s} onDone={done} />}</td>}
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </Loading>
      </Panel>
      <div className="columns">
        <div className="col-main">
          <Panel title="Elevation, role and access requests" id="staff-elevations">
            <Loading q={access}>{(list) => (list.length === 0 ? <Empty>No requests.</Empty> : <ActionList actions={list} showTarget />)}</Loading>
          </Panel>
        </div>
        <div className="col-side">
          {accessKinds.length > 0 && staff.data && (
            <Panel title="Request a role or access change" id="staff-elevate">
              <p className="help">A proposal like any other: the policy in force says who must approve it, and it is audited. An elevation lapses by itself after the hours asked for; an access change moves the end of someone's contract.</p>
              <RequestElevation staff={staff.data.staff} onDone={done} />
            </Panel>
          )}
          {may('staff.create') && (
            <Panel title="Add a staff member" id="staff-add">
              <AddStaff onDone={done} />
            </Panel>
          )}
        </div>
      </div>
    </>
  );
}
