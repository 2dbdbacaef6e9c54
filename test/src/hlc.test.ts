import { expect } from '@open-wc/testing';
import { compareHlc, decodeHlc, encodeHlc, hlcZero, isHlc, receiveHlc, tickHlc } from '../../src/hlc.js';
import { isUuid, uuidv7 } from '../../src/ids.js';

describe('hlc', () => {
  it('encodes to a string that sorts in clock order', () => {
    const a = encodeHlc({ wall: 5, counter: 9, node: 'a' });
    const b = encodeHlc({ wall: 6, counter: 0, node: 'a' });
    expect(compareHlc(a, b)).to.equal(-1);
    expect(compareHlc(b, a)).to.equal(1);
    expect(compareHlc(a, a)).to.equal(0);
    expect(decodeHlc(a)).to.deep.equal({ wall: 5, counter: 9, node: 'a' });
    expect(isHlc(a)).to.equal(true);
    expect(isHlc('nope')).to.equal(false);
    expect(() => decodeHlc('nope')).to.throw(TypeError);
  });

  it('never runs behind a clock it has seen, even when the wall clock does', () => {
    let clock = hlcZero('a');
    clock = tickHlc(clock, 1000);
    expect(clock).to.deep.equal({ wall: 1000, counter: 0, node: 'a' });
    clock = tickHlc(clock, 900); // wall clock went back
    expect(clock).to.deep.equal({ wall: 1000, counter: 1, node: 'a' });
    const remote = { wall: 5000, counter: 3, node: 'b' };
    clock = receiveHlc(clock, remote, 1100);
    expect(clock).to.deep.equal({ wall: 5000, counter: 4, node: 'a' });
    expect(receiveHlc({ wall: 5000, counter: 7, node: 'a' }, { wall: 5000, counter: 2, node: 'b' }, 10)).to.deep.equal(
      { wall: 5000, counter: 8, node: 'a' },
    );
    expect(receiveHlc({ wall: 6000, counter: 7, node: 'a' }, remote, 10).counter).to.equal(8);
    expect(receiveHlc(clock, remote, 9000)).to.deep.equal({ wall: 9000, counter: 0, node: 'a' });
  });
});

describe('uuidv7', () => {
  it('makes valid, time-ordered, unique ids', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.every(isUuid)).to.equal(true);
    expect([...ids].sort()).to.deep.equal(ids);
    expect(ids[0]![14]).to.equal('7');
    expect(isUuid('x')).to.equal(false);
    expect(uuidv7() > ids[0]!).to.equal(true);
  });
});
