/**
 * The catalogue of the folders zhbook writes and deletes: each case is the
 * exact message and exit code a build (or `zhbook clean`) now gives, and the
 * proof that the previous output and the manuscript are byte for byte as
 * they were.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../src/build/build.js'
import {BuildSession} from '../src/build/session.js'
import {verifyOutputs} from '../src/build/verify.js'
import {failureCode, formatMessages} from '../src/core/diagnostics.js'
import type {Renderer} from '../src/core/model.js'
import {cleanCommand} from '../src/cli/clean.js'
import {snapshot, writeFiles} from './helpers/manuscript.js'

const cli = path.join(import.meta.dirname, '..', 'dist', 'bin', 'zhbook.js')
const goodBook = path.join(import.meta.dirname, 'fixtures', 'books', 'small-book', 'manuscript')
const failed = (out: string) => `zhbook: build failed; nothing was written to ${out}`

let tmp: string

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-folders-'))
})

afterAll(async () => {
  await fs.rm(tmp, {recursive: true, force: true})
})

/** Run the command line in a folder; paths in its output relative to it. */
function zhbook(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: {...process.env, SOURCE_DATE_EPOCH: ''}
  })
  return {code: run.status, stdout: run.stdout, stderr: run.stderr}
}

/** The errors of a command's output, with its last line: warnings of the book left out. */
function errors(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.includes(': warning: '))
    .join('\n')
}

/** The error lines of a build's messages. */
function errorLines(result: {messages: Parameters<typeof formatMessages>[0]}, cwd: string): string[] {
  return formatMessages(result.messages, cwd).filter((line) => line.includes(': error: '))
}

/** A folder of its own below the temporary one, with a copy of the good book in `book/`. */
async function project(name: string): Promise<{root: string; book: string}> {
  const root = path.join(tmp, name)
  const book = path.join(root, 'book')
  await fs.mkdir(root, {recursive: true})
  await fs.cp(goodBook, book, {recursive: true})
  return {root, book}
}

describe('the folders a build writes into', () => {
  it('should refuse a manuscript copied into OUT/web and built into OUT, and delete nothing (W002)', async () => {
    const p = path.join(tmp, 'p')
    await fs.cp(goodBook, path.join(p, 'web'), {recursive: true})
    const before = await snapshot(p)
    const {code, stderr} = zhbook(['build', 'p/web', '--out', 'p'], tmp)
    expect(stderr).toBe(
      [
        'p:1:1: error: Unexpected manuscript folder `p/web` inside the output folder `p`, expected an output folder that does not hold the manuscript (pass another `--out`) [W002]',
        'zhbook: 1 error (W002), 0 warnings',
        failed('p'),
        ''
      ].join('\n')
    )
    expect(code).toBe(1)
    expect(await snapshot(p)).toEqual(before)
  })

  it('should refuse `--out .` in a project with its own `web/` and the manuscript (W002)', async () => {
    const {root} = await project('dot')
    await writeFiles(root, {'web/index.html': '<p>mine</p>\n'})
    const before = await snapshot(root)
    const {code, stderr} = zhbook(['build', 'book', '--out', '.'], root)
    expect(stderr).toBe(
      [
        '.:1:1: error: Unexpected manuscript folder `book` inside the output folder `.`, expected an output folder that does not hold the manuscript (pass another `--out`) [W002]',
        'zhbook: 1 error (W002), 0 warnings',
        failed('.'),
        ''
      ].join('\n')
    )
    expect(code).toBe(1)
    expect(await snapshot(root)).toEqual(before)
  })

  it('should refuse `--out .` in a folder with files of its own, the manuscript elsewhere (W003)', async () => {
    const {book} = await project('dot-elsewhere')
    const here = path.join(tmp, 'dot-elsewhere', 'site')
    await writeFiles(here, {'web/index.html': '<p>mine</p>\n', 'notes.txt': 'mine\n'})
    const before = await snapshot(here)
    const {code, stderr} = zhbook(['build', book, '--out', '.'], here)
    expect(stderr).toBe(
      [
        '.:1:1: error: Unexpected output folder `.`, the current folder, which holds `notes.txt`, `web`, expected a folder of its own (pass `--out output`) [W003]',
        'zhbook: 1 error (W003), 0 warnings',
        failed('.'),
        ''
      ].join('\n')
    )
    expect(code).toBe(1)
    expect(await snapshot(here)).toEqual(before)
  })

  it('should refuse an output folder inside the manuscript (W001)', async () => {
    const {root, book} = await project('inside')
    const before = await snapshot(book)
    const {code, stderr} = zhbook(['build', 'book', '--out', 'book/out'], root)
    expect(stderr).toBe(
      [
        'book/out:1:1: error: Unexpected output folder `book/out` inside the manuscript folder `book`, expected a folder outside it (pass another `--out`) [W001]',
        'zhbook: 1 error (W001), 0 warnings',
        failed('book/out'),
        ''
      ].join('\n')
    )
    expect(code).toBe(1)
    expect(await snapshot(book)).toEqual(before)
  })

  it('should refuse an output folder with files zhbook did not write (W004)', async () => {
    const {root, book} = await project('foreign')
    await writeFiles(root, {'site/web/index.html': '<p>mine</p>\n', 'site/.gitkeep': ''})
    const before = [await snapshot(root)]
    const {code, stderr} = zhbook(['build', 'book', '--out', 'site'], root)
    expect(stderr).toBe(
      [
        'site:1:1: error: Unexpected `web` in the output folder `site`, which zhbook did not write (it has no `.zhbook-output`), expected an empty folder (empty it, or pass another `--out`) [W004]',
        'zhbook: 1 error (W004), 0 warnings',
        failed('site'),
        ''
      ].join('\n')
    )
    expect(code).toBe(1)
    expect([await snapshot(root)]).toEqual(before)
    expect(await fs.readdir(book)).not.toContain('.zhbook-cache')
  })

  it('should build into an empty folder (a `.gitkeep` aside) and mark it as its own', async () => {
    const {root} = await project('empty')
    await writeFiles(root, {'out/.gitkeep': ''})
    const {code} = zhbook(['build', 'book', '--out', 'out', '-q'], root)
    expect(code).toBe(0)
    expect((await fs.readdir(path.join(root, 'out'))).sort()).toEqual([
      '.gitkeep',
      '.zhbook-output',
      'reports',
      'small-hans.epub',
      'small-hant.epub',
      'web'
    ])
    expect(await fs.readFile(path.join(root, 'out', '.zhbook-output'), 'utf8')).toBe(
      [
        '# This folder is written by zhbook (`zhbook build`, `zhbook watch`).',
        '# Each build replaces the entries listed below, and removes those it no',
        '# longer makes; anything else here is left alone. Delete this file and',
        '# zhbook will not write here again unless the folder is empty.',
        '',
        'reports',
        'small-hans.epub',
        'small-hant.epub',
        'web',
        ''
      ].join('\n')
    )
  })

  it('should refuse an entry of its own name that its marker does not list, and leave it (W005)', async () => {
    const {root, book} = await project('unlisted')
    const out = path.join(root, 'out')
    expect((await build({input: book, output: out, env: {}})).ok).toBe(true)
    const marker = path.join(out, '.zhbook-output')
    await fs.writeFile(marker, (await fs.readFile(marker, 'utf8')).replace('web\n', ''))
    const before = await snapshot(out)
    const result = await build({input: book, output: out, env: {}})
    expect(errorLines(result, root)).toEqual([
      "out/web:1:1: error: Unexpected `web` in the output folder, which zhbook did not write (`.zhbook-output` does not list it), expected zhbook's own entry (move it away, or pass another `--out`) [W005]"
    ])
    expect(result.ok).toBe(false)
    expect(await snapshot(out)).toEqual(before)
  })

  it('should refuse a file as the output folder, or in its path (W006)', async () => {
    const {root} = await project('file')
    await writeFiles(root, {'out.txt': 'mine\n'})
    for (const [out, reason] of [
      ['out.txt', 'Unexpected file `out.txt`, expected an output folder (pass another `--out`)'],
      [
        'out.txt/sub',
        'Unexpected file in the path of the output folder `out.txt/sub`, expected folders (pass another `--out`)'
      ]
    ]) {
      const {code, stderr} = zhbook(['build', 'book', '--out', out!], root)
      expect(stderr).toBe(
        [`${out}:1:1: error: ${reason} [W006]`, 'zhbook: 1 error (W006), 0 warnings', failed(out!), ''].join('\n')
      )
      expect(code).toBe(1)
    }

    expect(await fs.readFile(path.join(root, 'out.txt'), 'utf8')).toBe('mine\n')
  })

  it('should remove the entries it no longer makes, and leave what is not its own', async () => {
    const {root, book} = await project('renamed')
    const out = path.join(root, 'out')
    expect((await build({input: book, output: out, env: {}})).ok).toBe(true)
    await writeFiles(out, {'notes.txt': 'mine\n'})
    const config = path.join(book, 'book.yaml')
    await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace('slug: small', 'slug: renamed'))
    expect((await build({input: book, output: out, env: {}})).ok).toBe(true)
    expect((await fs.readdir(out)).sort()).toEqual([
      '.zhbook-output',
      'notes.txt',
      'renamed-hans.epub',
      'renamed-hant.epub',
      'reports',
      'web'
    ])
  })

  it('should keep nothing of a previous build in the output folder, in a session that keeps its staging folder', async () => {
    const {root, book} = await project('stale')
    const out = path.join(root, 'out')
    const chapters = (await fs.readdir(book)).filter((name) => name.endsWith('.md')).sort()
    const last = path.join(book, chapters.at(-1)!)
    await fs.appendFile(last, '\n刪去的祕密段落。\n')
    const session = new BuildSession({cacheDir: path.join(root, 'cache')})
    try {
      for (const round of [1, 2, 3]) {
        if (round === 2) await fs.writeFile(last, (await fs.readFile(last, 'utf8')).replace('刪去的祕密段落。', ''))
        expect((await build({input: book, output: out, env: {}, session})).ok).toBe(true)
        const found: string[] = []
        for (const [name, bytes] of await snapshot(out)) {
          const texts = name.endsWith('.epub')
            ? await Promise.all(
                Object.values((await JSZip.loadAsync(bytes)).files).map((entry) => entry.async('string'))
              )
            : [bytes.toString('utf8')]
          if (texts.some((text) => text.includes('祕密段落'))) found.push(name)
        }

        expect(found.length > 0, `round ${round}: ${found.join(', ')}`).toBe(round === 1)
      }
    } finally {
      await session.dispose()
    }

    expect((await fs.readdir(out)).filter((name) => name.startsWith('.zhbook-staging-'))).toEqual([])
  })
})

describe('write errors', () => {
  /** A tmpfs of its own (root only): `undefined` where mounting is not allowed. */
  function mount(dir: string, options: string): boolean {
    return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0
  }

  it('should report a full disk (ENOSPC) with the path, exit 1 and keep the previous output (W007)', async (context) => {
    const {root, book} = await project('full')
    const disk = path.join(root, 'disk')
    await fs.mkdir(disk)
    if (process.getuid?.() !== 0 || !mount(disk, 'size=4m')) return context.skip()
    try {
      const out = path.join(disk, 'out')
      expect(zhbook(['build', 'book', '--out', 'disk/out', '-q', '--no-cache'], root).code).toBe(0)
      const before = await snapshot(out)
      await fs.appendFile(path.join(book, '1-one.md'), '\n新加的一段。\n')
      // Fill the disk but for a few blocks.
      await fs.writeFile(path.join(disk, 'filler'), '')
      const filler = await fs.open(path.join(disk, 'filler'), 'a')
      try {
        for (;;) await filler.write(Buffer.alloc(16 * 1024))
      } catch {}

      await filler.close()
      const {code, stderr} = zhbook(['build', 'book', '--out', 'disk/out', '--no-cache'], root)
      expect(errors(stderr)).toMatch(
        /^disk\/out:1:1: error: Unexpected full disk \(ENOSPC\) at `[^`]+`, expected a folder zhbook can write \(the last output is kept\) \[W007\]\nzhbook: 1 error \(W007\), 1 warning \(S005\)\nzhbook: build failed; nothing was written to disk\/out\n$/
      )
      expect(code).toBe(1)
      expect(await snapshot(out)).toEqual(before)
      expect((await fs.readdir(out)).filter((name) => name.startsWith('.zhbook-staging-'))).toEqual([])
    } finally {
      spawnSync('umount', [disk])
    }
  })

  it('should report a read-only disk (EROFS) with the path and exit 1 (W007)', async (context) => {
    const {root} = await project('read-only')
    const disk = path.join(root, 'disk')
    await fs.mkdir(disk)
    if (process.getuid?.() !== 0 || !mount(disk, 'ro')) return context.skip()
    try {
      const {code, stderr} = zhbook(['build', 'book', '--out', 'disk/out', '--no-cache'], root)
      expect(errors(stderr)).toBe(
        [
          `disk/out:1:1: error: Unexpected read-only file system (EROFS) at \`${disk}\`, expected a folder zhbook can write (the last output is kept) [W007]`,
          'zhbook: 1 error (W007), 1 warning (S005)',
          failed('disk/out'),
          ''
        ].join('\n')
      )
      expect(code).toBe(1)
    } finally {
      spawnSync('umount', [disk])
    }
  })
})

describe('strict output', () => {
  it('should fail a build whose document is not well-formed XML, and keep the previous output (X003)', async () => {
    const {root, book} = await project('broken-xml')
    const out = path.join(root, 'out')
    expect((await build({input: book, output: out, env: {}})).ok).toBe(true)
    const before = await snapshot(out)
    const broken: Renderer = {
      name: 'broken',
      async render() {
        return [{path: 'web/broken.svg', data: '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'}]
      }
    }
    const result = await build({input: book, output: out, env: {}, renderers: [broken]})
    expect(errorLines(result, root)).toEqual([
      'out/web/broken.svg:1:49: error: Unexpected malformed XML (unexpected close tag) in a document zhbook made, expected well-formed XML (this is a bug in zhbook; the last output is kept) [X003]'
    ])
    expect(result.ok).toBe(false)
    // A bug in zhbook, not in the book: the command exits with 70.
    expect(failureCode(result.messages)).toBe(70)
    expect(await snapshot(out)).toEqual(before)
  })

  it('should read back each EPUB and parse every XML document in it (X003, X004)', async () => {
    const zip = new JSZip()
    zip.file('mimetype', 'application/epub+zip')
    zip.file('OEBPS/a.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>\u0001</p></body></html>')
    zip.file('OEBPS/b.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>好</p></body></html>')
    const files = [
      {path: 'a.epub', data: await zip.generateAsync({type: 'uint8array'})},
      {path: 'b.epub', data: new TextEncoder().encode('not a zip')},
      {path: 'web/page.html', data: '<p>\uFFFF</p>'}
    ]
    expect(formatMessages(await verifyOutputs('/out', files), '/out')).toEqual([
      'a.epub/OEBPS/a.xhtml:1:53: error: Unexpected malformed XML (disallowed character) in a document zhbook made, expected well-formed XML (this is a bug in zhbook; the last output is kept) [X003]',
      "b.epub:1:1: error: Unexpected unreadable EPUB (Can't find end of central directory : is this a zip file ? If it is, see https://stuk.github.io/jszip/documentation/howto/read_zip.html), expected a zip archive [X004]",
      'web/page.html:1:4: error: Unexpected character XML does not allow U+FFFF in a document zhbook made, expected text a reader takes (this is a bug in zhbook; the last output is kept) [X003]'
    ])
  })
})

describe('the chapter cache and `zhbook clean`', () => {
  it('should keep the chapter cache in the manuscript folder, tagged, never in the current folder', async () => {
    const {root, book} = await project('cache')
    const elsewhere = path.join(root, 'elsewhere')
    await fs.mkdir(elsewhere)
    expect(zhbook(['build', book, '--out', path.join(root, 'out'), '-q'], elsewhere).code).toBe(0)
    expect(await fs.readdir(elsewhere)).toEqual([])
    expect(await fs.readFile(path.join(book, '.zhbook-cache', 'CACHEDIR.TAG'), 'utf8')).toMatch(
      /^Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by zhbook\./
    )
  })

  it('should refuse a `--cache` folder that holds other files (W009)', async () => {
    const {root, book} = await project('cache-foreign')
    const before = await snapshot(book)
    const {code, stderr} = zhbook(['build', 'book', '--out', 'out', '--cache', 'book'], root)
    expect(stderr).toBe(
      [
        `book:1:1: error: Unexpected files in the cache folder \`${book}\`, which has no \`CACHEDIR.TAG\` of zhbook's, expected an empty or new folder (pass another \`--cache\`) [W009]`,
        'zhbook: 1 error (W009), 0 warnings',
        failed('out'),
        ''
      ].join('\n')
    )
    expect(code).toBe(1)
    expect(await snapshot(book)).toEqual(before)
  })

  it('should refuse to clean a folder without its tag (`clean --cache manuscript`), and say nothing was removed (W008)', async () => {
    const {root, book} = await project('clean-manuscript')
    const before = await snapshot(book)
    const {code, stdout, stderr} = zhbook(['clean', '--cache', 'book'], root)
    expect(stderr).toBe(
      "book:1:1: error: Unexpected folder `book` without zhbook's cache tag (`CACHEDIR.TAG`), expected a `.zhbook-cache` folder zhbook made (it is not removed) [W008]\n"
    )
    expect(stdout).not.toContain('Removed book')
    expect(code).toBe(1)
    expect(await snapshot(book)).toEqual(before)
  })

  it('should remove a tagged cache and the dictionary index files, and nothing else', async () => {
    const {root, book} = await project('clean-cache')
    const dictionary = path.join(root, 'dictionary')
    await writeFiles(dictionary, {
      'cedict-1.1.1-f1.tsv': 'zhbook-cedict\tformat=1\n',
      'cedict-other.tsv': 'not an index\n',
      'notes.txt': 'mine\n'
    })
    expect(zhbook(['build', 'book', '--out', 'out', '-q'], root).code).toBe(0)
    const log: string[] = []
    const print = console.log
    console.log = (line: string) => log.push(line)
    let code: number
    try {
      code = await cleanCommand(book, {dictionary})
    } finally {
      console.log = print
    }

    expect(code).toBe(0)
    expect(log).toEqual([
      `Removed ${path.relative(process.cwd(), path.join(book, '.zhbook-cache'))}`,
      `Removed ${path.relative(process.cwd(), path.join(dictionary, 'cedict-1.1.1-f1.tsv'))}`
    ])
    expect(await fs.readdir(book)).not.toContain('.zhbook-cache')
    expect((await fs.readdir(dictionary)).sort()).toEqual(['cedict-other.tsv', 'notes.txt'])
  })
})
