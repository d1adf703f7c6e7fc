/** The Zeebe 8.3 gateway protocol, loaded from the proto file inside zeebe-node (the options zeebe-node uses). */
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadPackageDefinition, type GrpcObject, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
export const PROTO_PATH = path.join(path.dirname(require.resolve('zeebe-node/package.json')), 'proto', 'zeebe.proto');

export function gatewayService(): ServiceDefinition {
  const definition = loadSync(PROTO_PATH, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  const pkg = loadPackageDefinition(definition) as unknown as { gateway_protocol: GrpcObject };
  const Gateway = pkg.gateway_protocol.Gateway as unknown as { service: ServiceDefinition };
  return Gateway.service;
}
