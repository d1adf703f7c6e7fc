/** Synchronous key supply for processing: keys come from blocks reserved beforehand (state/pg/key-blocks.ts). */
export interface KeySource {
  next(): string;
}

export class KeysExhaustedError extends Error {
  constructor() {
    super('Expected enough reserved keys for the command, but the block ran out');
    this.name = 'KeysExhaustedError';
  }
}
