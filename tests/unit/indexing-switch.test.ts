import { INDEXING_SWITCH, indexingSwitchedOff } from '../../src/db/derived-index';

describe('the indexing switch (benchmarks only)', () => {
  const saved = process.env[INDEXING_SWITCH];
  afterEach(() => {
    if (saved === undefined) delete process.env[INDEXING_SWITCH];
    else process.env[INDEXING_SWITCH] = saved;
  });

  test('unset, every index syncs', () => {
    delete process.env[INDEXING_SWITCH];
    expect([indexingSwitchedOff(), indexingSwitchedOff('fingerprints')]).toEqual([false, false]);
  });

  test('`off` turns every index off', () => {
    process.env[INDEXING_SWITCH] = 'off';
    expect([indexingSwitchedOff(), indexingSwitchedOff('fingerprints'), indexingSwitchedOff('related')]).toEqual([true, true, true]);
  });

  test('`off:fingerprints` turns that index off and leaves the others', () => {
    process.env[INDEXING_SWITCH] = 'off:fingerprints';
    expect([indexingSwitchedOff(), indexingSwitchedOff('fingerprints'), indexingSwitchedOff('related'), indexingSwitchedOff('search')]).toEqual([false, true, false, false]);
  });
});
