/** CronJob → Jobs on a schedule. */
export { cronJobController, SCHEDULED_TIMESTAMP } from './cronJobController.js';
export { parseSchedule, mostRecentScheduleTime } from './schedule.js';
