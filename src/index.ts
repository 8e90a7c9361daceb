/** The handlers manifest.yml names, and nothing else. */
export { handler } from './resolvers/registry';
export { onIssueChangedForFlags, runDailyFlagRules, runProjectFlagRules } from './events/flagTriggers';
export { afterChangeTransition, validateChangeTransition } from './events/changeWorkflow';
export { runReportJobChunk } from './events/reportJob';
export { runReportSchedule } from './events/reportSchedule';
export { runReminders } from './events/reminders';
export { runTrustMigration } from './events/trustMigration';
export { serveSharedReport } from './webtriggers/reportShare';
