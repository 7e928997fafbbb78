// The calls the emulator received, in order: what tests read to assert "no duplicate invite", "no stray write";
// and the bytes of the answers, for the bench.
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

/** The bytes of the API's answer bodies since the log was cleared: as sent, and before compression. */
export interface Traffic {
  answers: number;
  /** The bodies' bytes on the wire (compressed when the client asked). */
  sentBytes: number;
  /** The same bodies' bytes uncompressed: what a client that asks for no compression downloads. */
  bodyBytes: number;
}

export class CallLog {
  private entries: CallLogEntry[] = [];
  private nextSeq = 1;
  private counted: Traffic = { answers: 0, sentBytes: 0, bodyBytes: 0 };

  record(entry: Omit<CallLogEntry, 'seq'>): void {
    this.entries.push({ seq: this.nextSeq, ...entry });
    this.nextSeq += 1;
  }

  countAnswer(bodyBytes: number, sentBytes: number): void {
    this.counted.answers += 1;
    this.counted.bodyBytes += bodyBytes;
    this.counted.sentBytes += sentBytes;
  }

  traffic(): Traffic {
    return { ...this.counted };
  }

  list(): CallLogEntry[] {
    return structuredClone(this.entries);
  }

  /** Clears the entries; seq keeps counting so that entries stay distinguishable across clears. */
  clear(): void {
    this.entries = [];
    this.counted = { answers: 0, sentBytes: 0, bodyBytes: 0 };
  }
}
