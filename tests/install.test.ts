/**
 * The README's install step, as a newcomer takes it: `npm install -g .` in
 * a built clone (here into a throwaway prefix, offline, with an empty npm
 * cache: installing the clone links it and fetches nothing), then, in an
 * empty folder elsewhere, `zhbook init` and `zhbook build` through the
 * installed command.
 *
 * Needs `dist/` (`make test` builds it first) and npm (which comes with
 * Node).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-install-')))
const prefix = path.join(tmp, 'prefix')
const book = path.join(tmp, 'book')
/** The environment of a user's shell: npm's own settings of the test run left out, the prefix's `bin` first. */
const env: Record<string, string | undefined> = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  npm_config_cache: path.join(tmp, 'npm-cache'),
  npm_config_update_notifier: 'false',
  SOURCE_DATE_EPOCH: ''
}

afterAll(() => {
  fs.rmSync(tmp, {recursive: true, force: true})
})

describe('npm install -g . (the README’s install step)', () => {
  it('should install a `zhbook` command offline', () => {
    if (!fs.existsSync(path.join(root, 'dist', 'bin', 'zhbook.js'))) {
      throw new Error('Missing dist/: run `make test` (it builds dist/ first)')
    }

    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const run = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '.'], {
      cwd: root,
      encoding: 'utf8',
      env
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const command = path.join(prefix, 'bin', 'zhbook')
    expect(fs.existsSync(command)).toBe(true)
    // The installed package is the clone itself: a rebuilt clone is the new command.
    expect(fs.realpathSync(path.join(prefix, 'lib', 'node_modules', 'zhbook'))).toBe(fs.realpathSync(root))
  })

  it('should make and build a book in an empty folder elsewhere', () => {
    fs.mkdirSync(book)
    const init = spawnSync('zhbook', ['init'], {cwd: book, encoding: 'utf8', env})
    expect(init.stderr).toBe('')
    expect(init.status).toBe(0)
    const build = spawnSync('zhbook', ['build'], {cwd: book, encoding: 'utf8', env})
    expect(build.stderr).toBe('')
    expect(build.status).toBe(0)
    expect(build.stdout).toMatch(/\nBuilt hant, hans: 2 EPUB, 9 web pages in output\/ \(\d+ ms\)\n$/)
    const epubs = fs.readdirSync(path.join(book, 'output')).filter((name) => name.endsWith('.epub'))
    expect(epubs.sort()).toEqual(['my-book-hans.epub', 'my-book-hant.epub'])
    for (const name of epubs) {
      // A ZIP whose first entry is the stored `mimetype` (`PK…mimetype`).
      const head = fs.readFileSync(path.join(book, 'output', name)).subarray(0, 38)
      expect(head.subarray(0, 2).toString('latin1')).toBe('PK')
      expect(head.subarray(30, 38).toString('latin1')).toBe('mimetype')
    }
  })
})
