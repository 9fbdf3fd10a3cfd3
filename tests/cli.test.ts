/**
 * The command line as a newcomer meets it: each mistake in what is given
 * (a missing folder, a file for a folder, a language, a rule id, an
 * edition) with its exact message, rule id and exit code, and never a stack
 * trace; a bug's stack only with `--debug`; building only the editions and
 * formats asked for; a book's `rules:`.
 *
 * Needs `dist/` (`make test` builds it first).
 */
import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

const cli = path.join(import.meta.dirname, '..', 'dist', 'bin', 'zhbook.js')
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-cli-')))
const chapter = '# 第一章\n\n軟體和網路。\n'

/** Run the command line in `tmp` (or `cwd`). */
function zhbook(args: string[], options: {cwd?: string; preload?: string} = {}) {
  const run = spawnSync(process.execPath, [...(options.preload ? ['--import', options.preload] : []), cli, ...args], {
    cwd: options.cwd ?? tmp,
    encoding: 'utf8',
    env: {...process.env, SOURCE_DATE_EPOCH: ''}
  })
  return {code: run.status, stdout: run.stdout, stderr: run.stderr}
}

/** Write a book below `tmp`. */
function book(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name)
  fs.mkdirSync(dir, {recursive: true})
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text)
  return dir
}

/** Files below a folder, relative, sorted (not the output folder's marker). */
function list(dir: string): string[] {
  return fs
    .readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && entry.name !== '.zhbook-output')
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`Missing ${cli}: run \`make test\` (it builds dist/ first)`)
})

afterAll(() => {
  fs.rmSync(tmp, {recursive: true, force: true})
})

describe('mistakes on the command line', () => {
  const cases: Array<{name: string; setup?: () => void; args: string[]; stderr: string[]; code: number}> = [
    {
      name: 'a folder that does not exist',
      args: ['build', 'no-such-book', '--out', 'out-1'],
      stderr: [
        'no-such-book:1:1: error: Unexpected missing folder `no-such-book`, expected the book’s folder (its `*.md` chapters, a book.yaml): `zhbook init no-such-book` makes a sample book there [U001]',
        'zhbook: 1 error (U001), 0 warnings',
        'zhbook: build failed; nothing was written to out-1'
      ],
      code: 1
    },
    {
      name: 'a folder that does not exist, to watch',
      args: ['watch', 'no-such-book', '--out', 'out-watch'],
      stderr: [
        'no-such-book:1:1: error: Unexpected missing folder `no-such-book`, expected the book’s folder (its `*.md` chapters, a book.yaml): `zhbook init no-such-book` makes a sample book there [U001]'
      ],
      code: 1
    },
    {
      name: 'a chapter file where the book’s folder is expected',
      setup: () => book('file-given', {'01-lunyu.md': chapter}),
      args: ['build', 'file-given/01-lunyu.md', '--out', 'out-2'],
      stderr: [
        'file-given/01-lunyu.md:1:1: error: Unexpected file `file-given/01-lunyu.md`, expected a folder: give the book’s folder (`file-given`), which holds it [U002]',
        'zhbook: 1 error (U002), 0 warnings',
        'zhbook: build failed; nothing was written to out-2'
      ],
      code: 1
    },
    {
      name: 'a language zhbook does not build from',
      setup: () => book('simplified', {'book.yaml': 'title: 书\nauthor: 甲\nlanguage: zh-CN\n', 'a.md': chapter}),
      args: ['build', 'simplified', '--out', 'out-3'],
      stderr: [
        'simplified/book.yaml:3:11: error: Unexpected language `zh-CN`, expected Traditional Chinese: `zh-Hant` (or `zh-TW`, `zh-HK`); zhbook makes the Simplified edition from it [C010]',
        'zhbook: 1 error (C010), 0 warnings',
        'zhbook: build failed; nothing was written to out-3'
      ],
      code: 1
    },
    {
      name: 'an unknown rule id in `rules:`',
      setup: () =>
        book('rules', {'book.yaml': 'title: 書\nauthor: 甲\nrules:\n  H001: off\n  H999: info\n', 'a.md': chapter}),
      args: ['build', 'rules', '--out', 'out-4'],
      stderr: [
        'rules/book.yaml:5:3: error: Unexpected rule `H999`, expected a rule id of zhbook such as `H001` (see “Rule ids” in the README) [C012]',
        'zhbook: 1 error (C012), 0 warnings',
        'zhbook: build failed; nothing was written to out-4'
      ],
      code: 1
    },
    {
      name: 'a level a rule cannot have',
      setup: () => book('level', {'book.yaml': 'title: 書\nauthor: 甲\nrules:\n  H001: loud\n', 'a.md': chapter}),
      args: ['build', 'level', '--out', 'out-5'],
      stderr: [
        'level/book.yaml:4:9: error: Unexpected value for `rules.H001`: Invalid option: expected one of "off"|"info"|"warning" [C002]',
        'zhbook: 1 error (C002), 0 warnings',
        'zhbook: build failed; nothing was written to out-5'
      ],
      code: 1
    },
    {
      name: 'an unknown edition and format',
      setup: () => book('editions', {'a.md': chapter}),
      args: ['build', 'editions', '--out', 'out-6', '--edition', 'hans', '--edition', 'simplified', '--format', 'pdf'],
      stderr: [
        'zhbook: error: Unexpected edition `simplified`, expected hant, hans, bilingual [U004]',
        'zhbook: error: Unexpected format `pdf`, expected epub, web [U004]'
      ],
      code: 1
    },
    {
      name: '`init` in a folder that has a book.yaml',
      setup: () => book('has-config', {'book.yaml': 'title: 書\nauthor: 甲\n', 'a.md': chapter}),
      args: ['init', 'has-config'],
      stderr: [
        'has-config/book.yaml:1:1: error: Unexpected book.yaml, expected a folder without one: `zhbook init` never overwrites it (edit it, or remove it first) [U003]'
      ],
      code: 1
    },
    {
      name: '`init` given a file',
      setup: () => book('init-file', {'notes.md': chapter}),
      args: ['init', 'init-file/notes.md'],
      stderr: [
        'init-file/notes.md:1:1: error: Unexpected file `init-file/notes.md`, expected a folder for the book [U002]'
      ],
      code: 1
    }
  ]

  for (const entry of cases) {
    it(`should report ${entry.name} with its rule id, no stack trace, and exit ${entry.code}`, () => {
      entry.setup?.()
      const before = fs.existsSync(path.join(tmp, 'has-config')) ? list(path.join(tmp, 'has-config')) : []
      const result = zhbook(entry.args)
      expect(result.stderr).toBe([...entry.stderr, ''].join('\n'))
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(result.code).toBe(entry.code)
      expect(result.stdout).toBe('')
      if (entry.args[0] === 'init' && entry.args[1] === 'has-config') {
        expect(list(path.join(tmp, 'has-config'))).toEqual(before)
        expect(fs.readFileSync(path.join(tmp, 'has-config', 'book.yaml'), 'utf8')).toBe('title: 書\nauthor: 甲\n')
      }
    })
  }

  it('should take `zh-TW` as Traditional, say so in a note, and build', () => {
    book('taiwan', {'book.yaml': 'title: 書\nauthor: 甲\nlanguage: zh-TW\n', 'a.md': chapter})
    const result = zhbook(['build', 'taiwan', '--out', 'out-taiwan', '--format', 'epub'])
    expect(result.stderr).toBe(
      [
        'taiwan/book.yaml:3:11: info: Language `zh-TW` read as Traditional Chinese (`zh-Hant`): the editions are tagged `zh-Hant` and `zh-Hans` [C011]',
        'zhbook: 0 errors, 0 warnings, 1 note (C011)',
        ''
      ].join('\n')
    )
    expect(result.code).toBe(0)
    expect(list(path.join(tmp, 'out-taiwan')).filter((name) => name.endsWith('.epub'))).toEqual([
      'taiwan-hans.epub',
      'taiwan-hant.epub'
    ])
  })
})

describe('zhbook build without a folder', () => {
  it('should build the current folder when it holds chapters', () => {
    const dir = book('bare', {'01-one.md': chapter})
    const result = zhbook(['build', '--out', '../bare-out', '--format', 'epub', '-q'], {cwd: dir})
    expect(result.stderr).toBe(
      [
        '.:1:1: warning: Unexpected book without a title, expected `title:` (and `author:`) in a `book.yaml` in the book’s folder: using the folder name `bare` [L006]',
        'zhbook: 0 errors, 1 warning (L006)',
        ''
      ].join('\n')
    )
    expect(result.code).toBe(0)
    expect(list(path.join(tmp, 'bare-out')).filter((name) => name.endsWith('.epub'))).toEqual([
      'bare-hans.epub',
      'bare-hant.epub'
    ])
  })
})

describe('a bug in zhbook', () => {
  const preload = path.join(import.meta.dirname, 'helpers', 'fail-at-rename.mjs')

  it('should say it is a bug in one line, without a stack trace, and exit 70', () => {
    book('bug', {'book.yaml': 'title: 書\nauthor: 甲\n', 'a.md': chapter})
    const result = zhbook(['build', 'bug', '--out', 'out-bug', '-q'], {preload})
    expect(result.stderr).toBe(
      'zhbook: internal error: injected failure at rename (a bug in zhbook: run again with --debug for the details)\n'
    )
    expect(result.code).toBe(70)
  })

  it('should print the stack trace with `--debug`', () => {
    const result = zhbook(['build', 'bug', '--out', 'out-bug', '-q', '--debug'], {preload})
    expect(result.stderr).toMatch(/^zhbook: internal error: Error: injected failure at rename\n\s+at /)
    expect(result.code).toBe(70)
  })
})

describe('zhbook build --edition --format', () => {
  it('should build only the editions and formats asked for', () => {
    book('some', {'book.yaml': 'title: 書\nauthor: 甲\nslug: some\n', 'a.md': chapter})
    const result = zhbook(['build', 'some', '--out', 'out-some', '--edition', 'hans', '--format', 'epub'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^hans: 2 phrase changes, 0 overrides applied, 4 characters converted \(reports\/conversion-hans\.md\)\nBuilt hans: 1 EPUB, 0 web pages in out-some\/ \(\d+ ms\)\n$/
    )
    expect(list(path.join(tmp, 'out-some'))).toEqual([
      'reports/conversion-hans.json',
      'reports/conversion-hans.md',
      'some-hans.epub'
    ])
  })

  it('should take `editions:` and `formats:` from book.yaml, and let the command line win', () => {
    book('configured', {
      'book.yaml': 'title: 書\nauthor: 甲\nslug: configured\neditions: [hant]\nformats: [web]\n',
      'a.md': chapter
    })
    expect(zhbook(['build', 'configured', '--out', 'out-configured']).code).toBe(0)
    expect(list(path.join(tmp, 'out-configured'))).toEqual([
      'web/favicon.svg',
      'web/hant/a.html',
      'web/hant/index.html',
      'web/hant/search.html',
      'web/hant/search.js',
      'web/hant/search/a.js',
      'web/index.html',
      'web/prefs.js',
      'web/search-page.js',
      'web/site.js',
      'web/style.css'
    ])
    expect(zhbook(['build', 'configured', '--out', 'out-configured-2', '--format', 'epub']).code).toBe(0)
    expect(list(path.join(tmp, 'out-configured-2'))).toEqual(['configured-hant.epub'])
  })
})

describe('rules: in book.yaml', () => {
  /** A chapter with one piece of unsafe HTML (H001) on each of `count` lines. */
  function unsafe(count: number): string {
    return (
      '# 第一章\n\n' + Array.from({length: count}, (_, index) => `<span onclick="x()">${index}</span>\n\n`).join('')
    )
  }

  it('should show the first five warnings of a rule, sum up the rest, and count them by rule', () => {
    book('many', {'book.yaml': 'title: 書\nauthor: 甲\n', 'a.md': unsafe(4), 'b.md': unsafe(4), 'c.md': unsafe(1)})
    const result = zhbook(['build', 'many', '--out', 'out-many', '--format', 'epub', '--edition', 'hant', '-q'])
    const lines = result.stderr.split('\n')
    expect(lines.slice(5)).toEqual(['… and 4 more H001 in 2 files', 'zhbook: 0 errors, 9 warnings (H001 ×9)', ''])
    expect(lines.slice(0, 5).map((line) => line.replace(/: warning: .*\[H001\]$/, ''))).toEqual([
      'many/a.md:3:1',
      'many/a.md:5:1',
      'many/a.md:7:1',
      'many/a.md:9:1',
      'many/b.md:3:1'
    ])
    expect(result.code).toBe(0)
  })

  it('should print every warning with --verbose', () => {
    const result = zhbook([
      'build',
      'many',
      '--out',
      'out-many',
      '--format',
      'epub',
      '--edition',
      'hant',
      '-q',
      '--verbose'
    ])
    expect(result.stderr.split('\n').filter((line) => line.endsWith('[H001]'))).toHaveLength(9)
  })

  it('should turn a rule off, or its warnings into notes', () => {
    book('quiet', {'book.yaml': 'title: 書\nauthor: 甲\nrules:\n  H001: off\n', 'a.md': unsafe(2)})
    const off = zhbook(['build', 'quiet', '--out', 'out-quiet', '--format', 'epub', '-q'])
    expect(off.stderr).toBe('')
    expect(off.code).toBe(0)
    book('notes', {'book.yaml': 'title: 書\nauthor: 甲\nrules: {H001: info}\n', 'a.md': unsafe(1)})
    const info = zhbook(['build', 'notes', '--out', 'out-notes', '--format', 'epub', '-q'])
    expect(info.stderr.split('\n').map((line) => line.replace(/^(\S+ info: ).*(\[H001\])$/, '$1… $2'))).toEqual([
      'notes/a.md:3:1: info: … [H001]',
      'zhbook: 0 errors, 0 warnings, 1 note (H001)',
      ''
    ])
  })

  it('should keep an error an error, whatever `rules:` says', () => {
    book('missing', {
      'book.yaml': 'title: 書\nauthor: 甲\nchapters: [a.md, b.md]\nrules: {M001: off}\n',
      'a.md': chapter
    })
    const result = zhbook(['build', 'missing', '--out', 'out-missing'])
    expect(result.stderr).toContain('[M001]\nzhbook: 1 error (M001), 0 warnings\n')
    expect(result.code).toBe(1)
  })
})

describe('zhbook watch', () => {
  it('should build, serve the book, and end with 0 on SIGTERM', async () => {
    book('watched', {'book.yaml': 'title: 書\nauthor: 甲\n', 'a.md': chapter})
    const child = spawn(process.execPath, [cli, 'watch', 'watched', '--out', 'out-watched', '--port', '0'], {cwd: tmp})
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      if (stdout.includes('Watching')) child.kill('SIGTERM')
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stdout).toMatch(/^Rebuilt \(start\) in \d+ ms; 0 chapters from cache\nServing http:\/\/127\.0\.0\.1:\d+\/ /)
    expect(code).toBe(0)
    expect(fs.existsSync(path.join(tmp, 'out-watched', 'web', 'index.html'))).toBe(true)
  })
})
