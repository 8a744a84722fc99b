// Tra cứu hồ sơ: the kiosk and phone lookup (type or scan a code; the receipt's QR code opens it with ?ma=).
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LookupDossierDocument, WatchDossierDocument, type TrackingViewFragment } from '../generated/graphql';
import { HubError, onConnection, request, subscribe } from './api';
import { codeFrom, when } from './format';
import './styles.css';

const STEP_LABEL: Record<string, string> = { PENDING: 'Chưa đến bước', IN_PROGRESS: 'Đang xử lý', DONE: 'Đã xong' };

function Dossier({ dossier, live }: { dossier: TrackingViewFragment; live: boolean }) {
  return (
    <div class="grid">
      <section class="card" aria-labelledby="ho-so">
        <h2 id="ho-so">
          Hồ sơ <span data-testid="code">{dossier.code}</span>
        </h2>
        <p>
          <span class={`status ${dossier.status}`} data-testid="status">
            {dossier.statusLabel}
          </span>{' '}
          <span class={`live ${live ? 'on' : ''}`}>{live ? 'Cập nhật trực tiếp' : 'Đang kết nối lại…'}</span>
        </p>
        <dl class="facts">
          <dt>Thủ tục</dt>
          <dd>{dossier.procedure.name}</dd>
          <dt>Ngày tiếp nhận</dt>
          <dd>{when(dossier.receivedAt)}</dd>
          <dt>Hẹn trả kết quả</dt>
          <dd data-testid="due">
            {when(dossier.dueAt)}
            {dossier.overdue ? <span class="overdue"> (quá hạn)</span> : null}
          </dd>
          {dossier.finishedAt ? (
            <>
              <dt>Có kết quả lúc</dt>
              <dd>{when(dossier.finishedAt)}</dd>
            </>
          ) : null}
          <dt>Đang ở</dt>
          <dd>{dossier.currentAgency.name}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="cac-buoc">
        <h2 id="cac-buoc">Các bước xử lý</h2>
        <ol class="steps" data-testid="steps">
          {dossier.steps.map((step) => (
            <li key={step.order} class={step.status}>
              <span class="n">{step.order}</span>
              <span>
                <strong>{step.agency.name}</strong>: {STEP_LABEL[step.status] ?? step.status}
                {step.dueAt ? `; hạn ${when(step.dueAt)}` : ''}
                {step.finishedAt ? `; xong ${when(step.finishedAt)}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section class="card" aria-labelledby="qua-trinh">
        <h2 id="qua-trinh">Quá trình</h2>
        <ul class="timeline" data-testid="timeline">
          {[...dossier.timeline].reverse().map((event, index) => (
            <li key={`${event.at}-${index}`}>
              <time dateTime={event.at}>{when(event.at)}</time>
              {event.label}
              {event.agency ? ` – ${event.agency.name}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Lookup() {
  const initial = new URLSearchParams(location.search).get('ma') ?? '';
  const [input, setInput] = useState(initial);
  const [code, setCode] = useState(initial.trim());
  const [dossier, setDossier] = useState<TrackingViewFragment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [live, setLive] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => onConnection(setLive), []);

  useEffect(() => {
    if (code === '') return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    setBusy(true);
    setError(null);
    request(LookupDossierDocument, { code })
      .then(({ trackDossier }) => {
        if (cancelled) return;
        setDossier(trackDossier);
        if (!trackDossier) {
          setError(`Không tìm thấy hồ sơ có mã “${code}”. Vui lòng kiểm tra lại mã trên giấy tiếp nhận hồ sơ.`);
          return;
        }
        stop = subscribe(WatchDossierDocument, { code }, (data) => setDossier(data.dossierTracking), () => setLive(false));
      })
      .catch((reason: unknown) => {
        if (cancelled) return;
        setDossier(null);
        setError(reason instanceof HubError ? reason.message : 'Không tra cứu được; vui lòng thử lại.');
      })
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [code]);

  const submit = (event: Event) => {
    event.preventDefault();
    const wanted = codeFrom(input);
    setInput(wanted);
    if (wanted === '') {
      setError('Vui lòng nhập mã hồ sơ in trên giấy tiếp nhận.');
      field.current?.focus();
      return;
    }
    history.replaceState(null, '', `?ma=${encodeURIComponent(wanted)}`);
    setCode(wanted);
  };

  return (
    <>
      <header class="bar">
        <div>
          <h1>Tra cứu hồ sơ</h1>
          <div class="sub">Trung tâm Phục vụ hành chính công</div>
        </div>
      </header>
      <main class="lookup">
        <form onSubmit={submit} role="search">
          <label for="ma" class="visually-hidden" hidden>
            Mã hồ sơ
          </label>
          <input
            id="ma"
            ref={field}
            name="ma"
            value={input}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
            placeholder="Nhập hoặc quét mã hồ sơ, ví dụ 000.00.80.H56-261203-0001"
            autoComplete="off"
            autoFocus
            spellcheck={false}
            aria-label="Mã hồ sơ"
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Đang tra cứu…' : 'Tra cứu'}
          </button>
        </form>
        <p class="hint">Mã hồ sơ in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả; đưa mã QR trên giấy vào máy quét hoặc camera điện thoại.</p>
        {error ? (
          <div class="message error" role="alert" data-testid="error">
            {error}
          </div>
        ) : null}
        {dossier ? <Dossier dossier={dossier} live={live} /> : null}
      </main>
    </>
  );
}

render(<Lookup />, document.getElementById('app')!);
