/**
 * The jest environment of every test file: Node's own global scope, as under Node's test runner,
 * with a fresh module registry per file (jest's) and the Forge runtime globals reset per file.
 *
 * jest-environment-node runs each file in a vm context of its own, whose built-ins (Object,
 * Array, Error, Date...) are not Node's: an array from fs.readdirSync, a structuredClone, a
 * fetch() body or an error thrown by Node itself then has another realm's prototype, and
 * node:assert's deepStrictEqual (which compares prototypes) or `instanceof TypeError` fail on
 * values that are equal. This environment compiles the files in Node's main context instead
 * (jest's CommonJS loader compiles every module with vm.compileFunction; for this environment's
 * context the parsing context is dropped), so the suite's assertions keep their exact meaning.
 *
 * Isolation per file: jest still gives every file its own module registry (so each file loads
 * src/, local/host and the @forge packages afresh, and module state such as the installed runtime
 * is the file's own), and this environment resets the globals the local host installs:
 * `__forge_fetch__` and `__forge_runtime__` (local/host/runtime.ts installForgeRuntime; @forge/kvs
 * reads the runtime when it is first imported), and puts back the environment variables a file
 * changed. Until the file starts a host or installs a runtime, a Forge call fails with a message
 * that says so.
 */
const vm = require('node:vm');
const { TestEnvironment } = require('jest-environment-node');

const mainContexts = new WeakSet();
const compileFunction = vm.compileFunction;
vm.compileFunction = function compileInMainContext(code, params, options) {
  if (options?.parsingContext && mainContexts.has(options.parsingContext)) {
    // Main context; an `import()` left in a module (jest compiles ours to require) is Node's own.
    const { parsingContext: _main, ...rest } = options;
    return compileFunction.call(this, code, params, { ...rest, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  }
  return compileFunction.call(this, code, params, options);
};

const FORGE_GLOBALS = ['__forge_fetch__', '__forge_runtime__'];

function resetForgeGlobals() {
  for (const name of FORGE_GLOBALS) delete globalThis[name];
}

class MainContextEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global = globalThis;
    // jest put the project's `globals` on the vm context it made; this environment's is Node's.
    Object.assign(globalThis, config.projectConfig.globals);
    this.marker = vm.createContext({});
    mainContexts.add(this.marker);
    this.processExit = process.exit;
  }

  async setup() {
    await super.setup();
    // Every file starts from the same environment variables and leaves them as it found them (under
    // Node's runner each file had its own process): a file setting LIAISON_* knobs must not change
    // what a later file in the same worker does.
    this.env = { ...process.env };
    resetForgeGlobals();
    globalThis.__forge_fetch__ = async (descriptor, path) => {
      throw new Error(
        `No Forge runtime in this test file: a ${descriptor?.type ?? 'Forge'} call to ${path} came before ` +
          'startTestHost() / installForgeRuntime() (local/host) installed one',
      );
    };
  }

  async teardown() {
    resetForgeGlobals();
    if (this.env) {
      for (const name of Object.keys(process.env)) if (!(name in this.env)) delete process.env[name];
      Object.assign(process.env, this.env);
    }
    // jest-runner wraps process.exit for each file; the next file wraps Node's own again.
    process.exit = this.processExit;
    await super.teardown();
  }

  getVmContext() {
    return this.marker;
  }
}

module.exports = MainContextEnvironment;
