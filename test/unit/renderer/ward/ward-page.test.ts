import { describe, expect, it } from 'vitest';
import { bedsOfPage, wardPageFrom, WHOLE_WARD } from '../../../../renderer/ward/ward-page';

describe('ward pages across wall displays', () => {
  it('reads page=k/n and falls back to the whole ward on anything else', () => {
    expect(wardPageFrom('?page=2/2')).toEqual({ index: 2, count: 2 });
    for (const search of ['', '?page=3/2', '?page=0/2', '?page=two', '?page=1/0', '?renderer=naive'])
      expect(wardPageFrom(search)).toEqual(WHOLE_WARD);
  });

  it('splits the beds into consecutive runs, no bed lost or shown twice', () => {
    const beds = Array.from({ length: 100 }, (_, index) => index + 1);
    const first = bedsOfPage(beds, { index: 1, count: 2 });
    const second = bedsOfPage(beds, { index: 2, count: 2 });
    expect([first.length, second.length]).toEqual([50, 50]);
    expect([...first, ...second]).toEqual(beds);
    const thirds = [1, 2, 3].map((index) => bedsOfPage(beds.slice(0, 7), { index, count: 3 }));
    expect(thirds).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(bedsOfPage(beds, WHOLE_WARD)).toEqual(beds);
  });
});
