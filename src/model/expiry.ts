// `expires:` on a member or a profile: a date (the end of that day, UTC) or an RFC 3339 time.
export const DAY_MS = 24 * 60 * 60 * 1000;

/** When access ends, and how the file wrote it. */
export interface Expiry {
  /** From this instant (ms since the epoch) the access is gone. */
  at: number;
  /** As written, e.g. `2027-01-31` or `2027-01-31T17:00:00Z`; the plan says "access expired on <text>". */
  text: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The expiry `text` stands for, or undefined when it is neither a real date nor an RFC 3339 time. */
export function parseExpiry(text: string): Expiry | undefined {
  const trimmed = text.trim();
  const date = DATE.exec(trimmed);
  if (date !== null) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!validDay(year, month, day)) return undefined;
    return { at: Date.UTC(year, month - 1, day) + DAY_MS, text: trimmed };
  }
  const time = TIME.exec(trimmed);
  if (time === null) return undefined;
  const [year, month, day] = [Number(time[1]), Number(time[2]), Number(time[3])];
  const [hour, minute, second] = [Number(time[4]), Number(time[5]), Number(time[6])];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 60) return undefined;
  const at = Date.parse(trimmed.replace(' ', 'T'));
  return Number.isNaN(at) ? undefined : { at, text: trimmed };
}

export function hasExpired(expiry: Expiry | undefined, now: number): boolean {
  return expiry !== undefined && now >= expiry.at;
}

/** Whole days left before the access ends (0 on its last day). */
export function daysLeft(expiry: Expiry, now: number): number {
  return Math.max(0, Math.floor((expiry.at - now) / DAY_MS));
}
