// A build thread whose chapter leaves its stages within its budget, then ends
// with exit code 0 (tests/build-budget.test.ts).
import {parentPort} from 'node:worker_threads'

const stages = {kind: 'stages', chapter: 'book/a.md', edition: 'hant', seconds: 0.2}
parentPort.postMessage({type: 'progress', event: {...stages, running: true}})
parentPort.postMessage({type: 'progress', event: {...stages, running: false}})
setTimeout(() => {
  parentPort.postMessage({type: 'out', line: 'Built hant'})
  parentPort.postMessage({type: 'exit', code: 0})
}, 500)
