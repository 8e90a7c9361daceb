/**
 * Stands in for `@atlaskit/feature-gate-js-client/feature-gates` in the Custom UI bundles
 * (scripts/build-static.ts aliases it). Atlaskit components ask it whether platform feature gates
 * are on; inside a Forge app nobody initialises it (it would need Atlassian's Statsig service,
 * which the Custom UI sandbox cannot reach), so the real client answers "off" and the default
 * value to every question. This module gives the same answers without the ~120 KB client.
 */

const uninitialised = {
  checkGate: (_gateName: string, _options?: unknown): boolean => false,
  getExperimentValue: <T>(_experimentName: string, _parameterName: string, defaultValue: T, _options?: unknown): T => defaultValue,
  getExperiment: (_experimentName: string): undefined => undefined,
  initializeCompleted: (): boolean => false,
  initializeCalled: (): boolean => false,
  isGateExists: (_gateName: string): boolean => false,
  isExperimentExists: (_experimentName: string): boolean => false,
  getDefaultPerimeter: (): string => 'commercial',
};

const FeatureGates = {
  ...uninitialised,
  client: uninitialised,
  hasCheckGateErrorOccurred: false,
  hasGetExperimentValueErrorOccurred: false,
};

export default FeatureGates;
