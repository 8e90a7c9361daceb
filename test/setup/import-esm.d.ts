/** Loads an ES module with Node's own loader (see import-esm.js). */
export function importEsm<T = unknown>(specifier: string): Promise<T>;
