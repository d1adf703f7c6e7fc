import { expect } from 'chai';
import { canTransition, LIFECYCLE } from '../../engine/runtime/lifecycle.js';
import type { ElementState } from '../../engine/state/types.js';

describe('element lifecycle table', () => {
  const allowed: Array<[ElementState | 'NONE', ElementState]> = [
    ['NONE', 'ACTIVATING'],
    ['ACTIVATING', 'ACTIVATED'],
    ['ACTIVATING', 'TERMINATING'],
    ['ACTIVATED', 'COMPLETING'],
    ['ACTIVATED', 'TERMINATING'],
    ['COMPLETING', 'COMPLETED'],
    ['COMPLETING', 'TERMINATING'],
    ['TERMINATING', 'TERMINATED'],
  ];
  const states: Array<ElementState | 'NONE'> = ['NONE', 'ACTIVATING', 'ACTIVATED', 'COMPLETING', 'COMPLETED', 'TERMINATING', 'TERMINATED'];

  for (const from of states) {
    for (const to of states.filter((s): s is ElementState => s !== 'NONE')) {
      const expected = allowed.some(([f, t]) => f === from && t === to);
      it(`${expected ? 'allows' : 'forbids'} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).to.equal(expected);
      });
    }
  }

  it('has no way out of COMPLETED and TERMINATED', () => {
    expect(LIFECYCLE.COMPLETED).to.deep.equal([]);
    expect(LIFECYCLE.TERMINATED).to.deep.equal([]);
  });
});
