// Entry of the bundle (`dist/index.js`): wiring only; the Action is `run()` in run.ts.
import { fileURLToPath } from 'node:url';

// The bundle carries the built-in packs in `dist/rules/`. The CLI reads their location when its
// modules load, so it is set first and the rest is imported after.
process.env.CROSSFOOT_BUILTIN_RULES = fileURLToPath(new URL('./rules/', import.meta.url));
const { run } = await import('./run.ts');
await run();
