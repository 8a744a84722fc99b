// Bảng điều hành: Decision 766 figures for the centre's leaders (a SUPERVISOR token), from the contract's ServiceStats.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  ScreenAgenciesDocument,
  ServiceStatsDocument,
  StatsByChannelDocument,
  WorklistDocument,
  type ServiceStatsQuery,
  type StatsByChannelQuery,
  type WorklistQuery,
} from '../generated/graphql';
import { currentToken, HubError, request, signIn, signOut } from './api';
import { Columns, Rows } from './charts';
import { count, rate, today, when } from './format';
import './styles.css';

type Stats = ServiceStatsQuery['serviceStats'];
interface AgencyRow {
  code: string;
  name: string;
  stats: Stats;
}
interface MonthRow {
  month: string;
  stats: Stats;
}
interface Figures {
  total: Stats;
  agencies: AgencyRow[];
  months: MonthRow[];
  channels: StatsByChannelQuery['serviceStats']['receivedByChannel'];
}

const CHANNEL_LABEL: Record<string, string> = { COUNTER: 'Tại quầy', ONLINE: 'Trực tuyến', POSTAL: 'Bưu chính' };

/** The months a period spans, each as its own period (the first and last cut to the period). */
function monthsOf(from: string, to: string): Array<{ label: string; from: string; to: string }> {
  const months = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  while (`${year}-${String(month).padStart(2, '0')}` <= to.slice(0, 7) && months.length < 24) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const start = `${key}-01` < from ? from : `${key}-01`;
    const end = `${key}-${String(last).padStart(2, '0')}` > to ? to : `${key}-${String(last).padStart(2, '0')}`;
    months.push({ label: `T${month}`, from: start, to: end });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** Runs `task` over `items`, a few at a time (the hub counts each request against the token's rate). */
async function inTurn<T, R>(items: T[], task: (item: T) => Promise<R>, width = 4): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]);
      }
    }),
  );
  return results;
}

async function loadFigures(from: string, to: string): Promise<Figures> {
  const stats = (agencyCode?: string, period = { from, to }) =>
    request(ServiceStatsDocument, { from: period.from, to: period.to, ...(agencyCode ? { agencyCode } : {}) }).then((d) => d.serviceStats);
  const [{ agencies }, total, channels] = await Promise.all([
    request(ScreenAgenciesDocument, {}),
    stats(),
    request(StatsByChannelDocument, { from, to }).then((d) => d.serviceStats.receivedByChannel),
  ]);
  const agencyRows = await inTurn(agencies.edges, async ({ node }) => ({ code: node.code, name: node.shortName ?? node.name, stats: await stats(node.code) }));
  const months = await inTurn(monthsOf(from, to), async (m) => ({ month: m.label, stats: await stats(undefined, m) }));
  return { total, agencies: agencyRows, months, channels };
}

function SignIn({ onDone, problem }: { onDone: () => void; problem: string | null }) {
  const [token, setToken] = useState('');
  return (
    <main class="signin">
      <div class="card">
        <h2>Đăng nhập dành cho lãnh đạo</h2>
        <p>Dán mã truy cập (JWT) có vai trò SUPERVISOR do hệ thống xác thực của Trung tâm cấp. Khi dùng thử: <code>npm run -s token -- --role SUPERVISOR</code>.</p>
        {problem ? (
          <div class="message error" role="alert">
            {problem}
          </div>
        ) : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (token.trim() === '') return;
            signIn(token);
            onDone();
          }}
        >
          <textarea aria-label="Mã truy cập" name="token" value={token} onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)} placeholder="eyJhbGciOi…" />
          <p>
            <button type="submit">Đăng nhập</button>
          </p>
        </form>
      </div>
    </main>
  );
}

function Drill({ agency, onClose }: { agency: AgencyRow; onClose: () => void }) {
  const [rows, setRows] = useState<WorklistQuery['dossiers'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    request(WorklistDocument, { filter: { agencyCode: agency.code, overdue: true }, first: 50 })
      .then((d) => setRows(d.dossiers))
      .catch((reason: unknown) => setError(reason instanceof HubError ? reason.message : 'Không tải được danh sách.'));
  }, [agency.code]);
  return (
    <section class="card" data-testid="drill">
      <h3>
        Hồ sơ quá hạn đang xử lý: {agency.name}{' '}
        <button class="secondary" style="min-height: 40px; font-size: 1rem" onClick={onClose}>
          Đóng
        </button>
      </h3>
      {error ? <div class="message error">{error}</div> : null}
      {rows === null && !error ? <p>Đang tải…</p> : null}
      {rows && rows.edges.length === 0 ? <p>Không có hồ sơ quá hạn.</p> : null}
      {rows && rows.edges.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Mã hồ sơ</th>
              <th>Thủ tục</th>
              <th>Người nộp</th>
              <th>Hạn trả</th>
              <th>Đang ở</th>
            </tr>
          </thead>
          <tbody>
            {rows.edges.map(({ node }) => (
              <tr key={node.code}>
                <td>{node.code}</td>
                <td>{node.procedure.name}</td>
                <td>{node.applicant.fullName}</td>
                <td class="overdue">{when(node.dueAt)}</td>
                <td>{node.currentAgency.code}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows && rows.totalCount > rows.edges.length ? <p>… và {count(rows.totalCount - rows.edges.length)} hồ sơ khác.</p> : null}
    </section>
  );
}

const KPIS: Array<[keyof Stats, string, (s: Stats) => string]> = [
  ['received', 'Hồ sơ tiếp nhận', (s) => count(s.received)],
  ['finished', 'Đã giải quyết', (s) => count(s.finished)],
  ['onTimeRate', 'Đúng hạn', (s) => rate(s.onTimeRate)],
  ['overdueOpen', 'Quá hạn đang xử lý', (s) => count(s.overdueOpen)],
  ['onlineRate', 'Trực tuyến', (s) => rate(s.onlineRate)],
  ['digitizedRate', 'Số hóa thành phần', (s) => rate(s.digitizedRate)],
  ['satisfactionRate', 'Hài lòng', (s) => rate(s.satisfactionRate)],
];

function Dashboard() {
  const [signedIn, setSignedIn] = useState(currentToken() !== null);
  const [problem, setProblem] = useState<string | null>(null);
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today());
  const [period, setPeriod] = useState({ from, to });
  const [figures, setFigures] = useState<Figures | null>(null);
  const [loading, setLoading] = useState(false);
  const [drill, setDrill] = useState<AgencyRow | null>(null);

  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    setLoading(true);
    setProblem(null);
    loadFigures(period.from, period.to)
      .then((f) => !cancelled && setFigures(f))
      .catch((reason: unknown) => {
        if (cancelled) return;
        const error = reason instanceof HubError ? reason : new HubError('Không tải được số liệu.');
        if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') {
          signOut();
          setSignedIn(false);
          setProblem(error.code === 'FORBIDDEN' ? 'Mã truy cập này không có quyền xem bảng điều hành (cần vai trò SUPERVISOR).' : 'Mã truy cập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.');
        } else setProblem(error.message);
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [signedIn, period]);

  const header = (
    <header class="bar">
      <div>
        <h1>Bảng điều hành</h1>
        <div class="sub">Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)</div>
      </div>
      {signedIn ? (
        <button
          class="secondary"
          onClick={() => {
            signOut();
            setSignedIn(false);
            setFigures(null);
          }}
        >
          Đăng xuất
        </button>
      ) : null}
    </header>
  );
  if (!signedIn) {
    return (
      <>
        {header}
        <SignIn onDone={() => setSignedIn(true)} problem={problem} />
      </>
    );
  }
  const agencies = figures ? [...figures.agencies].filter((a) => a.stats.received > 0 || a.stats.overdueOpen > 0) : [];
  return (
    <>
      {header}
      <main>
        <form
          class="period card"
          onSubmit={(event) => {
            event.preventDefault();
            if (from > to) {
              setProblem('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
              return;
            }
            setDrill(null);
            setPeriod({ from, to });
          }}
        >
          <label>
            Từ ngày
            <br />
            <input type="date" name="from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            Đến ngày
            <br />
            <input type="date" name="to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={loading}>
            {loading ? 'Đang tải…' : 'Xem'}
          </button>
        </form>
        {problem ? (
          <div class="message error" role="alert">
            {problem}
          </div>
        ) : null}
        {figures ? (
          <>
            <div class="grid kpis" data-testid="kpis">
              {KPIS.map(([key, name, show]) => (
                <div class="kpi" key={key} data-kpi={key} data-value={String(figures.total[key])}>
                  <div class="value">{show(figures.total)}</div>
                  <div class="name">{name}</div>
                </div>
              ))}
            </div>
            <div class="grid charts">
              <Columns
                testId="chart-months"
                title="Tỷ lệ giải quyết đúng hạn theo tháng"
                max={1}
                bars={figures.months.map((m) => ({ label: m.month, value: m.stats.onTimeRate, text: rate(m.stats.onTimeRate) }))}
              />
              <Columns
                testId="chart-channels"
                title="Hồ sơ tiếp nhận theo kênh"
                max={Math.max(1, ...figures.channels.map((c) => c.count))}
                bars={figures.channels.map((c) => ({ label: CHANNEL_LABEL[c.channel] ?? c.channel, value: c.count, text: count(c.count) }))}
              />
              <Rows
                testId="chart-overdue"
                title="Hồ sơ quá hạn đang xử lý theo cơ quan"
                bars={[...agencies].sort((a, b) => b.stats.overdueOpen - a.stats.overdueOpen).map((a) => ({ label: a.name, value: a.stats.overdueOpen, text: count(a.stats.overdueOpen), warn: a.stats.overdueOpen > 0 }))}
              />
            </div>
            <section class="card">
              <h3>Theo cơ quan tiếp nhận (chọn một dòng để xem hồ sơ quá hạn)</h3>
              <table data-testid="agencies">
                <thead>
                  <tr>
                    <th>Cơ quan</th>
                    <th>Tiếp nhận</th>
                    <th>Đã giải quyết</th>
                    <th>Đúng hạn</th>
                    <th>Quá hạn đang xử lý</th>
                    <th>Trực tuyến</th>
                  </tr>
                </thead>
                <tbody>
                  {agencies.map((a) => (
                    <tr key={a.code} data-agency={a.code} class={`clickable ${drill?.code === a.code ? 'selected' : ''}`} onClick={() => setDrill(a)}>
                      <td>{a.name}</td>
                      <td data-field="received" data-value={String(a.stats.received)}>{count(a.stats.received)}</td>
                      <td data-field="finished" data-value={String(a.stats.finished)}>{count(a.stats.finished)}</td>
                      <td data-field="onTimeRate" data-value={String(a.stats.onTimeRate)}>{rate(a.stats.onTimeRate)}</td>
                      <td data-field="overdueOpen" data-value={String(a.stats.overdueOpen)} class={a.stats.overdueOpen > 0 ? 'overdue' : ''}>
                        {count(a.stats.overdueOpen)}
                      </td>
                      <td data-field="onlineRate" data-value={String(a.stats.onlineRate)}>{rate(a.stats.onlineRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {agencies.length === 0 ? <p>Chưa có hồ sơ trong kỳ này.</p> : null}
            </section>
            {drill ? <Drill agency={drill} onClose={() => setDrill(null)} /> : null}
          </>
        ) : loading ? (
          <p>Đang tải số liệu…</p>
        ) : null}
      </main>
    </>
  );
}

render(<Dashboard />, document.getElementById('app')!);
