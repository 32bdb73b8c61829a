import { describe, expect, it } from 'vitest';
import { leaderAnswer } from '../../../gateway/fanout/fanout-protocol';

describe('the leader’s answer among the bus members’ answers', () => {
  it('is the one answer that is not null: the nodes answer null', () => {
    expect(leaderAnswer([null, 'TOKEN_INVALID', null])).toBe('TOKEN_INVALID');
    expect(leaderAnswer([{ ok: true }])).toEqual({ ok: true });
  });

  it('is none when nobody answered, or when the answers are not a list', () => {
    expect(leaderAnswer([])).toBeNull();
    expect(leaderAnswer([null, undefined])).toBeNull();
    expect(leaderAnswer('TOKEN_INVALID')).toBeNull();
  });

  it('is none when two members answered — a forger or a second leader is not chosen by arrival order', () => {
    const forged = { principal: { kind: 'user', username: 'admin' }, expiresAtMs: 1 };
    expect(leaderAnswer(['TOKEN_INVALID', forged])).toBeNull();
    expect(leaderAnswer([forged, 'TOKEN_INVALID'])).toBeNull();
  });
});
