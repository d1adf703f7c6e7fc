/**
 * Identity numbers of the parties to a case: the 18-digit 公民身份号码 (GB 11643-1999) of a natural person and the
 * 统一社会信用代码 (GB 32100-2015) of an organisation. Pure (no clock, no Node or browser APIs): the API validates a
 * case's parties with these and the console checks the same fields as they are typed.
 *
 * A malformed number is an ordinary input error, so it is returned as a finding with the reason in both languages,
 * not thrown.
 */

export type IdentityProblem = 'length' | 'characters' | 'region' | 'birth-date' | 'check-digit' | 'registration-authority' | 'organisation-type';

export type IdentityCheck =
  | { valid: true }
  | { valid: false; problem: IdentityProblem; text: { 'zh-CN': string; en: string } };

const VALID: IdentityCheck = { valid: true };

function invalid(problem: IdentityProblem, zh: string, en: string): IdentityCheck {
  return { valid: false, problem, text: { 'zh-CN': zh, en } };
}

// ---- 公民身份号码 (GB 11643-1999) ----

/**
 * Province-level codes of GB/T 2260 (the first two digits of the address code), with 71 台湾, 81 香港, 82 澳门 and
 * 83, which the residence permits of Taiwan residents use (GB 11643 numbers issued since 2018).
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** Weights of the 17 body digits: 2^(17−i) mod 11 (ISO 7064 MOD 11-2). */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each remainder 0…10 of the weighted sum mod 11. */
const RESIDENT_ID_CHECK = '10X98765432';

/** The check character (0–9 or X) of the first 17 digits of a resident ID number. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`Expected 17 digits, but got '${first17}'`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK[sum % 11]!;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * Checks an 18-digit 公民身份号码: 6-digit address code (a province code of GB/T 2260 first), birth date YYYYMMDD
 * (a real date from 1800 on, and not after `asOf` when given — a YYYY-MM-DD day, as the caller reads its clock),
 * 3-digit sequence, and the ISO 7064 MOD 11-2 check character (0–9 or X; a lower-case x is accepted).
 * The old 15-digit numbers are not accepted: they were replaced by 2013.
 */
export function checkResidentIdNumber(value: string, options: { asOf?: string } = {}): IdentityCheck {
  const id = value.trim().toUpperCase();
  if (id.length !== 18) return invalid('length', `公民身份号码应为18位，实为${id.length}位`, `Expected an 18-character resident ID number (GB 11643), but it has ${id.length} characters`);
  if (!/^\d{17}[\dX]$/.test(id)) return invalid('characters', '公民身份号码前17位应为数字，末位为数字或X', 'Expected 17 digits followed by a digit or X (GB 11643)');
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return invalid('region', `地址码${id.slice(0, 6)}不是有效的行政区划代码`, `Expected an address code of GB/T 2260, but '${id.slice(0, 6)}' names no province`);
  const birth = id.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (year < 1800 || !isCalendarDate(year, month, day)) return invalid('birth-date', `出生日期码${birth}不是有效日期`, `Expected a birth date YYYYMMDD, but '${birth}' is not a real date`);
  if (options.asOf !== undefined && birthDate > options.asOf) return invalid('birth-date', `出生日期${birthDate}晚于今日`, `Expected a birth date on or before ${options.asOf}, but it is ${birthDate}`);
  const expected = residentIdCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) return invalid('check-digit', `校验码应为${expected}，实为${id[17]}`, `Expected the check digit ${expected} (ISO 7064 MOD 11-2), but it is ${id[17]}`);
  return VALID;
}

// ---- 统一社会信用代码 (GB 32100-2015) ----

/** The 31 characters of the code: digits and capital letters without I, O, Z, S, V. Index = value. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^(i−1) mod 31. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * 登记管理部门码 (position 1) → the 机构类别码 (position 2) it may be followed by (GB 32100-2015 Table 1, with the
 * later code N for 农业农村 (rural collective economic organisations) (U: amendment, not in the 2015 text)).
 */
const ORGANISATION_TYPES: Readonly<Record<string, { authority: string; types: string }>> = {
  '1': { authority: '机构编制', types: '1239' },
  '2': { authority: '外交', types: '19' },
  '3': { authority: '司法行政', types: '123459' },
  '4': { authority: '文化', types: '19' },
  '5': { authority: '民政', types: '1239' },
  '6': { authority: '旅游', types: '129' },
  '7': { authority: '宗教', types: '129' },
  '8': { authority: '工会', types: '19' },
  '9': { authority: '工商（市场监管）', types: '123' },
  A: { authority: '中央军委改革和编制办公室', types: '19' },
  N: { authority: '农业农村', types: '1239' },
  Y: { authority: '其他', types: '1' },
};

/** The check character (position 18, GB 32100 MOD 31) of the first 17 characters of a credit code. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`Expected 17 characters, but got '${first17}'`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`Expected characters of the credit code alphabet, but '${first17[i]}' is not one`);
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks an 18-character 统一社会信用代码: the 31-character alphabet (no I, O, Z, S, V), 登记管理部门码 and 机构类别码
 * of GB 32100 Table 1, a 6-digit administrative division code (positions 3–8), the 主体标识码 (positions 9–17) and
 * the MOD 31 check character. Lower-case letters are accepted. The check digit of the embedded organisation code
 * (GB 11714) is not checked: the MOD 31 character already covers the whole code.
 */
export function checkCreditCode(value: string): IdentityCheck {
  const code = value.trim().toUpperCase();
  if (code.length !== 18) return invalid('length', `统一社会信用代码应为18位，实为${code.length}位`, `Expected an 18-character unified social credit code (GB 32100), but it has ${code.length} characters`);
  const bad = [...code].find((c) => !CREDIT_CODE_ALPHABET.includes(c));
  if (bad !== undefined) return invalid('characters', `统一社会信用代码不得含有字符“${bad}”（不使用I、O、Z、S、V）`, `Expected digits and capital letters other than I, O, Z, S, V (GB 32100), but it contains '${bad}'`);
  const authority = ORGANISATION_TYPES[code[0]!];
  if (!authority) return invalid('registration-authority', `登记管理部门码“${code[0]}”无效`, `Expected a registration-authority code (1–9, A, N, Y), but it is '${code[0]}'`);
  if (!authority.types.includes(code[1]!)) {
    return invalid('organisation-type', `登记管理部门“${authority.authority}”下无机构类别码“${code[1]}”`, `Expected an organisation-type code of authority '${code[0]}' (${[...authority.types].join(', ')}), but it is '${code[1]}'`);
  }
  // 100000: registered by a national authority
  if (!/^\d{6}$/.test(code.slice(2, 8)) || !(PROVINCE_CODES.has(code.slice(2, 4)) || code.slice(2, 8) === '100000')) {
    return invalid('region', `登记管理机关行政区划码${code.slice(2, 8)}无效`, `Expected a 6-digit administrative division code (GB/T 2260) in positions 3–8, but it is '${code.slice(2, 8)}'`);
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return invalid('check-digit', `校验码应为${expected}，实为${code[17]}`, `Expected the check character ${expected} (GB 32100 MOD 31), but it is ${code[17]}`);
  return VALID;
}
