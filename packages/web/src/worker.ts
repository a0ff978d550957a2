/// <reference lib="webworker" />
import { WebChecker } from './engine.ts';
import type { Request, Response } from './protocol.ts';

/** Reading and checking run here, off the page's thread, so a large report never freezes the page. */
declare const self: DedicatedWorkerGlobalScope;

const post = (message: Response) => self.postMessage(message);
let checker: WebChecker | undefined;
/** Whether the page has asked for anything yet (which ends the warm-up). */
let asked = false;

try {
  checker = new WebChecker();
  post({ type: 'ready', packs: checker.packInfo() });
  // While the page waits for a file; a report that arrives meanwhile stops it.
  const warming = performance.now();
  checker
    .warmUp(1_500, () => asked)
    .then(
      () => post({ type: 'warm', ms: Math.round(performance.now() - warming) }),
      () => undefined,
    );
} catch (error) {
  post({ type: 'error', id: 0, message: describe(error) });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  asked = true;
  if (!checker) return post({ type: 'error', id: request.id, message: 'the checker did not start' });
  try {
    if (request.type === 'check') {
      const started = performance.now();
      if (request.files) checker.load(request.files);
      const read = performance.now();
      const { files, rules } = await checker.check(request.locale, request.pack);
      const timing = { read: Math.round(read - started), check: Math.round(performance.now() - read) };
      post({ type: 'result', id: request.id, files, rules, timing });
    } else {
      post({ type: 'exported', id: request.id, ...checker.export(request.format, request.locale, __VERSION__) });
    }
  } catch (error) {
    post({ type: 'error', id: request.id, message: describe(error) });
  }
};
