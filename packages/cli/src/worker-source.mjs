// The worker module when crossfoot runs from its TypeScript sources (a checkout without the bundle, the
// tests): registers tsx in this thread, then loads the worker. The bundle has its own crossfoot-worker.mjs.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker-thread.ts');

export default worker.default;
