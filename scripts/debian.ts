/**
 * Install Debian packages that scripts need and `make test` does not
 * (pandoc and opencc for `make bench`, calibre and poppler for `make proof`).
 */
import {execFileSync, spawnSync} from 'node:child_process'

/** A program and the Debian package that has it. */
export interface Requirement {
  /** Program looked up on `PATH`. */
  binary: string
  /** Debian package. */
  pkg: string
}

/**
 * Install the packages of the programs that are missing, after one
 * `apt-get update` (a fresh machine has no package lists).
 *
 * @param requirements
 *   Programs and their packages.
 * @returns
 *   Nothing.
 */
export function ensurePackages(requirements: readonly Requirement[]): undefined {
  const missing = requirements.filter(
    ({binary}) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', binary]).status !== 0
  )
  if (missing.length === 0) return
  const packages = missing.map(({pkg}) => pkg)
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'}
  console.log(`Installing ${packages.join(', ')} …`)
  execFileSync('apt-get', ['update'], {stdio: 'inherit', env})
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {stdio: 'inherit', env})
}
