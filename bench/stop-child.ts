// Stopping a child process of the bench (the emulator, the bare server): SIGTERM, resolved once it exited.
import type { ChildProcess } from 'node:child_process';

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
