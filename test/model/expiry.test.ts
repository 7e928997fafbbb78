// `expires`: a date is the end of that day UTC; an RFC 3339 time is that instant; nothing else.
import { describe, expect, it } from 'vitest';
import { daysLeft, hasExpired, parseExpiry } from '../../src/model/expiry.js';

describe('parseExpiry', () => {
  it('reads a date as the end of that day UTC, and an RFC 3339 time as written', () => {
    expect(parseExpiry('2027-01-31')).toEqual({
      at: Date.parse('2027-02-01T00:00:00Z'),
      text: '2027-01-31',
    });
    expect(parseExpiry('2027-01-31T17:30:00+02:00')).toEqual({
      at: Date.parse('2027-01-31T15:30:00Z'),
      text: '2027-01-31T17:30:00+02:00',
    });
    expect(parseExpiry('2027-01-31T17:30:00.5Z')?.at).toBe(Date.parse('2027-01-31T17:30:00.500Z'));
  });

  it('refuses what is not a real date or time', () => {
    expect(
      [
        '2027-02-30',
        '2027-13-01',
        '2027-1-31',
        '31.01.2027',
        '2027-01-31T25:00:00Z',
        '2027-01-31T10:00Z',
        'tomorrow',
      ].map(parseExpiry),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('parseExpiry at its edges', () => {
  it('reads the last second of a day, a space for the T, any fraction, and trims what it is given', () => {
    expect(parseExpiry('2027-01-31T23:59:59Z')?.at).toBe(Date.parse('2027-01-31T23:59:59Z'));
    expect(parseExpiry('2027-01-31 10:00:00Z')?.at).toBe(Date.parse('2027-01-31T10:00:00Z'));
    expect(parseExpiry('2027-01-31T10:00:00.123Z')?.at).toBe(
      Date.parse('2027-01-31T10:00:00.123Z'),
    );
    expect(parseExpiry(' 2027-01-31 ')).toEqual({
      at: Date.parse('2027-02-01T00:00:00Z'),
      text: '2027-01-31',
    });
    expect(parseExpiry('2028-02-29')?.text).toBe('2028-02-29');
  });

  it('refuses 24:00, a day the month does not have in a time, a year Date would move, and text around a date', () => {
    expect(
      [
        // JavaScript's Date reads each of these as some other instant.
        '2027-01-31T24:00:00Z',
        '2027-02-30T10:00:00Z',
        '2027-02-29',
        '0050-01-01',
        '2027-01-31T10:00:00',
        'x2027-01-31',
        // An expanded year, which Date.parse would read.
        '+002027-01-31T17:00:00Z',
      ].map(parseExpiry),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('hasExpired and daysLeft', () => {
  it('a date is still valid during its whole day and gone at the next midnight UTC', () => {
    const expiry = parseExpiry('2027-01-31');

    expect(hasExpired(expiry, Date.parse('2027-01-31T23:59:59.999Z'))).toBe(false);
    expect(hasExpired(expiry, Date.parse('2027-02-01T00:00:00Z'))).toBe(true);
    expect(hasExpired(undefined, Date.parse('2099-01-01T00:00:00Z'))).toBe(false);
    expect(expiry && daysLeft(expiry, Date.parse('2027-01-31T12:00:00Z'))).toBe(0);
    expect(expiry && daysLeft(expiry, Date.parse('2027-01-26T12:00:00Z'))).toBe(5);
  });
});
