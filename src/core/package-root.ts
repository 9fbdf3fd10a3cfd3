/**
 * zhbook's own folder, the one that holds its `package.json`: the root of
 * everything zhbook reads of its own (the bundled assets in `dist/assets/`,
 * its version, its dependencies). Found once, by climbing from this module,
 * which runs from `src/core/` (the tests), `dist/core/` (the library) or a
 * chunk of the bundled command in `dist/bin/`: no path below depends on how
 * deep the module that asks sits.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** What zhbook's `package.json` says. */
export interface PackageInfo {
  /** The folder of `package.json`. */
  root: string
  /** `version`. */
  version: string
}

let found: PackageInfo | undefined

/**
 * zhbook's folder and version.
 *
 * @param from
 *   Folder to climb from (optional, default: this module's).
 * @returns
 *   The nearest folder at or above `from` whose `package.json` is named
 *   `zhbook`, and its version.
 */
export function packageInfo(from?: string): PackageInfo {
  if (from === undefined && found) return found
  let dir = from ?? path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const info = read(path.join(dir, 'package.json'))
    if (info?.name === 'zhbook') {
      const result = {root: dir, version: String(info.version)}
      if (from === undefined) found = result
      return result
    }

    const parent = path.dirname(dir)
    if (parent === dir) {
      throw new Error('Unexpected zhbook module outside its package, expected a `package.json` named `zhbook` above it')
    }

    dir = parent
  }
}

/**
 * zhbook's folder.
 *
 * @returns
 *   The folder of its `package.json`.
 */
export function packageRoot(): string {
  return packageInfo().root
}

/** A `package.json`, or `undefined` when there is none or it is not JSON. */
function read(file: string): {name?: unknown; version?: unknown} | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as {name?: unknown; version?: unknown}
  } catch {
    return undefined
  }
}

/**
 * Whether a module runs from zhbook's TypeScript sources (`npm run zhbook`,
 * the tests) rather than compiled or bundled: there, no compiled entry of a
 * thread exists beside it.
 *
 * @param moduleUrl
 *   The module's `import.meta.url`.
 * @returns
 *   Whether it is a `.ts` module.
 */
export function runsFromSources(moduleUrl: string): boolean {
  return !moduleUrl.endsWith('.js')
}
