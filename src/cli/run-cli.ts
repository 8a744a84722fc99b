import { parseArgs, type ParseArgsConfig } from 'node:util';
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

type WithHelp<O extends NonNullable<ParseArgsConfig['options']>> = { options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: false };

/**
 * A command's options, or the exit code to return at once: 2 with the
 * usage for an option it does not take, 0 after printing the usage for
 * --help (-h).
 */
type Values<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<typeof parseArgs<WithHelp<O>>>['values'];

export function readOptions<O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string): Values<O> | number {
  let values: Values<O>;
  try {
    values = parseArgs<WithHelp<O>>({ options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    return 0;
  }
  return values;
}
