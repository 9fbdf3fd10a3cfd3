/**
 * Preload (`node --import`) that kills its own process with SIGKILL just
 * before the `KILL_AT_RENAME`th `fs.promises.rename` call: a build
 * interrupted at an exact step of swapping its output into place.
 */
import fs from 'node:fs/promises'

const at = Number(process.env.KILL_AT_RENAME)
const rename = fs.rename
let count = 0

fs.rename = async function (...args) {
  count++
  if (count === at) process.kill(process.pid, 'SIGKILL')
  return rename.apply(this, args)
}
