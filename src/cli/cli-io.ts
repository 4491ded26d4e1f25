// What every command is given to talk to the person running it, and the error that means
// "the command was used wrongly" (exit 2, with the usage).
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  stdin: () => Promise<string>;
}

export class UsageError extends Error {}
