import { expect } from 'chai';
import { chineseCapitalAmount, formatYuan } from '../../../../engine-workers/documents/chinese-amount.js';

describe('engine-workers: chinese capital amounts (大写金额)', () => {
  const cases: Array<[number, string]> = [
    [0, '零元整'],
    [0.05, '伍分'],
    [0.5, '伍角整'],
    [15, '壹拾伍元整'],
    [200, '贰佰元整'],
    [1203.5, '壹仟贰佰零叁元伍角整'],
    [1200.05, '壹仟贰佰元零伍分'],
    [3000, '叁仟元整'],
    [5000, '伍仟元整'],
    [10500, '壹万零伍佰元整'],
    [100005, '壹拾万零伍元整'],
    [1_000_000_005, '壹拾亿零伍元整'],
    [20_000_000, '贰仟万元整'],
    [123_456.78, '壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
  ];
  for (const [yuan, text] of cases) {
    it(`writes ${yuan} yuan as ${text}`, () => {
      expect(chineseCapitalAmount(yuan)).to.equal(text);
    });
  }


  it('writes figures and capitals together for a fine', () => {
    expect(formatYuan(5000)).to.equal('人民币5,000.00元（大写：伍仟元整）');
  });


  it('refuses a negative amount', () => {
    expect(() => chineseCapitalAmount(-1)).to.throw(RangeError, 'non-negative');
  });
});
