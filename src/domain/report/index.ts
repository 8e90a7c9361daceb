/** The report domain: model (contract), facts, builder and its parts. */
export * from './model';
export * from './facts';
export { buildReport, type BuildOptions } from './build';
export { computeStatus, evaluateStatusRules, checkOverride, type StatusInputs, type StatusFinding } from './status';
export { forecastRange, compareWithForecast, FORECAST_SAMPLES, type VelocitySample } from './forecast';
export { periodOf, customPeriod, previousPeriod, nextPeriod, periodDays, MAX_CUSTOM_DAYS } from './period';
export { boundModel, byteSize, REPORT_MAX_BYTES, LIST_CAP, EXECUTIVE_LIST_CAP, NARRATIVE_MAX_CHARS } from './bound';
export { clientSafe } from './clientSafe';
