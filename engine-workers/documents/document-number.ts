/**
 * A 文号 as Chinese administrative documents write it: the issuing body's short name, the kind's abbreviation, the
 * year in 六角括号 〔〕 and the sequence number with 号, e.g. 明城管罚决〔2026〕12号. The sequence is not zero-padded
 * (GB/T 9704-2012 7.2.3: 顺序号不编虚位，不加"第"字).
 */
export function formatDocumentNumber(parts: { prefix: string; abbreviation: string; year: number; sequence: number }): string {
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) throw new RangeError(`Expected a sequence number of 1 or more, but got ${parts.sequence}`);
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) throw new RangeError(`Expected a four-digit year, but got ${parts.year}`);
  return `${parts.prefix}${parts.abbreviation}〔${parts.year}〕${parts.sequence}号`;
}
