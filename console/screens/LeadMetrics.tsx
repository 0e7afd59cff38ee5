/**
 * The leads' metrics (GET /v1/metrics/leads): over a period of UTC days, how
 * long cases wait for a first review and a decision, how old the queues are
 * now, how long proposals wait for approval and how often appeals overturn a
 * decision — charted per reason and queue (chart.js), and per member of staff
 * in a table that sorts by any figure.
 */
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { useState } from 'react';
import { Bar } from 'react-chartjs-2';
import { type Schemas, api, call } from '../api/client';
import { Empty, Loading, Panel, formatDuration } from '../components/ui';
import { useLoad } from '../hooks';
import { navigate, useLocation, useTitle } from '../router';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

type Metrics = Schemas['LeadMetrics'];
type Figures = Schemas['MetricFigures'];
type StaffRow = Metrics['staff'][number];

const DAY = 86_400_000;
const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDay = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The last 30 days up to and including today (UTC), unless the address names a period. */
function usePeriod(): { from: string; to: string } {
  const { query } = useLocation();
  const tomorrow = Math.floor(Date.now() / DAY) * DAY + DAY;
  const from = query.get('from');
  const to = query.get('to');
  return { from: isDay(from) ? from : dayText(tomorrow - 30 * DAY), to: isDay(to) ? to : dayText(tomorrow) };
}

/** Hours, or minutes when every figure charted is under two hours. */
function unitFor(values: (number | null)[]): { name: string; ms: number } {
  return Math.max(0, ...values.map((v) => v ?? 0)) < 2 * 3_600_000 ? { name: 'minutes', ms: 60_000 } : { name: 'hours', ms: 3_600_000 };
}
const inUnit = (ms: number | null | undefined, unit: { ms: number }) => (ms == null ? null : Math.round((ms / unit.ms) * 100) / 100);
const duration = (ms: number | null | undefined) => (ms == null ? '—' : formatDuration(ms));
const rate = (r: number | null | undefined) => (r == null ? '—' : `${Math.round(r * 1000) / 10}%`);

const COLOURS = { median: '#1d4f91', p90: '#7a4b00', oldest: '#a4161a', rate: '#1d6b3a' };

function BarChart({ label, keys, series, unit }: { label: string; keys: string[]; series: { label: string; colour: string; values: (number | null)[] }[]; unit: string }) {
  if (keys.length === 0) return <Empty>Nothing in this period.</Empty>;
  return (
    <div className="chart" role="img" aria-label={label}>
      <Bar
        data={{ labels: keys, datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.colour })) }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: unit } } },
          plugins: { legend: { position: 'bottom' } },
        }}
      />
    </div>
  );
}

function Summary({ m }: { m: Metrics }) {
  const items: [string, string, string][] = [
    ['First review', duration(m.firstReview.all.medianMs), `median of ${m.firstReview.all.count}; p90 ${duration(m.firstReview.all.p90Ms)}`],
    ['Decision', duration(m.decision.all.medianMs), `median of ${m.decision.all.count}; p90 ${duration(m.decision.all.p90Ms)}`],
    ['Approval wait', duration(m.approvalWait.all.medianMs), `median of ${m.approvalWait.all.count}; ${m.approvalWait.pending.count} waiting now, oldest ${duration(m.approvalWait.pending.oldestMs)}`],
    ['Appeals overturned', rate(m.appeals.all.overturnRate), `${m.appeals.all.overturned} of ${m.appeals.all.decided} decided; median ${duration(m.appeals.decisionTime.medianMs)} to decide`],
  ];
  return (
    <dl className="metric-summary">
      {items.map(([name, value, detail]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>
            <strong>{value}</strong>
            <span className="small muted"> {detail}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

type SortKey = 'name' | 'reviews' | 'firstReview' | 'decisions' | 'decision' | 'approval' | 'overturnRate';
const COLUMNS: { key: SortKey; label: string; value: (r: StaffRow) => number | string | null; show: (r: StaffRow) => string }[] = [
  { key: 'name', label: 'Member of staff', value: (r) => r.name ?? r.staffId, show: (r) => r.name ?? r.staffId },
  { key: 'reviews', label: 'Cases first reviewed', value: (r) => r.firstReview.count, show: (r) => String(r.firstReview.count) },
  { key: 'firstReview', label: 'Time to first review (median)', value: (r) => r.firstReview.medianMs, show: (r) => duration(r.firstReview.medianMs) },
  { key: 'decisions', label: 'Cases resolved', value: (r) => r.decision.count, show: (r) => String(r.decision.count) },
  { key: 'decision', label: 'Time to decision (median)', value: (r) => r.decision.medianMs, show: (r) => duration(r.decision.medianMs) },
  { key: 'approval', label: 'Time to their verdict (median)', value: (r) => r.approval.medianMs, show: (r) => `${duration(r.approval.medianMs)}${r.approval.count ? ` (${r.approval.count})` : ''}` },
  { key: 'overturnRate', label: 'Their actions overturned on appeal', value: (r) => r.appeals.overturnRate, show: (r) => (r.appeals.decided ? `${rate(r.appeals.overturnRate)} of ${r.appeals.decided}` : '—') },
];

function StaffTable({ rows }: { rows: StaffRow[] }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'decisions', desc: true });
  if (rows.length === 0) return <Empty>Nobody claimed, resolved, approved or was appealed in this period.</Empty>;
  const col = COLUMNS.find((c) => c.key === sort.key)!;
  // empty figures sort last whichever way
  const sorted = [...rows].sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const d = x < y ? -1 : x > y ? 1 : 0;
    return sort.desc ? -d : d;
  });
  return (
    <table className="table" aria-label="Figures per member of staff">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}>
              <button type="button" className="btn-sort" onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key !== 'name' }))}>
                {c.label}
                {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.staffId} data-staff={r.staffId}>
            {COLUMNS.map((c) => (c.key === 'name' ? <td key={c.key} className="strong">{c.show(r)}</td> : <td key={c.key}>{c.show(r)}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A chart of durations per key: the median, and the 90th percentile or the oldest. */
function DurationChart({ label, rows, last }: { label: string; rows: (Figures & { key: string })[]; last: 'p90' | 'oldest' }) {
  const second = (r: Figures) => (last === 'p90' ? r.p90Ms : r.maxMs);
  const unit = unitFor(rows.map(second));
  const series = [
    { label: `median (${unit.name})`, colour: COLOURS.median, values: rows.map((r) => inUnit(r.medianMs, unit)) },
    { label: `${last === 'p90' ? '90th percentile' : 'oldest'} (${unit.name})`, colour: last === 'p90' ? COLOURS.p90 : COLOURS.oldest, values: rows.map((r) => inUnit(second(r), unit)) },
  ];
  return <BarChart label={`${label}, median and ${last === 'p90' ? '90th percentile' : 'oldest'} in ${unit.name}`} keys={rows.map((r) => r.key)} series={series} unit={unit.name} />;
}

export function LeadMetricsScreen() {
  useTitle('Metrics');
  const period = usePeriod();
  const [draft, setDraft] = useState(period);
  const q = useLoad(() => call(api.GET('/v1/metrics/leads', { params: { query: period } })), [period.from, period.to]);
  return (
    <>
      <div className="page-head">
        <h1>Metrics</h1>
      </div>
      <form
        className="filters"
        aria-label="Period"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/lead-metrics?from=${draft.from}&to=${draft.to}`, { replace: true });
        }}
      >
        <label>
          From (UTC){' '}
          <input type="date" required value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        </label>
        <label>
          Until, not including (UTC){' '}
          <input type="date" required value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
        </label>
        <button type="submit" className="btn">
          Show
        </button>
      </form>
      <Loading q={q}>
        {({ metrics: m }) => (
          <>
            <Summary m={m} />
            <div className="chart-grid">
              <Panel title="Time to decision, per reason" id="decision-chart">
                <DurationChart label="Time to decision per reason code" rows={m.decision.byReason} last="p90" />
              </Panel>
              <Panel title="Queue age now, per queue" id="queue-chart">
                <DurationChart label="Age of unresolved cases per queue" rows={m.queueAge.byQueue} last="oldest" />
              </Panel>
              <Panel title="Time to first review, per queue" id="review-chart">
                <DurationChart label="Time to first review per queue" rows={m.firstReview.byQueue} last="p90" />
              </Panel>
              <Panel title="Appeals overturned, per reason" id="overturn-chart">
                <BarChart
                  label="Share of decided appeals that overturned the decision, per reason code of the action contested, in percent"
                  keys={m.appeals.byReason.map((r) => r.key)}
                  series={[{ label: 'overturned (%)', colour: COLOURS.rate, values: m.appeals.byReason.map((r) => (r.overturnRate == null ? null : Math.round(r.overturnRate * 1000) / 10)) }]}
                  unit="percent"
                />
              </Panel>
            </div>
            <Panel title="Per member of staff" id="staff-table">
              <StaffTable rows={m.staff} />
            </Panel>
          </>
        )}
      </Loading>
    </>
  );
}
