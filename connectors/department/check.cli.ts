import { readDepartmentFile } from '../../src/config';
import { departmentConfigSchema } from './department.config';
import { checkAgainstWsdl } from './wsdl-check';

/** What the check found in one department file. */
export interface DepartmentFileCheck {
  /** The file as it was named on the command line. */
  file: string;
  /** What is wrong, each line naming the file and the field; empty: the file fits. */
  problems: string[];
  /** The operations the file names (send, pull, health), once its fields are valid. */
  operations: string[];
  /** The WSDL it was checked against (absolute path or URL), once its fields are valid. */
  wsdl: string | null;
}

const USAGE = 'usage: npm run department:check -- <department file.json> [<department file.json> ...]';

async function checkFile(file: string, env: NodeJS.ProcessEnv): Promise<DepartmentFileCheck> {
  const problems: string[] = [];
  // No simulator is started here: how long one would take does not matter.
  const entry = readDepartmentFile(file, env, { simulatorProcessingMs: 0 }, problems);
  if (!entry) return { file, problems, operations: [], wsdl: null };
  const parsed = departmentConfigSchema.safeParse(entry.settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${file} ${issue.path.join('.') || '(the file)'} ${issue.message}`);
    return { file, problems, operations: [], wsdl: null };
  }
  const config = parsed.data;
  const operations = [config.send.operation, config.pull?.operation, config.health?.operation].filter((name): name is string => name !== undefined);
  for (const problem of await checkAgainstWsdl(config)) problems.push(`${file} ${problem}`);
  return { file, problems, operations, wsdl: config.wsdl };
}

/**
 * Checks department files before the hub uses them, one after another:
 * the file is read as the hub reads it (credentials from `env`), its
 * fields checked by the kind's schema, then its operations and mappings
 * against its WSDL (checkAgainstWsdl). Never throws for a bad file: its
 * problems are in the answer.
 */
export async function checkDepartmentFiles(files: string[], env: NodeJS.ProcessEnv): Promise<DepartmentFileCheck[]> {
  const checks: DepartmentFileCheck[] = [];
  for (const file of files) checks.push(await checkFile(file, env));
  return checks;
}

/**
 * The command: prints a line per file that fits and every problem of
 * those that do not; answers the exit code (0 every file fits, 1 one does
 * not, 2 a usage error).
 */
export async function runDepartmentCheck(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.find((arg) => arg.startsWith('-'));
  if (args.length === 0 || unknown !== undefined) {
    console.error(unknown === undefined ? 'department:check needs at least one department file' : `department:check has no option ${unknown}`);
    console.error(USAGE);
    return 2;
  }
  const checks = await checkDepartmentFiles(args, env);
  for (const check of checks) {
    if (check.problems.length === 0) console.log(`✓ ${check.file}: ${check.operations.length} operations and their mappings fit ${check.wsdl ?? ''}`);
    else for (const problem of check.problems) console.error(`✗ ${problem}`);
  }
  const failed = checks.filter((check) => check.problems.length > 0).length;
  if (failed > 0) console.error(`${failed} of ${checks.length} department file(s) do not fit`);
  return failed > 0 ? 1 : 0;
}

// `npm run department:check -- connectors/department/simulated/*.json`; imported (by its spec), it runs nothing.
if (require.main === module) {
  runDepartmentCheck(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A bug, not a bad file: say so, without the values it may carry.
      console.error('department:check could not check:', error instanceof Error ? `${error.name}: ${error.message}` : 'an unknown error');
      process.exitCode = 2;
    },
  );
}
