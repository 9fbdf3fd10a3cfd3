/**
 * Preload (`node --import`) that kills its own process with SIGKILL just
 * before the `KILL_AT_RENAME`th rename (`fs.renameSync` or
 * `fs.promises.rename`): a build interrupted at an exact step of swapping its
 * output into place.
 */
import fsSync from 'node:fs'
import fs from 'node:fs/promises'

const at = Number(process.env.KILL_AT_RENAME)
const rename = fs.rename
const renameSync = fsSync.renameSync
let count = 0

/** Count a rename; die at the chosen one. */
function step() {
  count++
  if (count === at) process.kill(process.pid, 'SIGKILL')
}

fs.rename = async function (...args) {
  step()
  return rename.apply(this, args)
}

fsSync.renameSync = function (...args) {
  step()
  return renameSync.apply(this, args)
}
