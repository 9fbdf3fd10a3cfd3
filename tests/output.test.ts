import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {OutputMemo, releaseOutput, writeOutput} from '../src/build/output.js'

let out: string

beforeEach(async () => {
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-out-'))
})

afterEach(async () => {
  await fs.rm(out, {recursive: true, force: true})
})

async function tree(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, {recursive: true, withFileTypes: true})
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)))
    .sort()
}

describe('writeOutput', () => {
  it('should write files and replace whole top-level folders, leaving other entries', async () => {
    await fs.writeFile(path.join(out, '.gitkeep'), '')
    await writeOutput(out, [
      {path: 'book.epub', data: new Uint8Array([1, 2])},
      {path: 'web/hant/old.html', data: 'old'}
    ])
    await writeOutput(out, [
      {path: 'book.epub', data: new Uint8Array([3])},
      {path: 'web/hant/new.html', data: '新'}
    ])
    expect(await tree(out)).toEqual(['.gitkeep', 'book.epub', 'web/hant/new.html'])
    expect([...(await fs.readFile(path.join(out, 'book.epub')))]).toEqual([3])
    expect(await fs.readFile(path.join(out, 'web/hant/new.html'), 'utf8')).toBe('新')
  })

  it('should leave the previous output intact when writing fails', async () => {
    await writeOutput(out, [{path: 'web/index.html', data: 'good'}])
    await expect(
      writeOutput(out, [
        {path: 'web/index.html', data: 'new'},
        {path: '../escape.html', data: 'bad'}
      ])
    ).rejects.toThrow(/Unexpected output path/)
    expect(await tree(out)).toEqual(['web/index.html'])
    expect(await fs.readFile(path.join(out, 'web/index.html'), 'utf8')).toBe('good')
  })

  it('should restore an entry an interrupted swap had retired', async () => {
    // As left by a build killed between moving the old `web` aside and
    // moving the new one in.
    const staging = path.join(out, '.zhbook-staging-x1')
    await fs.mkdir(path.join(staging, '.retired', 'web'), {recursive: true})
    await fs.writeFile(path.join(staging, '.retired', 'web', 'index.html'), 'good')
    await writeOutput(out, [{path: 'book.epub', data: 'x'}])
    expect(await tree(out)).toEqual(['book.epub', 'web/index.html'])
  })
})

describe('writeOutput, unchanged bytes', () => {
  it('should not rewrite a file whose bytes did not change, and replace only what changed', async () => {
    await writeOutput(out, [
      {path: 'a.epub', data: 'A'},
      {path: 'web/x.html', data: 'X'},
      {path: 'web/y.html', data: 'Y'}
    ])
    const before = {
      epub: (await fs.stat(path.join(out, 'a.epub'))).ino,
      x: (await fs.stat(path.join(out, 'web/x.html'))).ino
    }
    const report = await writeOutput(out, [
      {path: 'a.epub', data: 'A'},
      {path: 'web/x.html', data: 'X'},
      {path: 'web/y.html', data: 'Y2'}
    ])
    expect(report.written).toEqual(['web/y.html'])
    expect(report.unchanged).toEqual(['a.epub', 'web/x.html'])
    expect(report.replaced).toEqual([path.join(out, 'web')])
    expect((await fs.stat(path.join(out, 'a.epub'))).ino).toBe(before.epub)
    expect((await fs.stat(path.join(out, 'web/x.html'))).ino).toBe(before.x)
    expect(await fs.readFile(path.join(out, 'web/y.html'), 'utf8')).toBe('Y2')
  })

  it('should replace a folder a file went away from', async () => {
    await writeOutput(out, [
      {path: 'web/x.html', data: 'X'},
      {path: 'web/old.html', data: 'O'}
    ])
    const report = await writeOutput(out, [{path: 'web/x.html', data: 'X'}])
    expect(report.written).toEqual([])
    expect(report.replaced).toEqual([path.join(out, 'web')])
    expect(await tree(out)).toEqual(['web/x.html'])
  })

  it('should write nothing when nothing changed', async () => {
    await writeOutput(out, [
      {path: 'a.epub', data: 'A'},
      {path: 'web/x.html', data: 'X'}
    ])
    const report = await writeOutput(out, [
      {path: 'a.epub', data: 'A'},
      {path: 'web/x.html', data: 'X'}
    ])
    expect(report).toEqual({replaced: [], written: [], unchanged: ['a.epub', 'web/x.html']})
  })

  it('should know a file from what the session wrote, and see a change made behind its back', async () => {
    const memo = new OutputMemo()
    await writeOutput(
      out,
      [
        {path: 'web/x.html', data: 'X'},
        {path: 'web/y.html', data: 'Y'}
      ],
      memo
    )
    // Someone edits the output; the session's memory must not hide it.
    await fs.writeFile(path.join(out, 'web/y.html'), 'edited')
    const report = await writeOutput(
      out,
      [
        {path: 'web/x.html', data: 'X'},
        {path: 'web/y.html', data: 'Y'}
      ],
      memo
    )
    expect(report.written).toEqual(['web/y.html'])
    expect(await fs.readFile(path.join(out, 'web/y.html'), 'utf8')).toBe('Y')
  })
})

describe('writeOutput in a session', () => {
  it('should leave exactly each write’s files, over random sequences of writes', async () => {
    /** A write: files by path, each with one of a few contents. */
    const write = fc.dictionary(
      fc.constantFrom(
        'a.epub',
        'web/index.html',
        'web/x/1.html',
        'web/x/2.html',
        'web/y.html',
        'web/x',
        'reports/r.md'
      ),
      fc.constantFrom('甲', '乙', 'bytes'),
      {minKeys: 1}
    )
    await fc.assert(
      fc.asyncProperty(fc.array(write, {minLength: 1, maxLength: 6}), fc.boolean(), async (writes, meddle) => {
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-session-'))
        const memo = new OutputMemo()
        const state = new Map<string, string | Uint8Array>()
        try {
          for (const entries of writes) {
            // `web/x` and `web/x/…` cannot both be: keep the files.
            const paths = Object.keys(entries).filter(
              (name) => !(name === 'web/x' && Object.keys(entries).some((other) => other.startsWith('web/x/')))
            )
            const files = paths.map((name) => ({
              path: name,
              data: entries[name] === 'bytes' ? new Uint8Array([1, 2, 3]) : entries[name]!
            }))
            await writeOutput(dir, files, memo)
            // A top-level entry a write produces holds exactly its files; the
            // others are left as they were.
            const tops = new Set(paths.map((name) => name.split('/')[0]))
            for (const name of state.keys()) if (tops.has(name.split('/')[0])) state.delete(name)
            for (const file of files) state.set(file.path, file.data)
            const found = (await fs.readdir(dir, {recursive: true, withFileTypes: true}))
              .filter((entry) => entry.isFile() && !path.relative(dir, entry.parentPath).startsWith('.zhbook-staging-'))
              .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
              .sort()
            expect(found).toEqual([...state.keys()].sort())
            for (const [name, data] of state) {
              expect(Buffer.compare(await fs.readFile(path.join(dir, name)), Buffer.from(data))).toBe(0)
            }

            // Someone edits a page in place: the next write still puts it right.
            if (meddle && paths.includes('web/index.html')) {
              await fs.writeFile(path.join(dir, 'web/index.html'), 'edited')
              state.set('web/index.html', 'edited')
            }
          }

          // The session's end takes what it kept for its next write.
          await releaseOutput(memo)
          expect((await fs.readdir(dir)).filter((name) => name.startsWith('.zhbook-staging-'))).toEqual([])
        } finally {
          await fs.rm(dir, {recursive: true, force: true})
        }
      }),
      {numRuns: 40, seed: 20261201}
    )
  })
})
