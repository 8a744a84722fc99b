import cron, { type ScheduledTask } from 'node-cron';
import type { JobsConfig } from '../config';
import type { Database } from '../db/database';
import { detectOverdue } from '../dossiers';
import type { Clock } from '../shared/clock';
import { CENTRE_TIME_ZONE } from '../shared/local-time';
import type { Logger } from '../shared/logger';

export interface Scheduler {
  /** Stops scheduling and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * The hub's scheduled jobs (node-cron, local time of the centre). Within a
 * process `noOverlap` skips a tick while the last run goes on; across
 * processes each job takes its own advisory lock.
 */
export function startScheduler(config: JobsConfig, deps: { database: Database; clock: Clock; logger: Logger }): Scheduler {
  const { database, clock, logger } = deps;
  const running = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(
      config.overdueCron,
      () =>
        track(
          detectOverdue(database.fork(), clock.now()).then(
            (run) => {
              if (run.recorded > 0) logger.info({ job: 'overdue', recorded: run.recorded }, 'dossiers became overdue');
              if (!run.ran) logger.debug({ job: 'overdue' }, 'another process is running the overdue job');
            },
            (error: unknown) => logger.error({ err: error, job: 'overdue' }, 'the overdue job failed; it runs again at the next tick'),
          ),
        ),
      { name: 'overdue', noOverlap: true, timezone: CENTRE_TIME_ZONE },
    ),
  ];
  return {
    async stop() {
      for (const task of tasks) await task.stop();
      await Promise.allSettled([...running]);
    },
  };
}
