/** Service, send, business-rule (job-based), script (job-based) and user tasks: a job waits for a worker. */
import type { ElementProcessor } from '../element-processor.js';
import { cancelJobOf, createJob } from '../behaviors/jobs.js';
import { applyInputs, completeWithOutputs } from './activity-steps.js';

export const jobTaskProcessor: ElementProcessor = {
  onActivate(rt, el, instance) {
    applyInputs(rt, el, instance);
    createJob(rt, el, instance);
  },
  onComplete(rt, el, instance) {
    completeWithOutputs(rt, el, instance);
  },
  onTerminate(rt, _el, instance) {
    cancelJobOf(rt, instance);
  },
};
