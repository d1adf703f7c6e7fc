import { expect } from 'chai';
import { formatDocumentNumber } from '../../../../engine-workers/documents/document-number.js';

describe('engine-workers: 文号', () => {
  it('writes short name, kind, year in 六角括号 and the sequence without padding', () => {
    expect(formatDocumentNumber({ prefix: '明城管', abbreviation: '罚决', year: 2026, sequence: 12 })).to.equal('明城管罚决〔2026〕12号');
    expect(formatDocumentNumber({ prefix: '明城管', abbreviation: '罚决', year: 2026, sequence: 1 })).to.equal('明城管罚决〔2026〕1号');
  });


  it('refuses a sequence below 1', () => {
    expect(() => formatDocumentNumber({ prefix: '明城管', abbreviation: '罚决', year: 2026, sequence: 0 })).to.throw(RangeError);
  });
});
