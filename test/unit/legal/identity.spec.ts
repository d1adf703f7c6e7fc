import { expect } from 'chai';
import { checkCreditCode, checkResidentIdNumber, creditCodeCheckCharacter, residentIdCheckDigit } from '../../../legal/identity.js';

// Check characters computed here from the standards' definitions, independently of legal/identity.ts.

/** GB 11643 / ISO 7064 MOD 11-2: weights 2^(17−i) mod 11, remainder → 1 0 X 9 8 7 6 5 4 3 2. */
function withResidentCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return first17 + '10X98765432'[sum % 11];
}

/** GB 32100: weights 3^(i−1) mod 31 over the 31-character alphabet, check = 31 − sum mod 31 (31 → 0). */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function withCreditCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i]!) * (3 ** i % 31);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

/** A wrong check character: the next one in the alphabet. */
function wrongLast(code: string, alphabet: string): string {
  const last = code[17]!;
  return code.slice(0, 17) + alphabet[(alphabet.indexOf(last) + 1) % alphabet.length];
}


describe('legal identity numbers: 公民身份号码 (GB 11643) and 统一社会信用代码 (GB 32100)', () => {

  describe('resident ID numbers', () => {
    const valid: Array<[string, string]> = [
      ['the example of GB 11643-1999 (check digit X)', '11010519491231002X'],
      ['the other example of the standard (born 1880)', '440524188001010014'],
      ['三明市三元区, born on 29 February of a leap year', withResidentCheck('35040420000229301')],
      ['沙县区, born on 31 December', withResidentCheck('35040519851231452')],
      ['a Taiwan resident’s residence permit (83)', withResidentCheck('83000019900101001')],
      ['Hong Kong (81)', withResidentCheck('81000019771111002')],
    ];
    for (const [what, id] of valid) {
      it(`accepts ${what}: ${id}`, () => {
        expect(checkResidentIdNumber(id, { asOf: '2026-11-26' })).to.deep.equal({ valid: true });
      });
    }


    it('computes the check digit of every remainder, X included', () => {
      const digits = new Set<string>();
      for (let n = 0; n < 200; n += 1) {
        const first17 = `350404199001${String(10 + (n % 18)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
        const id = withResidentCheck(first17);
        expect(residentIdCheckDigit(first17)).to.equal(id[17]);
        expect(checkResidentIdNumber(id).valid, id).to.equal(true);
        digits.add(id[17]!);
      }
      expect([...digits].sort()).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
    });


    it('accepts a lower-case x and surrounding spaces', () => {
      expect(checkResidentIdNumber(' 11010519491231002x ').valid).to.equal(true);
    });


    const invalid: Array<[string, string, string, RegExp]> = [
      ['too short', '11010519491231002', 'length', /18-character .* 17 characters/],
      ['the old 15-digit form', '110105491231002', 'length', /15 characters/],
      ['a letter inside', '1101051949123100AX', 'characters', /17 digits followed by a digit or X/],
      ['X not at the end', '11010519491231X020', 'characters', /17 digits/],
      ['no such province (00)', withResidentCheck('00010519491231002'), 'region', /'000105' names no province/],
      ['no such province (99)', withResidentCheck('99010519491231002'), 'region', /names no province/],
      ['30 February', withResidentCheck('35040419900230001'), 'birth-date', /'19900230' is not a real date/],
      ['29 February of a common year', withResidentCheck('35040419000229001'), 'birth-date', /not a real date/],
      ['month 13', withResidentCheck('35040419901301001'), 'birth-date', /not a real date/],
      ['born before 1800', withResidentCheck('35040417991231001'), 'birth-date', /not a real date/],
      ['a wrong check digit', wrongLast('11010519491231002X', '0123456789X'), 'check-digit', /Expected the check digit X \(ISO 7064 MOD 11-2\), but it is 0/],
    ];
    for (const [what, id, problem, message] of invalid) {
      it(`refuses ${what} (${problem})`, () => {
        const result = checkResidentIdNumber(id);
        expect(result.valid).to.equal(false);
        if (result.valid) return;
        expect(result.problem).to.equal(problem);
        expect(result.text.en).to.match(message);
        expect(result.text['zh-CN']).to.match(/[\u4e00-\u9fff]/);
      });
    }


    it('refuses a birth date after the given day, and only then', () => {
      const id = withResidentCheck('35040420261201001');
      expect(checkResidentIdNumber(id).valid).to.equal(true);
      const result = checkResidentIdNumber(id, { asOf: '2026-11-26' });
      expect(result).to.deep.include({ valid: false, problem: 'birth-date' });
      expect(checkResidentIdNumber(id, { asOf: '2026-12-01' }).valid).to.equal(true);
    });
  });

  describe('unified social credit codes', () => {
    const valid: Array<[string, string]> = [
      ['the example of GB 32100-2015', '91350100M000100Y43'],
      ['an enterprise of 三元区 (9 1)', withCreditCheck('91350404MA8RK7Q30')],
      ['an individual business (9 2)', withCreditCheck('92350400MA3X00001')],
      ['a farmers’ cooperative (9 3)', withCreditCheck('93350427MA2Y4C5B6')],
      ['a public institution (1 2)', withCreditCheck('12350400488999001')],
      ['a social organisation (5 1)', withCreditCheck('51350400MJ0000000')],
      ['a law firm (3 1)', withCreditCheck('31350000MD0123456')],
      ['a national authority (region 100000)', withCreditCheck('11100000000013127')],
    ];
    for (const [what, code] of valid) {
      it(`accepts ${what}: ${code}`, () => {
        expect(checkCreditCode(code)).to.deep.equal({ valid: true });
      });
    }


    it('computes the check character over the whole alphabet, 0 included', () => {
      const seen = new Set<string>();
      for (let n = 0; n < 400; n += 1) {
        const body = `91350404MA${ALPHABET[n % 31]}${ALPHABET[(n * 7) % 31]}${String(n).padStart(5, '0')}`;
        const code = withCreditCheck(body);
        expect(creditCodeCheckCharacter(body)).to.equal(code[17]);
        expect(checkCreditCode(code).valid, code).to.equal(true);
        seen.add(code[17]!);
      }
      expect(seen.size).to.equal(31);
    });


    it('accepts lower case', () => {
      expect(checkCreditCode('91350100m000100y43').valid).to.equal(true);
    });


    const invalid: Array<[string, string, string, RegExp]> = [
      ['17 characters', '91350100M000100Y4', 'length', /has 17 characters/],
      ['the letter I', '91350100I000100Y43', 'characters', /contains 'I'/],
      ['the letter O', '9135010O0000100Y43', 'characters', /contains 'O'/],
      ['the letter S', '91350403MA8TEST01X', 'characters', /contains 'S'/],
      ['a punctuation mark', '91350100M000100Y-3', 'characters', /contains '-'/],
      ['no such registration authority (B)', withCreditCheck('B1350100M000100Y4'), 'registration-authority', /registration-authority code .* but it is 'B'/],
      ['an organisation type the authority does not have (9 4)', withCreditCheck('94350100M000100Y4'), 'organisation-type', /authority '9' \(1, 2, 3\), but it is '4'/],
      ['an organisation type the authority does not have (5 5)', withCreditCheck('55350100M000100Y4'), 'organisation-type', /but it is '5'/],
      ['letters in the division code', withCreditCheck('9135A100M000100Y4'), 'region', /administrative division code/],
      ['no such province', withCreditCheck('91990100M000100Y4'), 'region', /'990100'/],
      ['a wrong check character', wrongLast('91350100M000100Y43', ALPHABET), 'check-digit', /Expected the check character 3 \(GB 32100 MOD 31\), but it is 4/],
    ];
    for (const [what, code, problem, message] of invalid) {
      it(`refuses ${what} (${problem})`, () => {
        const result = checkCreditCode(code);
        expect(result.valid).to.equal(false);
        if (result.valid) return;
        expect(result.problem).to.equal(problem);
        expect(result.text.en).to.match(message);
        expect(result.text['zh-CN']).to.match(/[\u4e00-\u9fff]/);
      });
    }
  });
});
