/**
 * A build never touches the network: the command line builds a manuscript
 * full of remote images, links and HTML that would load remote files, in a
 * process where every network call throws and is logged
 * (`helpers/no-network.mjs`), and, where the machine allows it (root on
 * Linux), in a network namespace of its own with no interface up at all
 * (`unshare --net`).
 *
 * Needs `dist/` (`make test` builds it first).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writeFiles} from './helpers/manuscript.js'

const cli = path.join(import.meta.dirname, '..', 'dist', 'bin', 'zhbook.js')
const preload = path.join(import.meta.dirname, 'helpers', 'no-network.mjs')

/** Whether this machine can give a process a network namespace of its own. */
const unshare = spawnSync('unshare', ['--net', 'true']).status === 0

let tmp: string
let log: string

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-network-'))
  log = path.join(tmp, 'network.log')
  await writeFiles(path.join(tmp, 'manuscript'), {
    'book.yaml': 'title: 遠端\nauthor: 作者\nslug: remote\n',
    '1-remote.md': [
      '# 遠端的東西',
      '',
      '![圖](https://example.com/a.png) [連結](https://example.com/) <https://example.org/>',
      '',
      '<img src="http://example.com/b.png" alt="追蹤圖">',
      '',
      '<link rel="stylesheet" href="https://fonts.example/css">',
      '',
      '<style>@import url("https://example.com/x.css");</style>',
      ''
    ].join('\n')
  })
})

afterAll(async () => {
  await fs.rm(tmp, {recursive: true, force: true})
})

/** Run a command with the preload, from the temporary folder. */
function run(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: tmp,
    encoding: 'utf8',
    env: {...process.env, SOURCE_DATE_EPOCH: '', ZHBOOK_NETWORK_LOG: log}
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** The messages of the build, in full. */
const warnings = [
  'manuscript/1-remote.md:3:1: warning: Unexpected remote image `https://example.com/a.png`, expected a file in the manuscript folder (builds never fetch) [I002]',
  'manuscript/1-remote.md:5:1: warning: Unexpected remote image `http://example.com/b.png`, expected a file in the manuscript folder (builds never fetch) [I002]',
  'manuscript/1-remote.md:7:1: warning: Unexpected `<link>`, expected safe HTML: removed, its content kept [H001]',
  'manuscript/1-remote.md:9:1: warning: Unexpected `<style>`, expected safe HTML: removed with its content [H001]',
  'zhbook: 0 errors, 4 warnings (H001 ×2, I002 ×2)',
  ''
].join('\n')

describe('the network during a build', () => {
  it('should block and log every network call in a process with the preload', async () => {
    await fs.rm(log, {force: true})
    const probe = [
      "const tries = [() => fetch('http://127.0.0.1:9/'), () => require('node:dns').lookup('example.com', () => {}), () => require('node:https').get('https://example.com/')]",
      'for (const attempt of tries) { try { await attempt() } catch (cause) { console.log(cause.message) } }'
    ].join('\n')
    const {code, stdout} = run(process.execPath, [
      '--import',
      preload,
      '--input-type=commonjs',
      '-e',
      `(async () => {${probe}})()`
    ])
    expect(code).toBe(0)
    expect(stdout).toBe(
      [
        'Unexpected network access (fetch), expected none',
        'Unexpected network access (dns.lookup), expected none',
        'Unexpected network access (https.get), expected none',
        ''
      ].join('\n')
    )
    expect((await fs.readFile(log, 'utf8')).split('\n').map((line) => line.split(' ')[0])).toEqual([
      'fetch',
      'dns.lookup',
      'https.get',
      ''
    ])
  })

  it('should build with every network call blocked, making none', async () => {
    await fs.rm(log, {force: true})
    const {code, stdout, stderr} = run(process.execPath, [
      '--import',
      preload,
      cli,
      'build',
      'manuscript',
      '--out',
      'out',
      '--no-cache'
    ])
    expect(stderr).toBe(warnings)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Built hant, hans: 2 EPUB, \d+ web pages in out\/ /m)
    await expect(fs.access(log)).rejects.toThrow(/ENOENT/)
    await expect(fs.access(path.join(tmp, 'out', 'remote-hans.epub'))).resolves.toBeUndefined()
  })

  it.runIf(unshare)('should build in a network namespace without interfaces', async () => {
    await fs.rm(log, {force: true})
    const {code, stderr} = run('unshare', [
      '--net',
      process.execPath,
      '--import',
      preload,
      cli,
      'build',
      'manuscript',
      '--out',
      'out-unshared',
      '--no-cache'
    ])
    expect(stderr).toBe(warnings)
    expect(code).toBe(0)
    await expect(fs.access(log)).rejects.toThrow(/ENOENT/)
    await expect(fs.access(path.join(tmp, 'out-unshared', 'remote-hant.epub'))).resolves.toBeUndefined()
  })
})
