import { describe, expect, it } from 'vitest';
import { createListenerSet } from '../../../common/events/listener-set';

describe('listener set', () => {
  it('calls listeners in order, stops calling a removed one, and forgets all on clear', () => {
    const set = createListenerSet<number>();
    const heard: string[] = [];
    const removeA = set.add((value) => heard.push(`a${value}`));
    set.add((value) => heard.push(`b${value}`));
    set.emit(1);
    removeA();
    set.emit(2);
    set.clear();
    set.emit(3);
    expect(heard).toEqual(['a1', 'b1', 'b2']);
  });
});
