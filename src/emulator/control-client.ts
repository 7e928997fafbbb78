// EmulatorControl: a typed client of the control surface (/_emulator/), over global fetch.
import type { CallLogEntry, Traffic } from './call-log.js';
import type { EmulatorSeed, SeedToken } from './emulator-seed.js';
import type { AcceptedInvite } from './emulator-state.js';
import type { Fault } from './faults.js';
import { EmulatorControlError } from './emulator-errors.js';

export class EmulatorControl {
  constructor(private readonly baseUrl: string) {}

  state(): Promise<EmulatorSeed> {
    return this.call('GET', 'state');
  }

  /** Replaces the whole state; returns it with defaults filled in. */
  setState(seed: EmulatorSeed): Promise<EmulatorSeed> {
    return this.call('PUT', 'state', seed);
  }

  /** The invitee becomes a member (a new user when the email is new); the invite is gone. */
  acceptInvite(inviteId: string): Promise<AcceptedInvite> {
    return this.call('POST', `invites/${encodeURIComponent(inviteId)}/accept`);
  }

  /** Expires the given invites, or every invite; returns the ids expired. */
  async expireInvites(inviteIds?: string[]): Promise<string[]> {
    const body = inviteIds === undefined ? {} : { inviteIds };
    const result = await this.call<{ expired: string[] }>('POST', 'invites/expire', body);
    return result.expired;
  }

  async now(): Promise<number> {
    return (await this.call<{ now: number }>('GET', 'clock')).now;
  }

  /** Freezes the emulator clock at `ms` since epoch. */
  async setClock(ms: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', 'clock', { now: ms })).now;
  }

  async advanceClock(ms: number): Promise<number> {
    return (await this.call<{ now: number }>('POST', 'clock', { advanceMs: ms })).now;
  }

  log(): Promise<CallLogEntry[]> {
    return this.call('GET', 'log');
  }

  /** The bytes of the API's answers since the log was last cleared. */
  traffic(): Promise<Traffic> {
    return this.call('GET', 'traffic');
  }

  /** Clears the call log and its traffic. */
  async clearLog(): Promise<void> {
    await this.call('DELETE', 'log');
  }

  faults(): Promise<Fault[]> {
    return this.call('GET', 'faults');
  }

  /** Appends faults; returns every fault still armed. */
  addFaults(faults: Fault[]): Promise<Fault[]> {
    return this.call('POST', 'faults', faults);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  async addToken(token: SeedToken): Promise<void> {
    await this.call('POST', 'tokens', token);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_emulator/${path}`, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new EmulatorControlError(
        `${method} /_emulator/${path} answered ${response.status}: ${text}`,
      );
    }
    return JSON.parse(text) as T;
  }
}
