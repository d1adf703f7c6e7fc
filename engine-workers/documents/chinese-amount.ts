const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '兆'];

/**
 * An amount in yuan in capital numerals (大写金额) as financial documents write it: 5000 → 伍仟元整, 1203.5 →
 * 壹仟贰佰零叁元伍角整, 1200.05 → 壹仟贰佰元零伍分. Amounts are rounded to the fen (分).
 */
export function chineseCapitalAmount(yuan: number): string {
  if (!Number.isFinite(yuan) || yuan < 0) throw new RangeError(`Expected a non-negative amount of yuan, but got ${yuan}`);
  const fen = Math.round(yuan * 100);
  if (fen >= 1e16) throw new RangeError(`Expected an amount below 10^14 yuan, but got ${yuan}`);
  const integer = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let text = integer > 0 ? `${integerText(integer)}元` : '';
  if (jiao === 0 && fenDigit === 0) return integer > 0 ? `${text}整` : '零元整';
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (integer > 0) text += '零';
  if (fenDigit > 0) text += `${DIGITS[fenDigit]}分`;
  else text += '整';
  return text;
}

function integerText(value: number): string {
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let text = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const group = groups[g] as number;
    if (group === 0) {
      zeroPending = text !== '';
      continue;
    }
    if (zeroPending || (text !== '' && group < 1000)) text += '零';
    zeroPending = false;
    text += `${groupText(group)}${BIG_UNITS[g]}`;
  }
  return text;
}

function groupText(group: number): string {
  let text = '';
  let zero = false;
  for (let position = 3; position >= 0; position -= 1) {
    const digit = Math.floor(group / 10 ** position) % 10;
    if (digit === 0) {
      zero = text !== '';
      continue;
    }
    if (zero) text += '零';
    zero = false;
    text += `${DIGITS[digit]}${SMALL_UNITS[position]}`;
  }
  return text;
}

/** 人民币5,000.00元（大写：伍仟元整）. */
export function formatYuan(yuan: number): string {
  const figures = (Math.round(yuan * 100) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `人民币${figures}元（大写：${chineseCapitalAmount(yuan)}）`;
}
