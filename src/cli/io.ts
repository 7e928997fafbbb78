// What a command may touch of the process, passed in so that commands stay testable.

export interface CliIo {
  /** Where `apply` reads its confirmation; process.stdin when absent. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A command takes its own arguments and returns the exit code. */
export type Command = (args: string[], io: CliIo) => Promise<number>;
