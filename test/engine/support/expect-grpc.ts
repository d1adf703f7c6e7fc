import { expect } from 'chai';

/** Awaits a zeebe-node call that must fail with a status prefix such as '5 NOT_FOUND:' and the given fragments. */
export async function expectGrpcError(promise: Promise<unknown>, prefix: string, ...fragments: string[]): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const message = (error as Error).message;
    expect(message.startsWith(prefix), message).to.equal(true);
    for (const f of fragments) expect(message).to.contain(f);
    return message;
  }
  throw new Error(`Expected a rejection starting with '${prefix}', but the call succeeded`);
}
