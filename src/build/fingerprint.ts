/**
 * The fingerprint of the code that builds: zhbook's own files and the
 * versions of its dependencies. A cached chapter made by other code is stale.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** Folder of zhbook's own modules (`src/` or `dist/`). */
const ownRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

let cached: string | undefined

/**
 * Hash of zhbook's modules and lock file, once per process (a few milliseconds).
 *
 * @returns
 *   Hex digest.
 */
export function codeFingerprint(): string {
  if (cached) return cached
  const hash = createHash('sha256')
  for (const file of listFiles(ownRoot)) {
    hash.update(path.relative(ownRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0')
  }

  const lock = path.join(ownRoot, '..', 'package-lock.json')
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock))
  cached = hash.digest('hex')
  return cached
}

/** Module files below a folder, sorted. */
function listFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full))
    else if (/\.(?:js|ts)$/.test(entry.name)) out.push(full)
  }

  return out.sort()
}
