/**
 * Loads an ES module with Node's own loader. jest's module registry loads CommonJS only, and swc
 * compiles a test's `import()` to `require()`; packages that ship only ES modules behind an
 * `import` condition (jira.js) are loaded through this file instead, which jest does not compile,
 * so its `import()` stays Node's (test/setup/environment.js lets it reach Node's default loader).
 */
exports.importEsm = (specifier) => import(specifier);
