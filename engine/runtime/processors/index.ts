/** One processor per element type. */
import type { ElementType, FlowElement } from '../../model/process-model.js';
import type { ElementProcessor } from '../element-processor.js';
import { boundaryEventProcessor } from './boundary-event.js';
import { businessRuleTaskProcessor } from './business-rule-task.js';
import { callActivityProcessor } from './call-activity.js';
import { catchEventProcessor } from './catch-event.js';
import { eventBasedGatewayProcessor } from './event-based-gateway.js';
import { eventSubProcessProcessor } from './event-sub-process.js';
import { endEventProcessor } from './end-event.js';
import { exclusiveGatewayProcessor } from './exclusive-gateway.js';
import { inclusiveGatewayProcessor } from './inclusive-gateway.js';
import { jobTaskProcessor } from './job-task.js';
import { multiInstanceBodyProcessor } from './multi-instance-body.js';
import { parallelGatewayProcessor } from './parallel-gateway.js';
import { passThroughProcessor } from './pass-through.js';
import { processProcessor } from './process.js';
import { scriptTaskProcessor } from './script-task.js';
import { startEventProcessor } from './start-event.js';
import { subProcessProcessor } from './sub-process.js';
import { throwEventProcessor } from './throw-event.js';

const PROCESSORS: Record<ElementType, ElementProcessor> = {
  PROCESS: processProcessor,
  START_EVENT: startEventProcessor,
  INTERMEDIATE_THROW_EVENT: throwEventProcessor,
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
  EVENT_SUB_PROCESS: eventSubProcessProcessor,
  INTERMEDIATE_CATCH_EVENT: catchEventProcessor,
  RECEIVE_TASK: catchEventProcessor,
  EVENT_BASED_GATEWAY: eventBasedGatewayProcessor,
  MULTI_INSTANCE_BODY: multiInstanceBodyProcessor,
  CALL_ACTIVITY: callActivityProcessor,
};

/** By the instance's type: a multi-instance activity has the body's processor for its body and its own for its inner instances. */
export function processorFor(el: FlowElement, elementType: ElementType = el.type): ElementProcessor {
  // message throw and end events are jobs (a worker sends the message): processed like a service task, the end
  // event ending its path once the job completes
  if (el.eventType === 'MESSAGE' && (elementType === 'INTERMEDIATE_THROW_EVENT' || elementType === 'END_EVENT')) return jobTaskProcessor;
  return PROCESSORS[elementType];
}
