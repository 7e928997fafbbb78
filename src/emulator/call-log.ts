// The calls the emulator received, in order: what tests read to assert "no duplicate invite", "no stray write".
import type { ApiAction } from '../losant/actions.js';

export interface CallLogEntry {
  seq: number;
  /** null when no action matched (unknown route or method). */
  action: ApiAction | null;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body; the raw text when it was not JSON; null when there was none. */
  body: unknown;
  /** The status the client saw; null when the connection was reset. */
  status: number | null;
  /** The injected faults that hit the call, in the --faults notation, joined with '+'. */
  fault?: string;
}

export class CallLog {
  private entries: CallLogEntry[] = [];
  private nextSeq = 1;

  record(entry: Omit<CallLogEntry, 'seq'>): void {
    this.entries.push({ seq: this.nextSeq, ...entry });
    this.nextSeq += 1;
  }

  list(): CallLogEntry[] {
    return structuredClone(this.entries);
  }

  /** Clears the entries; seq keeps counting so that entries stay distinguishable across clears. */
  clear(): void {
    this.entries = [];
  }
}
