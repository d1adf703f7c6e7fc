/** One processor per element type. */
import type { ElementType, FlowElement } from '../../model/process-model.js';
import type { ElementProcessor } from '../element-processor.js';
import { boundaryEventProcessor } from './boundary-event.js';
import { businessRuleTaskProcessor } from './business-rule-task.js';
import { endEventProcessor } from './end-event.js';
import { exclusiveGatewayProcessor } from './exclusive-gateway.js';
import { inclusiveGatewayProcessor } from './inclusive-gateway.js';
import { jobTaskProcessor } from './job-task.js';
import { parallelGatewayProcessor } from './parallel-gateway.js';
import { passThroughProcessor } from './pass-through.js';
import { processProcessor } from './process.js';
import { scriptTaskProcessor } from './script-task.js';
import { subProcessProcessor } from './sub-process.js';

const PROCESSORS: Record<ElementType, ElementProcessor> = {
  PROCESS: processProcessor,
  START_EVENT: passThroughProcessor,
  INTERMEDIATE_THROW_EVENT: passThroughProcessor,
  MANUAL_TASK: passThroughProcessor,
  TASK: passThroughProcessor,
  END_EVENT: endEventProcessor,
  BOUNDARY_EVENT: boundaryEventProcessor,
  SERVICE_TASK: jobTaskProcessor,
  SEND_TASK: jobTaskProcessor,
  BUSINESS_RULE_TASK: businessRuleTaskProcessor,
  USER_TASK: jobTaskProcessor,
  SCRIPT_TASK: scriptTaskProcessor,
  EXCLUSIVE_GATEWAY: exclusiveGatewayProcessor,
  INCLUSIVE_GATEWAY: inclusiveGatewayProcessor,
  PARALLEL_GATEWAY: parallelGatewayProcessor,
  SUB_PROCESS: subProcessProcessor,
};

export function processorFor(el: FlowElement): ElementProcessor {
  return PROCESSORS[el.type];
}
