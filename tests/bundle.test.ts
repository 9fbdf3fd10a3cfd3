/**
 * The bundled command (`dist/bin/`, `scripts/bundle.ts`): it runs from any
 * folder and finds its own files from its package's folder (the assets, its
 * version, its packed tables), and a book large enough for the reading
 * threads starts them from the bundle's own worker entry.
 *
 * Needs `dist/bin/` (the tests' global setup bundles it, and `make`).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import {Worker} from 'node:worker_threads'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ReadAnswer} from '../src/build/parse-worker.js'
import {packageInfo} from '../src/core/package-root.js'

const root = path.resolve(import.meta.dirname, '..')
const bin = path.join(root, 'dist', 'bin')
const cli = path.join(bin, 'zhbook.js')
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-bundle-')))

/** Run the bundled command with `tmp` as the working folder. */
function zhbook(args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: {...process.env, SOURCE_DATE_EPOCH: ''}
  })
  return {code: run.status, stdout: run.stdout, stderr: run.stderr}
}

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`Missing ${cli}: run \`make test\` (it bundles dist/bin/ first)`)
})

afterAll(() => {
  fs.rmSync(tmp, {recursive: true, force: true})
})

describe('packageInfo', () => {
  it('should find the folder whose package.json is zhbook’s, from any folder below it', () => {
    const {version} = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}
    expect(packageInfo()).toEqual({root, version})
    expect(packageInfo(bin)).toEqual({root, version})
    expect(packageInfo(path.join(root, 'src', 'formats', 'shared'))).toEqual({root, version})
  })

  it('should throw outside zhbook’s package', () => {
    expect(() => packageInfo(tmp)).toThrow(
      'Unexpected zhbook module outside its package, expected a `package.json` named `zhbook` above it'
    )
  })
})

describe('the bundled command', () => {
  it('should be one entry, the build, watch, reading and cover threads’ entries, chunks and the packed tables, the entry executable', () => {
    const names = fs.readdirSync(bin)
    expect(names.filter((name) => !/^[\w-]+-[A-Z0-9]{8}\.js$/.test(name)).sort()).toEqual([
      'build-thread.js',
      'cover-thread.js',
      'parse-worker.js',
      'tables.bin',
      'watch-thread.js',
      'zhbook.js'
    ])
    expect(fs.statSync(cli).mode & 0o111).not.toBe(0)
    expect(fs.readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('should carry none of OpenCC’s dictionaries, only their tables packed', () => {
    // The second entry of STPhrases, the largest dictionary, as it is or as the bundler escapes it.
    const entry = '一丝不挂 一絲不掛'
    const escaped = entry.replace(/[^ ]/g, (character) => '\\u' + character.codePointAt(0)!.toString(16).toUpperCase())
    const chunks = fs.readdirSync(bin).filter((name) => name.endsWith('.js'))
    const holding = chunks.filter((name) => {
      const code = fs.readFileSync(path.join(bin, name), 'utf8')
      return code.includes(entry) || code.includes(escaped)
    })
    expect(holding).toEqual([])
    expect(fs.statSync(path.join(bin, 'tables.bin')).size).toBeGreaterThan(1_000_000)
  })

  it('should print the package’s version from another folder', () => {
    const {version} = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}
    expect(zhbook(['--version'])).toEqual({code: 0, stdout: version + '\n', stderr: ''})
  })

  it('should find its assets from another folder', () => {
    const book = path.join(root, 'tests', 'fixtures', 'books', 'small-book', 'manuscript')
    const out = path.join(tmp, 'small')
    const run = zhbook(['build', book, '--out', out, '--edition', 'hant', '--format', 'web', '--no-cache', '-q'])
    expect(run.code).toBe(0)
    for (const name of ['site.js', 'prefs.js', 'search-page.js', 'style.css']) {
      expect(fs.readFileSync(path.join(out, 'web', name), 'utf8')).toBe(
        fs.readFileSync(path.join(root, 'dist', 'assets', 'web', name), 'utf8')
      )
    }
  })

  it('should read the chapters of a large book on threads started from the bundle', () => {
    // Past 256 K characters a book is read on the reading threads.
    const book = path.join(tmp, 'large')
    fs.mkdirSync(book)
    fs.writeFileSync(path.join(book, 'book.yaml'), 'title: 大書\nauthor: 作者\nchapters: [one.md, two.md, three.md]\n')
    for (const name of ['one', 'two', 'three']) {
      const text = `# ${name}\n\n` + '一段正文，說明軟體。\n\n'.repeat(9000)
      fs.writeFileSync(path.join(book, `${name}.md`), text)
    }

    const out = path.join(tmp, 'large-out')
    const run = zhbook(['build', book, '--out', out, '--edition', 'hant', '--format', 'web', '--no-cache', '-q'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(fs.readdirSync(path.join(out, 'web', 'hant')).filter((name) => name.endsWith('.html'))).toEqual([
      'index.html',
      'one.html',
      'search.html',
      'three.html',
      'two.html'
    ])
  })

  it('should draw covers, text and all, on the cover thread of the bundle', async () => {
    const book = path.join(root, 'tests', 'fixtures', 'books', 'small-book', 'manuscript')
    const sizes = ['', undefined].map(async (fonts) => {
      const out = path.join(tmp, 'covers-' + (fonts ?? 'found'))
      const run = spawnSync(
        process.execPath,
        [
          cli,
          'build',
          book,
          '--out',
          out,
          '--edition',
          'hant',
          '--edition',
          'hans',
          '--format',
          'epub',
          '--no-cache',
          '-q'
        ],
        {cwd: tmp, encoding: 'utf8', env: {...process.env, ...(fonts === undefined ? {} : {ZHBOOK_COVER_FONTS: fonts})}}
      )
      // I003: a cover drawn without text.
      expect(run.stderr.includes('[I003]')).toBe(fonts === '')
      expect(run.status).toBe(0)
      const names = fs.readdirSync(out).filter((name) => name.endsWith('.epub'))
      return Promise.all(
        names.map(async (name) => {
          const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, name)))
          return (await zip.file('OEBPS/cover.png')!.async('uint8array')).byteLength
        })
      )
    })
    const [without, drawn] = await Promise.all(sizes)
    expect(drawn).toHaveLength(2)
    // Text is most of a cover's picture.
    for (const [index, size] of drawn!.entries()) expect(size).toBeGreaterThan(2 * without![index]!)
  })

  it('should answer each cover from the cover thread’s entry, and say why one cannot be drawn', async () => {
    const worker = new Worker(path.join(bin, 'cover-thread.js'))
    try {
      const answers = new Map<number, {png?: Uint8Array; error?: string}>()
      const done = new Promise<undefined>((resolve, reject) => {
        worker.on('error', reject)
        worker.on('message', (message: {id: number; png?: Uint8Array; error?: string}) => {
          answers.set(message.id, message)
          if (answers.size === 2) resolve(undefined)
        })
      })
      const svg = {
        type: 'element',
        tagName: 'svg',
        properties: {xmlns: 'http://www.w3.org/2000/svg', width: 120, height: 180, fontFamily: "'Noto Serif CJK TC'"},
        children: [
          {
            type: 'element',
            tagName: 'text',
            properties: {x: 60, y: 90, fontSize: 40, textAnchor: 'middle'},
            children: [
              {type: 'element', tagName: 'tspan', properties: {x: 60}, children: [{type: 'text', value: '書'}]}
            ]
          }
        ]
      }
      const fonts = ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc']
      // Fonts read ahead, then two covers drawn with them.
      worker.postMessage({type: 'load', fonts})
      worker.postMessage({type: 'draw', id: 1, svg, fonts})
      // A size resvg refuses.
      worker.postMessage({type: 'draw', id: 2, svg: {...svg, properties: {...svg.properties, width: 0}}, fonts})
      await done
      expect([...answers.get(1)!.png!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
      expect(answers.get(2)).toEqual({id: 2, error: expect.stringMatching(/Error/)})
    } finally {
      await worker.terminate()
    }
  })

  it('should answer a chapter from its worker entry', async () => {
    const worker = new Worker(path.join(bin, 'parse-worker.js'))
    try {
      const answers: unknown[] = []
      const done = new Promise<ReadAnswer>((resolve, reject) => {
        worker.on('error', reject)
        worker.on('message', (message: unknown) => {
          answers.push(message)
          if (message !== 'ready') resolve(message as ReadAnswer)
        })
      })
      worker.postMessage({id: 7, chapter: {path: 'a.md', value: '# 標題\n\n正文。\n'}})
      const answer = await done
      expect(answers[0]).toBe('ready')
      expect(answer.id).toBe(7)
      expect('tree' in answer.parsed && (answer.parsed.tree as {children: Array<{type: string}>}).children).toEqual([
        expect.objectContaining({type: 'heading'}),
        expect.objectContaining({type: 'paragraph'})
      ])
    } finally {
      await worker.terminate()
    }
  })
})
