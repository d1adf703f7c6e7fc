/**
 * Keys for processing come from blocks of 1 000 reserved with one nextval (the sequence increments by 1 000), so
 * processing stays synchronous and several engine nodes never hand out the same key.
 */
import type { Db } from '../../../db/connect.js';
import { KeysExhaustedError, type KeySource } from '../../runtime/key-source.js';

const BLOCK = 1000n;

export class KeyBlocks implements KeySource {
  private ranges: Array<{ next: bigint; end: bigint }> = [];

  constructor(private readonly db: Db) {}

  get available(): number {
    return this.ranges.reduce((sum, r) => sum + Number(r.end - r.next), 0);
  }

  /** Makes sure at least `count` keys are reserved. */
  async reserve(count: number): Promise<void> {
    while (this.available < count) {
      const result = await this.db.raw("select nextval('engine.key_blocks')::text as first");
      const first = BigInt((result.rows[0] as { first: string }).first);
      this.ranges.push({ next: first, end: first + BLOCK });
    }
  }

  next(): string {
    const range = this.ranges[0];
    if (!range) throw new KeysExhaustedError();
    const key = range.next;
    range.next += 1n;
    if (range.next >= range.end) this.ranges.shift();
    return key.toString();
  }
}
