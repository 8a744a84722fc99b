import { startPopulationSimulator, type PopulationSimulator } from '../../connectors/population/population.simulator';

export const SIMULATOR_CREDENTIALS = { username: 'test-hub', password: 'test-secret' };

/** A population simulator the test can stop and start again on the same port (the hub keeps its URL). */
export class ControlledSimulator {
  private current: PopulationSimulator | null = null;
  private port = 0;
  readonly requests: PopulationSimulator['requests'][number][] = [];

  async start(): Promise<this> {
    this.current = await startPopulationSimulator({ ...SIMULATOR_CREDENTIALS, port: this.port });
    this.port = Number(new URL(this.current.url).port);
    return this;
  }

  get url(): string {
    if (!this.current && this.port === 0) throw new Error('never started');
    return `http://127.0.0.1:${this.port}/dancu`;
  }

  /** Requests seen by every run of the simulator so far. */
  seen(): PopulationSimulator['requests'][number][] {
    return [...this.requests, ...(this.current?.requests ?? [])];
  }

  async stop(): Promise<void> {
    if (!this.current) return;
    this.requests.push(...this.current.requests);
    await this.current.stop();
    this.current = null;
  }

  /** Settings that point a hub at this simulator. */
  env(): Record<string, string> {
    return { POPULATION_URL: this.url, POPULATION_USERNAME: SIMULATOR_CREDENTIALS.username, POPULATION_PASSWORD: SIMULATOR_CREDENTIALS.password };
  }
}

/** Polls `check` until it answers true, or fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
