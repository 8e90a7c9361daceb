// The layer's default timeout for each test and hook (jest.config.js: a project's
// `globals.LAYER_TIMEOUT_MS`; jest takes `testTimeout` for the whole run only).
jest.setTimeout(globalThis.LAYER_TIMEOUT_MS);
