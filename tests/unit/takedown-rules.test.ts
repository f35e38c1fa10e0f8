import { stampNewTakedown, stampTakedownUpdate, type Actor } from '../../src/core/takedown-rules';

const NOW = new Date('2024-06-01T02:00:00.000Z');
const LATER = new Date('2024-06-08T09:30:00.000Z');
const TOKEN: Actor = { kind: 'api-token', name: 'rights-desk' };
const EDITOR: Actor = { kind: 'admin', name: 'Ada Lovelace <editor@kuaizhao.test>' };

describe('stampNewTakedown', () => {
  test('enforces a new notice at once, received now, and records who did it', () => {
    expect(stampNewTakedown({ scope: 'story', requester: '南方日报社' }, TOKEN, NOW)).toEqual({
      scope: 'story',
      requester: '南方日报社',
      state: 'enforced',
      receivedAt: '2024-06-01T02:00:00.000Z',
      enforcedAt: '2024-06-01T02:00:00.000Z',
      history: [{ state: 'enforced', at: '2024-06-01T02:00:00.000Z', actor: 'api-token', by: 'rights-desk' }],
    });
  });

  test('keeps the state it is created with and the time the notice was received', () => {
    const data = stampNewTakedown({ state: 'rejected', receivedAt: '2024-05-30T00:00:00.000Z' }, EDITOR, NOW);
    expect(data).toEqual({
      state: 'rejected',
      receivedAt: '2024-05-30T00:00:00.000Z',
      history: [{ state: 'rejected', at: '2024-06-01T02:00:00.000Z', actor: 'admin', by: 'Ada Lovelace <editor@kuaizhao.test>' }],
    });
  });

  test('ignores stamped fields sent by the caller: the archive writes the times and the history', () => {
    const data = stampNewTakedown({ enforcedAt: '2000-01-01T00:00:00.000Z', restoredAt: '2000-01-01T00:00:00.000Z', history: [{ state: 'restored' }] }, TOKEN, NOW);
    expect(data.enforcedAt).toBe('2024-06-01T02:00:00.000Z');
    expect(data).not.toHaveProperty('restoredAt');
    expect(data.history).toEqual([{ state: 'enforced', at: '2024-06-01T02:00:00.000Z', actor: 'api-token', by: 'rights-desk' }]);
  });
});

describe('stampTakedownUpdate', () => {
  const previous = { state: 'enforced' as const, history: [{ state: 'enforced' as const, at: '2024-06-01T02:00:00.000Z', actor: 'api-token' as const, by: 'rights-desk' }] };

  test('a restore stamps restoredAt and appends to the history', () => {
    expect(stampTakedownUpdate({ state: 'restored' }, previous, EDITOR, LATER)).toEqual({
      state: 'restored',
      restoredAt: '2024-06-08T09:30:00.000Z',
      history: [...previous.history, { state: 'restored', at: '2024-06-08T09:30:00.000Z', actor: 'admin', by: 'Ada Lovelace <editor@kuaizhao.test>' }],
    });
  });

  test('an edit without a change of state leaves state, times and history alone', () => {
    expect(stampTakedownUpdate({ state: 'enforced', reason: '补充说明', history: [], enforcedAt: null }, previous, EDITOR, LATER)).toEqual({ reason: '补充说明' });
  });
});
