/** The handlers manifest.yml names, and nothing else. */
export { handler } from './resolvers/registry';
export { onIssueChangedForFlags, runDailyFlagRules } from './events/flagTriggers';
