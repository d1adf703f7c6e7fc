import { expect } from 'chai';
import type { AddressInfo, Server } from 'node:net';
import { pino } from 'pino';
import { createManagementServer } from '../../../engine/management/management-server.js';
import { createControlledClock, type Clock } from '../../../engine/clock.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('engine management port', () => {
  const log = pino({ level: 'silent' });
  const base: Clock = { now: () => 1_000_000 };


  it('pins, moves, reads and resets a controlled clock, telling the scheduler each time', async () => {
    // given
    const clock = createControlledClock(base);
    let moves = 0;
    const server = createManagementServer({ clock, controlledClock: clock, onClockMoved: () => (moves += 1), log });
    const url = await listen(server);
    try {
      // when
      const pinned = await fetch(`${url}/actuator/clock/pin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ epochMilli: 1_800_000_000_000 }) });
      const added = await fetch(`${url}/actuator/clock/add`, { method: 'POST', body: JSON.stringify({ offsetMilli: 90 * 86_400_000 }) });

      // then
      expect(pinned.status).to.equal(200);
      expect(await pinned.json()).to.deep.equal({ epochMilli: 1_800_000_000_000, instant: new Date(1_800_000_000_000).toISOString() });
      expect((await added.json()).epochMilli).to.equal(1_800_000_000_000 + 90 * 86_400_000);
      expect(clock.now()).to.equal(1_800_000_000_000 + 90 * 86_400_000);
      expect((await (await fetch(`${url}/actuator/clock`)).json()).epochMilli).to.equal(clock.now());
      const reset = await fetch(`${url}/actuator/clock`, { method: 'DELETE' });
      expect(reset.status).to.equal(200);
      expect(clock.now()).to.equal(1_000_000);
      expect(moves).to.equal(3);
    } finally {
      server.close();
    }
  });


  it('refuses a body without an integer', async () => {
    const clock = createControlledClock(base);
    const server = createManagementServer({ clock, controlledClock: clock, onClockMoved: () => undefined, log });
    const url = await listen(server);
    try {
      const response = await fetch(`${url}/actuator/clock/pin`, { method: 'POST', body: '{"epochMilli":"soon"}' });
      expect(response.status).to.equal(400);
      expect((await response.json()).error).to.match(/^Expected a body \{"epochMilli"/);
      expect(clock.now()).to.equal(1_000_000);
    } finally {
      server.close();
    }
  });


  it('has no clock endpoints when the clock is not controlled, but answers readiness', async () => {
    const server = createManagementServer({ clock: base, controlledClock: null, onClockMoved: () => undefined, log });
    const url = await listen(server);
    try {
      expect((await fetch(`${url}/actuator/clock/pin`, { method: 'POST', body: '{"epochMilli":1}' })).status).to.equal(404);
      expect((await fetch(`${url}/actuator/clock`)).status).to.equal(404);
      expect((await fetch(`${url}/ready`)).status).to.equal(200);
    } finally {
      server.close();
    }
  });
});
