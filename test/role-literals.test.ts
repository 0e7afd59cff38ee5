/**
 * Who may do what is asked of the policy, never of a role name: no service,
 * route, CLI command or console screen compares a role with a role-name
 * literal or keeps a list of role names to test against. The policy module
 * (src/policy/ and the Cedar files) names roles, as do the role enum, seed
 * data and migrations. The detector is checked against the kinds of line it
 * must catch, so that a pass means the tree is clean, not that it saw nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROLE = String.raw`(?:triage|agent|lead|admin|auditor)`;
const LIT = String.raw`['"\`]${ROLE}['"\`]`;
/** Ways a role name is compared: equality either way round, a list of names, a SQL comparison, a switch arm, includes(). */
const COMPARISONS: RegExp[] = [
  new RegExp(String.raw`[=!]==?\s*${LIT}`),
  new RegExp(String.raw`${LIT}\s*[=!]==?`),
  new RegExp(String.raw`\[\s*(?:['"][a-z_]+['"]\s*,\s*)*${LIT}`),
  new RegExp(String.raw`['"](?:=|<>|!=|in)['"]\s*,\s*${LIT}`),
  new RegExp(String.raw`case\s+${LIT}\s*:`),
  new RegExp(String.raw`\.includes\(\s*${LIT}`),
];

const comparesRole = (line: string) => COMPARISONS.some((re) => re.test(line));

/** Where roles are rightly named: the policy module, the role enum itself, seed data, migrations, generated API types. */
const EXEMPT_DIRS = ['src/policy/', 'src/demo/', 'src/db/migrations/'];
const EXEMPT_FILES = ['console/api/schema.d.ts'];
const isRoleEnum = (file: string, line: string) => file === 'src/staff/model.ts' && /^export const ROLES = \[/.test(line);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('no role name is compared outside the policy', () => {
  it('catches every way the code once compared roles', () => {
    // lines as they stood before authorization moved into the policy
    const before = [
      "    if (row.claimed_by !== staff.id && !['lead', 'admin'].includes(staff.role)) throw forbidden('only the claimer');",
      "  return staff.role === 'auditor' || canWorkQueue(staff, queue);",
      "  { to: '/approvals', label: 'Approvals', roles: ['agent', 'lead', 'admin'] },",
      "  const may = me.role === 'lead' || me.role === 'admin' || me.role === 'auditor';",
      "  approve: guarded(['agent', 'lead', 'admin'], {",
      "export const ALL_STAFF: readonly Role[] = ['triage', 'agent', 'lead', 'admin', 'auditor'];",
      "const HEAD_READERS = ['auditor', 'admin', 'lead', 'service'] as const;",
      "        if (o.role === 'lead' || o.role === 'admin') {",
      "    .where('staff.role', '=', 'admin')",
      "          if (able > 0 || target.role !== 'admin') await actingStaff(ctx, o);",
      "  spam: { roles: ['triage', 'agent', 'lead', 'admin'], contractors: true, description: 'spam' },",
      "    case 'admin':",
      "  if (roles.includes('auditor')) return;",
    ];
    expect(before.filter((l) => !comparesRole(l))).toEqual([]);
    // naming a role is not comparing one: showing it, a default in a form, a fact handed to the policy
    const fine = [
      '            {me.role}',
      "  const [role, setRole] = useState<Role>('lead');",
      "  return [{ target: { type: 'staff' }, resource: { type: 'Staff', id: 'review-staff', role: 'agent', employment: 'employee' } }];",
      "      {s.role !== s.baseRole && <Pill tone=\"warn\">elevated from {s.baseRole}</Pill>}",
      "  const may = useMay()('staff.list');",
    ];
    expect(fine.filter(comparesRole)).toEqual([]);
  });

  it('finds none in src/ or console/', () => {
    const files = [...sources('src'), ...sources('console')].filter((f) => !EXEMPT_FILES.includes(f) && !EXEMPT_DIRS.some((d) => f.startsWith(d)));
    // the walk reaches the services, routes, CLI and screens that once compared roles
    for (const f of ['src/cases/service.ts', 'src/http/route.ts', 'src/cli/main.ts', 'src/credentials/bootstrap.ts', 'console/components/Shell.tsx', 'console/screens/Staff.tsx']) {
      expect(files).toContain(f);
    }
    expect(files.length).toBeGreaterThan(100);
    const hits: string[] = [];
    for (const file of files) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (comparesRole(line) && !isRoleEnum(file, line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
