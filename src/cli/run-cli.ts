import { ConfigError } from '../errors';
import { describeError } from '../shared/logger';

/**
 * Runs a command's `main` and sets the exit code: what `main` returns, or
 * `failureCode` when it throws. A setting or input the user can fix
 * (`ConfigError`, or one of `userErrors`) prints its own message; anything
 * else prints `what failed:` and the error with its values masked.
 */
export function runCli(
  main: () => Promise<number | void>,
  options: { what: string; failureCode?: number; userErrors?: ReadonlyArray<new (...args: never[]) => Error> },
): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      const theirs = error instanceof ConfigError || (options.userErrors ?? []).some((kind) => error instanceof kind);
      if (theirs && error instanceof Error) console.error(error.message);
      else console.error(`${options.what}:`, describeError(error));
      process.exitCode = options.failureCode ?? 1;
    },
  );
}
