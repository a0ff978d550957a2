'use strict';
// A worker thread of the command (pool.ts): the command's own script, compiled with the code V8 made of it in an
// earlier run's thread (bundle.cjs). Loading the ES module bundle instead took about 0.2 s more of each thread's start.
const { join } = require('node:path');
const { workerData } = require('node:worker_threads');
const { loadBundle } = require('./bundle.cjs');

// The name its code is kept under, for the flags the run set (compiler.ts, threadCodeVariant); a pool of an older
// bundle names none.
const variant = workerData?.variant ?? (workerData?.tuned ? 'thread-tuned' : 'thread');
const { exports: command, remember } = loadBundle(join(__dirname, '..', 'dist'), variant);
command.serveThread(remember);
