// A member's application or dashboard roles: the profile's entries merged with the member's own.
import { describe, expect, it } from 'vitest';
import { grantsOf, mergeGrants } from '../../src/config/merge-grants.js';

describe('grantsOf', () => {
  it('reads each entry with a string id, lower-casing it, and skips the rest', () => {
    expect(
      grantsOf([
        { id: 'AbC', role: 'view' },
        { id: 7, role: 'view' },
        'x',
        null,
        { role: 'view' },
        { id: 'd', role: ['odd'] },
      ]),
    ).toEqual([
      { id: 'abc', role: 'view' },
      { id: 'd', role: ['odd'] },
    ]);
  });

  it('reads nothing from a value that is not a list', () => {
    expect(grantsOf(undefined)).toEqual([]);
    expect(grantsOf({ id: 'a', role: 'view' })).toEqual([]);
  });
});

describe('mergeGrants', () => {
  it('keeps the profile’s order, replaces its entry for an id the member names, and adds the member’s others after it', () => {
    const profile = [
      { id: 'a', role: 'view' },
      { id: 'b', role: 'view' },
      { id: 'c', role: 'view' },
    ];
    const member = [
      { id: 'D', role: 'collaborate' },
      { id: 'B', role: 'none' },
    ];
    expect(mergeGrants(profile, member)).toEqual([
      { id: 'a', role: 'view' },
      { id: 'b', role: 'none' },
      { id: 'c', role: 'view' },
      { id: 'd', role: 'collaborate' },
    ]);
  });

  it('is the member’s entries when there is no profile, and the profile’s when the member has none', () => {
    expect(mergeGrants(undefined, [{ id: 'a', role: 'view' }])).toEqual([
      { id: 'a', role: 'view' },
    ]);
    expect(mergeGrants([{ id: 'a', role: 'view' }], undefined)).toEqual([
      { id: 'a', role: 'view' },
    ]);
  });
});
