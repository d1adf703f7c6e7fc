/** The gRPC gateway server on the zeebe-node proto. Pings from zeebe-node (keepalive, no calls) are allowed. */
import http2, { type Http2Server, type Http2Session, type ServerHttp2Stream } from 'node:http2';
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { GatewayDeps } from './gateway-deps.js';
import { gatewayService } from './proto.js';
import { activateJobs } from './handlers/activate-jobs.js';
import { broadcastSignal } from './handlers/broadcast-signal.js';
import { cancelProcessInstance } from './handlers/cancel-process-instance.js';
import { completeJob } from './handlers/complete-job.js';
import { createProcessInstance } from './handlers/create-process-instance.js';
import { createProcessInstanceWithResult } from './handlers/create-process-instance-with-result.js';
import { deleteResource } from './handlers/delete-resource.js';
import { deployProcess } from './handlers/deploy-process.js';
import { deployResource } from './handlers/deploy-resource.js';
import { evaluateDecision } from './handlers/evaluate-decision.js';
import { failJob } from './handlers/fail-job.js';
import { modifyProcessInstance } from './handlers/modify-process-instance.js';
import { resolveIncident } from './handlers/resolve-incident.js';
import { setVariables } from './handlers/set-variables.js';
import { throwError } from './handlers/throw-error.js';
import { publishMessage } from './handlers/publish-message.js';
import { topology } from './handlers/topology.js';
import { unimplemented } from './handlers/unimplemented.js';
import { updateJobRetries } from './handlers/update-job-retries.js';

export function createGatewayServer(deps: GatewayDeps): Server {
  const server = new Server({
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    'grpc.http2.max_ping_strikes': 0,
    // Oversized resources must be refused with 3 INVALID_ARGUMENT by the engine, not 8 by the transport (zeebe-node retries 8 forever).
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
  });
  const handlers: UntypedServiceImplementation = {
    Topology: topology(deps),
    DeployResource: deployResource(deps),
    DeployProcess: deployProcess(deps),
    CreateProcessInstance: createProcessInstance(deps),
    CreateProcessInstanceWithResult: createProcessInstanceWithResult(deps),
    CancelProcessInstance: cancelProcessInstance(deps),
    ActivateJobs: activateJobs(deps),
    CompleteJob: completeJob(deps),
    FailJob: failJob(deps),
    ThrowError: throwError(deps),
    SetVariables: setVariables(deps),
    ResolveIncident: resolveIncident(deps),
    UpdateJobRetries: updateJobRetries(deps),
    StreamActivatedJobs: unimplemented('StreamActivatedJobs'),
    PublishMessage: publishMessage(deps),
    BroadcastSignal: broadcastSignal(deps),
    EvaluateDecision: evaluateDecision(deps),
    ModifyProcessInstance: modifyProcessInstance(deps),
    DeleteResource: deleteResource(deps),
  };
  server.addService(gatewayService(), handlers);
  return server;
}

export async function bindServer(server: Server, host: string, port: number): Promise<number> {
  const bound = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => (error ? reject(error) : resolve(boundPort)));
  });
  rotateBusyConnections(server);
  return bound;
}

/** Streams served on one HTTP/2 connection before the server asks the client, gracefully, to open a new one. */
export const STREAMS_PER_CONNECTION = 500;

/**
 * zeebe-node's grpc-js (1.9) ends every call with an RST_STREAM frame, and Node's HTTP/2 server (nghttp2's
 * rapid-reset protection: a bucket of 1 000 resets refilled at 33/s, not configurable in Node 20) answers a busy
 * client with GOAWAY INTERNAL_ERROR, failing every call on the connection (grpc/grpc-node#2625). So after
 * STREAMS_PER_CONNECTION streams we send a graceful GOAWAY, exactly as grpc-js does for max connection age:
 * calls in flight finish, new calls go to a fresh connection with a full bucket.
 */
function rotateBusyConnections(server: Server): void {
  const http2Servers = (server as unknown as { http2Servers?: Map<Http2Server, unknown> }).http2Servers;
  if (!http2Servers) return;
  const counts = new WeakMap<Http2Session, number>();
  for (const http2Server of http2Servers.keys()) {
    http2Server.on('stream', (stream: ServerHttp2Stream) => {
      const session = stream.session;
      if (!session) return;
      const count = (counts.get(session) ?? 0) + 1;
      counts.set(session, count);
      if (count !== STREAMS_PER_CONNECTION) return;
      try {
        session.goaway(http2.constants.NGHTTP2_NO_ERROR, 2 ** 31 - 1, Buffer.from('max_streams'));
        session.close();
      } catch {
        // the session is already closing
      }
    });
  }
}
