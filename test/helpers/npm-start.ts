// Runs `npm start` as a deployer would, in a child process, with its output kept, and finds free
// ports and whether something listens on one.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { REPO_ROOT } from './paths';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Whether something still accepts connections on the port. */
export async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A session secret for the started servers: `npm start` needs one on PostgreSQL (several instances share it). */
const SESSION_SECRET = 'npm-start-test-session-secret-0123456789';

export function npmStart(env: Record<string, string>): Started {
  const npm = spawn('npm', ['start'], { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', SESSION_SECRET, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  npm.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  npm.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  return { npm, output: () => text, exited };
}

export async function untilRunning(started: Started): Promise<void> {
  while (!/is running at/.test(started.output())) {
    if (started.npm.exitCode !== null) throw new Error(`npm start exited: ${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
