/** Topology: one synthetic broker, partition 1 leader and healthy. */
import { ok } from '../../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { unary } from '../unary.js';

export const GATEWAY_VERSION = '8.3.0';

export function topology(deps: GatewayDeps) {
  return unary(deps, 'Topology', async () => {
    const { host, port } = deps.address();
    return ok({
      brokers: [{ nodeId: 0, host, port, partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }], version: GATEWAY_VERSION }],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
    });
  });
}
