/** CronWorkflow: workflows on a cron schedule, in virtual time. */
export { cronWorkflowController } from './controller.js';
export { scheduleWithTimezoneString, latestFireTime, nextFireTime, rfc3339In } from './schedule.js';
export { LABEL_CRON_WORKFLOW, ANNOTATION_SCHEDULED_TIME, ANNOTATION_LAST_USED_SCHEDULE, LABEL_CRON_COMPLETED, stopConditionMet, whenAllows } from './status.js';
export type { CronStatus } from './status.js';
