/** The handlers manifest.yml names, and nothing else. */
export { handler } from './registry';
export { onIssueChangedForFlags, runDailyFlagRules, runProjectFlagRules } from './flags/events/flagTriggers';
export { afterChangeTransition, validateChangeTransition } from './changes/events/changeWorkflow';
export { runReportJobChunk } from './reports/events/reportJob';
export { runReportSchedule } from './reports/events/reportSchedule';
export { runReminders } from './asks/events/reminders';
export { runTrustMigration } from './migration/events/trustMigration';
export { serveSharedReport } from './reports/webtriggers/reportShare';
