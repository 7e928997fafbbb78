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

/**
 * A reader that goes away (`losant-org plan | head -1`) is not an error of ours: what is left to
 * print is dropped, and the command runs on to its end (an apply is never cut short because its
 * reader left). Any other write error is still thrown.
 */
export function dropOutputOnClosedReader(stream: NodeJS.WritableStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
