/**
 * Edit and rebuild: the incremental build equals a clean build, watch mode
 * survives a broken file, the preview server stays on this machine and in
 * its folder, and an interrupted build never costs the previous output.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build, buildFiles} from '../src/build/build.js'
import {ChapterCache} from '../src/build/chapter-cache.js'
import {BuildSession} from '../src/build/session.js'
import type {OutputFile} from '../src/core/model.js'
import {isLoopback, startServer} from '../src/watch/server.js'
import {watch} from '../src/watch/watch.js'

const root = path.resolve(import.meta.dirname, '..')
const fixture = path.join(root, 'tests/fixtures/books/bilingual/manuscript')
let tmp: string

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-watch-'))
})

afterAll(async () => {
  await fs.rm(tmp, {recursive: true, force: true})
})

/** A fresh copy of the bilingual fixture book. */
async function copyBook(name: string): Promise<string> {
  const dir = path.join(tmp, name)
  await fs.cp(fixture, dir, {recursive: true})
  return dir
}

/** Outputs as a comparable map of path → bytes (hex digest would hide the diff). */
function bytesOf(outputs: readonly OutputFile[]): Map<string, string> {
  return new Map(outputs.map((file) => [file.path, Buffer.from(file.data).toString('base64')]))
}

/** GET a path from a server, without any URL normalisation by the client. */
function get(url: string, rawPath: string): Promise<{status: number; body: string}> {
  const {hostname, port} = new URL(url)
  return new Promise((resolve, reject) => {
    const request = http.request({host: hostname, port, path: rawPath, method: 'GET'}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve({status: response.statusCode ?? 0, body}))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('ChapterCache', () => {
  it('should give back what it was given, from memory and from disk, and reject a corrupt entry', async () => {
    const dir = path.join(tmp, 'cache')
    const book = await copyBook('cache-book')
    const session = new BuildSession({cacheDir: dir})
    const first = await buildFiles({input: book, renderers: [], env: {}, session})
    expect(session.chapters.stats).toEqual({hits: 0, misses: 3, rejected: 0})

    const again = new BuildSession({cacheDir: dir})
    const second = await buildFiles({input: book, renderers: [], env: {}, session: again})
    expect(again.chapters.stats).toEqual({hits: 3, misses: 0, rejected: 0})
    expect(JSON.stringify(second.editions.map((e) => e.chapters.map((c) => c.title)))).toBe(
      JSON.stringify(first.editions.map((e) => e.chapters.map((c) => c.title)))
    )

    // Corrupt every entry on disk: each is detected and rebuilt.
    const entries = await fs.readdir(path.join(dir, 'chapters'), {recursive: true})
    for (const entry of entries.filter((name) => name.endsWith('.json'))) {
      const file = path.join(dir, 'chapters', entry)
      const text = await fs.readFile(file, 'utf8')
      await fs.writeFile(file, text.replace('"payload":"{', '"payload":"{\\"x\\":1,'))
    }

    const third = new BuildSession({cacheDir: dir})
    const rebuilt = await buildFiles({input: book, renderers: [], env: {}, session: third})
    expect(third.chapters.stats).toEqual({hits: 0, misses: 3, rejected: 3})
    expect(rebuilt.ok).toBe(true)
  })

  it('should give a different key for any change of input', () => {
    const base = ChapterCache.key(['code', 'hans', 'one', '/a.md', '正文', {overrides: [['核心', '核心']]}])
    expect(ChapterCache.key(['code', 'hans', 'one', '/a.md', '正文', {overrides: [['核心', '核心']]}])).toBe(base)
    expect(ChapterCache.key(['code', 'hans', 'one', '/a.md', '正文。', {overrides: [['核心', '核心']]}])).not.toBe(base)
    expect(ChapterCache.key(['code', 'hant', 'one', '/a.md', '正文', {overrides: [['核心', '核心']]}])).not.toBe(base)
    expect(ChapterCache.key(['code2', 'hans', 'one', '/a.md', '正文', {overrides: [['核心', '核心']]}])).not.toBe(base)
    expect(ChapterCache.key(['code', 'hans', 'one', '/a.md', '正文', {overrides: []}])).not.toBe(base)
  })
})

describe('incremental build', () => {
  it('should equal a clean build byte for byte over random sequences of edits', async () => {
    const book = await copyBook('incremental')
    const chapterFile = path.join(book, '1-one.md')
    const original = await fs.readFile(chapterFile, 'utf8')
    const glossary = await fs.readFile(path.join(book, 'glossary.yaml'), 'utf8')
    const session = new BuildSession({cacheDir: path.join(tmp, 'incremental-cache')})

    /** Edits an editor makes. */
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant('append' as const),
        text: fc.constantFrom('新的段落講算力。', '大模型的未來', '一句話。')
      }),
      fc.record({
        kind: fc.constant('replace' as const),
        from: fc.constantFrom('機會', '小模型', '算力'),
        to: fc.constantFrom('機遇', '模型', '電力')
      }),
      fc.record({kind: fc.constant('glossary' as const), en: fc.constantFrom('computing power', 'compute')}),
      fc.record({kind: fc.constant('reset' as const)})
    )

    await fc.assert(
      fc.asyncProperty(fc.array(edit, {minLength: 1, maxLength: 3}), async (edits) => {
        for (const change of edits) {
          const text = await fs.readFile(chapterFile, 'utf8')
          if (change.kind === 'append') await fs.writeFile(chapterFile, `${text}\n${change.text}\n`)
          if (change.kind === 'replace') await fs.writeFile(chapterFile, text.replace(change.from, change.to))
          if (change.kind === 'reset') await fs.writeFile(chapterFile, original)
          if (change.kind === 'glossary') {
            await fs.writeFile(
              path.join(book, 'glossary.yaml'),
              glossary.replace('en: computing power', `en: ${change.en}`)
            )
          }

          const incremental = await buildFiles({input: book, env: {}, session})
          const clean = await buildFiles({input: book, env: {}})
          expect(incremental.ok).toBe(clean.ok)
          expect(bytesOf(incremental.outputs)).toEqual(bytesOf(clean.outputs))
        }
      }),
      {numRuns: 6, seed: 20261128}
    )
  })
})

describe('build with deferred formats', () => {
  it('should write the quick formats first, then the deferred ones, the same files as a whole build', async () => {
    const book = await copyBook('deferred')
    const out = path.join(tmp, 'deferred-out')
    const result = await build({input: book, output: out, env: {}, defer: true})
    expect(result.ok).toBe(true)
    expect(result.outputs.filter((file) => file.path.endsWith('.epub'))).toEqual([])
    expect(result.outputs.some((file) => file.path === 'web/index.html')).toBe(true)
    const late = await result.deferred
    expect(late?.outputs.map((file) => file.path)).toEqual([
      'learner-bilingual.epub',
      'learner-hans.epub',
      'learner-hant.epub'
    ])
    const whole = await buildFiles({input: book, env: {}})
    expect(bytesOf([...result.outputs, ...late!.outputs])).toEqual(bytesOf(whole.outputs))
    for (const file of whole.outputs) {
      expect(Buffer.compare(await fs.readFile(path.join(out, file.path)), Buffer.from(file.data)), file.path).toBe(0)
    }

    expect((await fs.readdir(out)).filter((name) => name.startsWith('.zhbook-staging-'))).toEqual([])
  })

  it('should write nothing of the deferred formats once stopped', async () => {
    const book = await copyBook('deferred-stopped')
    const out = path.join(tmp, 'deferred-stopped-out')
    const controller = new AbortController()
    const result = await build({input: book, output: out, env: {}, defer: true, signal: controller.signal})
    controller.abort()
    const late = await result.deferred
    expect([late?.aborted, late?.outputs]).toEqual([true, []])
    expect((await fs.readdir(out)).sort()).toEqual(['.zhbook-output', 'reports', 'web'])
  })
})

describe('preview server', () => {
  it('should listen on loopback only and refuse a host that is not', async () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true])
    expect(['0.0.0.0', '192.168.1.2', '::', 'example.com'].map(isLoopback)).toEqual([false, false, false, false])
    await expect(startServer({root: tmp, host: '0.0.0.0'})).rejects.toThrow(/loopback/)
  })

  it('should serve the site and refuse every path outside it', async () => {
    const site = path.join(tmp, 'site')
    await fs.mkdir(path.join(site, 'web'), {recursive: true})
    await fs.writeFile(
      path.join(site, 'web', 'index.html'),
      '<!doctype html><html><head><title>x</title></head><body>首頁</body></html>'
    )
    await fs.writeFile(path.join(tmp, 'secret.txt'), 'secret')
    await fs.symlink(path.join(tmp, 'secret.txt'), path.join(site, 'web', 'link.txt'))
    const server = await startServer({root: path.join(site, 'web'), port: 0})
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const home = await get(server.url, '/')
      expect(home.status).toBe(200)
      expect(home.body).toContain('首頁')
      expect(home.body).toContain('<script src="/__zhbook/client.js" defer></script>')
      for (const raw of [
        '/../secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e/%2e%2e/secret.txt',
        '/web/../../secret.txt',
        '/link.txt',
        '/%00'
      ]) {
        const response = await get(server.url, raw)
        expect([400, 403, 404], raw).toContain(response.status)
        expect(response.body, raw).not.toContain('secret')
      }
    } finally {
      await server.close()
    }
  })
})

describe('zhbook watch', () => {
  it('should survive a broken file, keep the last good output, and recover when it is fixed', async () => {
    const book = await copyBook('watched')
    const out = path.join(tmp, 'watched-out')
    const log: string[] = []
    const session = await watch({input: book, output: out, port: 0, debounce: 50, log: (line) => log.push(line)})
    // An open page listens for reloads and build errors.
    const events: string[] = []
    const {hostname, port} = new URL(session.server.url)
    const stream = http.get({host: hostname, port, path: '/__zhbook/events'}, (response) => {
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => events.push(chunk))
    })
    try {
      const epub = path.join(out, 'learner-hans.epub')
      const good = await fs.readFile(epub)
      expect((await get(session.server.url, '/hans/one.html')).status).toBe(200)
      expect((await get(session.server.url, '/__zhbook/client.js')).body).toContain(
        "new EventSource('/__zhbook/events')"
      )

      // A typo in book.yaml: the build fails, nothing changes on disk.
      let next = session.nextBuild()
      await fs.writeFile(path.join(book, 'book.yaml'), 'title: [\n')
      const failed = await next
      expect(failed?.ok).toBe(false)
      expect(log.some((line) => /book\.yaml:\d+:\d+: error: .+\[C001\]/.test(line))).toBe(true)
      expect(log.at(-1)).toMatch(/^Build failed .+ still serving the last good build$/)
      expect(Buffer.compare(await fs.readFile(epub), good)).toBe(0)
      expect((await get(session.server.url, '/hans/one.html')).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(events.join('')).toMatch(/event: build-error\ndata: \[".*C001/)

      // Fixed: it builds again, with the edit.
      next = session.nextBuild()
      await fs.appendFile(path.join(book, '1-one.md'), '\n新加的一段。\n')
      await fs.cp(path.join(fixture, 'book.yaml'), path.join(book, 'book.yaml'))
      let fixed = await next
      // The two writes may come as one change or two: wait for the one that has both.
      while (!fixed?.ok) fixed = await session.nextBuild()
      expect(fixed?.ok).toBe(true)
      expect(log.at(-1)).toMatch(/^Rebuilt \(.+\) in \d+ ms/)
      expect((await get(session.server.url, '/hans/one.html')).body).toContain('新加的一段。')
      // The EPUBs follow, in the background.
      const late = await fixed?.deferred
      expect(late?.renderers).toEqual(['epub'])
      expect(log.at(-1)).toMatch(/^Rebuilt epub \(.+\) in \d+ ms$/)
      const zip = await JSZip.loadAsync(await fs.readFile(epub))
      expect(await zip.file('OEBPS/one.xhtml')?.async('string')).toContain('新加的一段。')
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(events.join('')).toContain('event: reload')
    } finally {
      stream.destroy()
      await session.close()
    }
  })
})

describe('an interrupted build', () => {
  it('should leave the previous output intact when killed at any moment', async () => {
    const book = await copyBook('killed')
    const out = path.join(tmp, 'killed-out')
    const cli = path.join(root, 'dist', 'bin', 'zhbook.js')
    const run = (signalAfter?: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [cli, 'build', book, '--out', out, '--no-cache', '-q'], {stdio: 'ignore'})
        if (signalAfter !== undefined) setTimeout(() => child.kill('SIGKILL'), signalAfter)
        child.on('exit', (code) => resolve(code))
      })

    expect(await run()).toBe(0)
    const good = new Map<string, Buffer>()
    for (const name of ['learner-hant.epub', 'learner-hans.epub', 'learner-bilingual.epub', 'web/index.html']) {
      good.set(name, await fs.readFile(path.join(out, name)))
    }

    // Each edit makes a new output; each build is killed at another moment.
    for (const [index, delay] of [50, 150, 300, 450, 600, 750, 900].entries()) {
      await fs.appendFile(path.join(book, '1-one.md'), `\n第 ${index} 次修改。\n`)
      await run(delay)
      for (const name of good.keys()) {
        const bytes = await fs.readFile(path.join(out, name))
        if (name.endsWith('.epub')) await JSZip.loadAsync(bytes)
        expect(bytes.length, name).toBeGreaterThan(0)
      }
    }

    // The next build cleans up after the interrupted ones.
    expect(await run()).toBe(0)
    expect((await fs.readdir(out)).filter((name) => name.startsWith('.zhbook-staging-'))).toEqual([])
  })
})
