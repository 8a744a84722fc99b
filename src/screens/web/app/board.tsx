// Bảng trạng thái: the hall's board (1920×1080), live without reload: results ready for pickup, dossiers received today.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ScreenAgenciesDocument, WatchHallBoardDocument, type BoardViewFragment } from '../generated/graphql';
import { HubError, onConnection, request, subscribe } from './api';
import { count, hourOf, nowLong } from './format';
import './styles.css';

type Entry = BoardViewFragment['resultsReady'][number];

/** Lines that were not on the board a moment ago flash as they come. */
function useFresh(entries: Entry[]): Set<string> {
  const seen = useRef<Set<string> | null>(null);
  const previous = seen.current;
  seen.current = new Set(entries.map((e) => e.maskedCode));
  return previous === null ? new Set() : new Set(entries.map((e) => e.maskedCode).filter((c) => !previous.has(c)));
}

function Lines({ entries, kind, empty }: { entries: Entry[]; kind: 'ready' | 'received'; empty: string }) {
  const fresh = useFresh(entries);
  if (entries.length === 0) return <p class="board-empty">{empty}</p>;
  return (
    <ul class={`board-list ${kind}`} data-testid={kind}>
      {entries.map((entry, index) => (
        <li key={`${entry.maskedCode}:${index}`} class={fresh.has(entry.maskedCode) ? 'fresh' : ''}>
          <span class="code">{entry.maskedCode}</span>
          <span class="what">
            {entry.procedureName}
            {kind === 'received' ? ` · ${entry.statusLabel} · ${hourOf(entry.at)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Clock() {
  const [now, setNow] = useState(new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span class="clock">{nowLong(now)}</span>;
}

/** The centre whose board this is: ?coQuan=<code>, else the catalogue's one-stop centre. */
async function boardAgency(): Promise<string> {
  const given = new URLSearchParams(location.search).get('coQuan');
  if (given) return given.trim();
  const { agencies } = await request(ScreenAgenciesDocument, {});
  const centre = agencies.edges.find((e) => e.node.kind === 'CENTRE') ?? agencies.edges[0];
  if (!centre) throw new HubError('Danh mục chưa có cơ quan nào.');
  return centre.node.code;
}

function Board() {
  const [board, setBoard] = useState<BoardViewFragment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => onConnection(setLive), []);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    boardAgency()
      .then((agencyCode) => {
        if (cancelled) return;
        stop = subscribe(
          WatchHallBoardDocument,
          { agencyCode },
          (data) => {
            setError(null);
            setBoard(data.hallBoard);
          },
          (reason) => setError(reason.code === 'NETWORK' ? null : reason.message),
        );
      })
      .catch((reason: unknown) => setError(reason instanceof HubError ? reason.message : 'Không tải được bảng trạng thái.'));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, []);

  return (
    <>
      <header class="bar">
        <div>
          <h1>{board ? board.agency.name : 'Bảng trạng thái hồ sơ'}</h1>
          <div class="sub">Bảng trạng thái hồ sơ · mời công dân có mã dưới đây đến quầy trả kết quả</div>
        </div>
        <Clock />
      </header>
      {error ? (
        <div class="message error" role="alert" style="margin: 24px 40px">
          {error}
        </div>
      ) : null}
      <div class="board-columns">
        <section aria-labelledby="ket-qua">
          <h2 id="ket-qua">
            Đã có kết quả – mời nhận <span class="total" data-testid="ready-count">{board ? count(board.resultsReadyCount) : '…'}</span>
          </h2>
          {board ? <Lines entries={board.resultsReady} kind="ready" empty="Chưa có kết quả chờ trả." /> : null}
        </section>
        <section aria-labelledby="tiep-nhan">
          <h2 id="tiep-nhan">
            Vừa tiếp nhận <span class="total" data-testid="received-count">{board ? count(board.receivedToday) : '…'}</span>
          </h2>
          {board ? <Lines entries={board.received} kind="received" empty="Hôm nay chưa tiếp nhận hồ sơ nào." /> : null}
        </section>
      </div>
      <footer>
        <span>Mã hồ sơ được che một phần; tra cứu đầy đủ tại máy tra cứu hoặc bằng mã QR trên giấy tiếp nhận.</span>
        <span class={`live ${live ? 'on' : ''}`} data-testid="live">
          {live ? 'Cập nhật trực tiếp' : 'Đang kết nối…'}
        </span>
      </footer>
    </>
  );
}

document.body.classList.add('board');
render(<Board />, document.getElementById('app')!);
