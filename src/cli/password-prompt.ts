// Reading a password for `user add`. From a terminal: a "Password: " prompt, the characters not
// shown as they are typed, Enter ends it (no Ctrl-D needed), Backspace takes one back and Ctrl-C
// stops without adding anyone. From a pipe or a file: the whole input, its last line break dropped
// by the command.

/** Thrown when the person stops at the prompt with Ctrl-C (or Ctrl-D before typing anything). */
export class PromptCancelled extends Error {
  constructor() {
    super('Stopped at the password prompt: no account was added.');
  }
}

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/** The password typed at the terminal on `input`, with nothing echoed; the prompt goes to `output`. */
export function promptHidden(input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (outcome: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (ENTER.has(char)) return finish(() => resolve(typed));
        if (char === CTRL_C || (char === CTRL_D && typed === '')) return finish(() => reject(new PromptCancelled()));
        if (char === CTRL_D) return finish(() => resolve(typed));
        if (BACKSPACE.has(char)) typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    // Raw before the prompt: a key typed as soon as the prompt shows is neither echoed nor a signal.
    input.setRawMode(true);
    output.write('Password: ');
    input.on('data', onData);
    input.resume();
  });
}

/** Everything on `input` (a pipe or a file). */
export async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The password for `user add`: hidden at a terminal, otherwise read whole from standard input. */
export function readPassword(): Promise<string> {
  return process.stdin.isTTY ? promptHidden(process.stdin, process.stderr) : readAll(process.stdin);
}
