// Runs the command line in this process, as `npm run cli -- <argv>` would, capturing what it
// writes. A message written in one call may hold several lines; `out` and `err` are split into
// single lines.
import { runCli } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
  /** Everything written to standard output, joined with newlines. */
  stdout: string;
  /** Everything written to standard error, joined with newlines. */
  stderr: string;
}

export async function cli(argv: string[], stdin = ''): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (text) => out.push(...text.split('\n')),
    err: (text) => err.push(...text.split('\n')),
    stdin: async () => stdin,
  });
  return { code, out, err, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs the command and returns what happened, whether it returned an exit code or threw. */
export async function cliSettled(argv: string[], stdin = ''): Promise<{ run: CliRun } | { error: Error }> {
  try {
    return { run: await cli(argv, stdin) };
  } catch (error) {
    return { error: error as Error };
  }
}

export const PASSWORD = 'plain words for a long password';

/** Adds a staff account through the CLI and fails the test if that does not work. */
export async function addUser(email: string, role: string, name = 'Test User'): Promise<void> {
  const run = await cli(['user', 'add', '--email', email, '--name', name, '--role', role], `${PASSWORD}\n`);
  if (run.code !== 0) throw new Error(`user add ${email} failed (${run.code}): ${run.stderr}`);
}

/** Imports a pack through the CLI and fails the test if that does not work. */
export async function importPack(file: string, ...extra: string[]): Promise<string> {
  const run = await cli(['import', file, ...extra]);
  if (run.code !== 0) throw new Error(`import ${file} failed (${run.code}): ${run.stderr}`);
  return run.stdout;
}
