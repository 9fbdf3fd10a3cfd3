/**
 * Preload (`node --import`) that makes every rename fail with an unexpected
 * error (`fs.promises.rename` and `fs.renameSync`): a bug in zhbook, as the
 * command line sees one, for the tests of its internal-error message.
 */
import fsSync from 'node:fs'
import fs from 'node:fs/promises'

/** The failure. */
function fail() {
  throw new Error('injected failure at rename')
}

fs.rename = async () => {
  fail()
}

fsSync.renameSync = () => {
  fail()
}
