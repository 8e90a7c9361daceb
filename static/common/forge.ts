/**
 * The @forge/bridge functions the apps use, imported module by module: the package is CommonJS,
 * so importing its index would bundle every bridge feature (ADF renderer and iframe-resizer
 * included). scripts/build-static.ts resolves these deep paths for esbuild.
 */
export { invoke } from '@forge/bridge/out/invoke/invoke';
export { getContext } from '@forge/bridge/out/view/getContext';
export { createHistory } from '@forge/bridge/out/view/createHistory';
export { theme } from '@forge/bridge/out/view/theme';
export { showFlag } from '@forge/bridge/out/flag/flag';
export { router } from '@forge/bridge/out/router/router';
export { submit } from '@forge/bridge/out/view/submit';
export { close } from '@forge/bridge/out/view/close';
export { refresh } from '@forge/bridge/out/view/refresh';
export { Modal } from '@forge/bridge/out/modal/modal';
