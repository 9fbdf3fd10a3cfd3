// A build thread whose first chapter never leaves its stages (tests/build-budget.test.ts):
// it says so, with a budget of 0.2 s, and then keeps its thread busy, as a
// runaway stage would, so that no timer of its own could fire.
import {parentPort} from 'node:worker_threads'

parentPort.postMessage({type: 'err', line: 'a.md:1:1: warning: a message before [X000]'})
parentPort.postMessage({
  type: 'progress',
  event: {kind: 'stages', chapter: 'book/a.md', edition: 'hans', seconds: 0.2, running: true}
})
for (;;) {}
