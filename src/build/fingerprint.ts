/**
 * The fingerprint of the code that builds: zhbook's own files and the
 * versions of its dependencies. A cached chapter made by other code is stale.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {packageRoot} from '../core/package-root.js'

/**
 * The fingerprint of the bundled command, computed once when it is bundled
 * (`scripts/bundle.ts` defines it): the bundle's modules never change after,
 * so it reads no file at run time. Undeclared when zhbook runs from its
 * modules (`src/`, `dist/`).
 */
declare const ZHBOOK_CODE_FINGERPRINT: string | undefined

let cached: string | undefined

/**
 * Hash of zhbook's modules and lock file, once per process (a few milliseconds),
 * or the bundled command's, computed when it was bundled.
 *
 * @returns
 *   Hex digest.
 */
export function codeFingerprint(): string {
  if (typeof ZHBOOK_CODE_FINGERPRINT === 'string') return ZHBOOK_CODE_FINGERPRINT
  if (cached) return cached
  cached = hashModules(path.dirname(path.dirname(fileURLToPath(import.meta.url))))
  return cached
}

/**
 * Hash zhbook's modules below a folder, and its lock file.
 *
 * @param ownRoot
 *   Folder of zhbook's own modules (`src/` or `dist/`).
 * @returns
 *   Hex digest.
 */
export function hashModules(ownRoot: string): string {
  const hash = createHash('sha256')
  for (const file of listFiles(ownRoot)) {
    hash.update(path.relative(ownRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0')
  }

  const lock = path.join(packageRoot(), 'package-lock.json')
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock))
  return hash.digest('hex')
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
