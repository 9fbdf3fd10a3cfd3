/**
 * The catalogue of bad and hostile input: each case is a manuscript written
 * here, the exact messages its build gives (`file:line:col: severity: message
 * [rule]`) and whether it builds. A case with errors is built into an output
 * folder that holds a good build, which must stay byte for byte as it was; a
 * few go through the command line too (exit code 1, no stack trace).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build, buildFiles} from '../src/build/build.js'
import {renderReport} from '../src/convert/report.js'
import {formatMessages, rules} from '../src/core/diagnostics.js'
import type {EditionId} from '../src/core/model.js'
import {epub} from '../src/formats/epub/epub.js'
import {updateTranslations} from '../src/translate/update.js'
import {epubcheck} from './helpers/epubcheck.js'
import {outputTexts, snapshot, writeFiles, type Files} from './helpers/manuscript.js'

const cli = path.join(import.meta.dirname, '..', 'dist', 'bin', 'zhbook.js')
const goodBook = path.join(import.meta.dirname, 'fixtures', 'books', 'small-book', 'manuscript')

/** One case of the catalogue. */
interface Case {
  /** What the input is. */
  name: string
  /** The manuscript. */
  files: Files | (() => Files)
  /** More setup on the manuscript folder (symbolic links). */
  setup?: (dir: string) => Promise<void>
  /** Every message, in full, paths relative to the manuscript folder. */
  messages: string[]
  /** Whether the build succeeds. */
  ok: boolean
  /** Editions to build (default: the book's). */
  editions?: EditionId[]
  /** Whether the case is hostile HTML, checked again in every output file. */
  hostile?: boolean
}

const chapter = '# 第一章\n\n正文。\n'
/** What a folder without book.yaml (a book without a title) is told. */
const untitled =
  '.:1:1: warning: Unexpected book without a title, expected `title:` (and `author:`) in a `book.yaml` in the book’s folder: using the folder name `manuscript` [L006]'
const book = 'title: 書名\nauthor: 作者\n'
/** A PNG's first bytes (the signature and a length), enough for the loader's check. */
const pngSignature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

/** A PNG's signature and header, of `width` × `height` pixels (enough for a size check). */
function pngHeader(width: number, height: number): Buffer {
  const data = Buffer.alloc(13)
  data.writeUInt32BE(width, 0)
  data.writeUInt32BE(height, 4)
  data.set([8, 2, 0, 0, 0], 8)
  const body = Buffer.concat([Buffer.from('IHDR', 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body))
  return Buffer.concat([Buffer.from(pngSignature.subarray(0, 8)), pngSignature.subarray(8), body, crc])
}

/** Make a FIFO (a named pipe): reading one blocks until a writer comes. */
function mkfifo(file: string): void {
  const run = spawnSync('mkfifo', [file])
  if (run.status !== 0) throw new Error(`mkfifo failed: ${run.stderr}`)
}

const cases: Case[] = [
  // book.yaml
  {
    name: 'book.yaml with a YAML syntax error',
    files: {'book.yaml': 'title: 書名\nauthor: [作者\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:1: error: Unexpected YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ] [C001]'
    ],
    ok: false
  },
  {
    name: 'book.yaml with an alias to no anchor',
    files: {'book.yaml': 'title: &a 書名\nauthor: *b\n', 'a.md': chapter},
    messages: [
      'book.yaml:2:9: error: Unexpected YAML alias: Unresolved alias (the anchor must be set before the alias): b [C001]'
    ],
    ok: false
  },
  {
    name: 'an override dictionary of exploding aliases (a “billion laughs”)',
    files: {
      'a.md': chapter,
      'overrides.yaml':
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n'
    },
    messages: [
      'overrides.yaml:2:8: error: Unexpected YAML alias: Excessive alias count indicates a resource exhaustion attack [O001]'
    ],
    ok: false
  },
  {
    name: 'an edition listed twice',
    files: {'book.yaml': book + 'editions: [hant, hans, hant]\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:24: error: Unexpected value for `editions.2`: Unexpected second edition `hant`, expected each edition once [C002]'
    ],
    ok: false
  },
  {
    name: 'book.yaml with a wrong type',
    files: {'book.yaml': book + 'chapters: a.md\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:11: error: Unexpected value for `chapters`: Invalid input: expected array, received string [C002]'
    ],
    ok: false
  },
  {
    name: 'book.yaml with an unknown key',
    files: {'book.yaml': book + 'subtile: 副標題\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:1: error: Unexpected key `subtile`, expected one of: title, subtitle, author, host, publisher, description, source, language, identifier, date, slug, chapters, summary, editions, formats, rules, pinyin, cover, font, vertical, kepub, vocabulary, limits, overrides [C003]'
    ],
    ok: false
  },
  {
    name: 'book.yaml without a required field',
    files: {'book.yaml': 'title: 書名\n', 'a.md': chapter},
    messages: ['book.yaml:1:1: error: Unexpected missing field `author`, expected it in book.yaml [C004]'],
    ok: false
  },
  {
    name: 'a cover path out of the manuscript folder (`../../etc/passwd`)',
    files: {'book.yaml': book + 'cover: ../../etc/passwd\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:8: error: Unexpected cover `../../etc/passwd` outside the manuscript folder, expected a file inside it (it is not read) [C005]'
    ],
    ok: false
  },
  {
    name: 'an absolute cover path',
    files: {'book.yaml': book + 'cover: /etc/passwd\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:8: error: Unexpected cover `/etc/passwd` outside the manuscript folder, expected a file inside it (it is not read) [C005]'
    ],
    ok: false
  },
  {
    name: 'a cover that is a symbolic link leading out of the folder',
    files: {'book.yaml': book + 'cover: images/cover.png\n', 'a.md': chapter},
    async setup(dir) {
      await fs.mkdir(path.join(dir, 'images'))
      await fs.writeFile(path.join(dir, '..', 'secret.png'), pngSignature)
      await fs.symlink(path.join(dir, '..', 'secret.png'), path.join(dir, 'images', 'cover.png'))
    },
    messages: [
      'book.yaml:3:8: error: Unexpected cover `images/cover.png` linking to `<tmp>/secret.png`, outside the manuscript folder, expected a file inside it (it is not read) [C005]'
    ],
    ok: false
  },
  {
    name: 'a missing cover',
    files: {'book.yaml': book + 'cover: cover.jpg\n', 'a.md': chapter},
    messages: ['book.yaml:3:8: error: Unexpected missing cover `cover.jpg`, expected a JPEG file there [C006]'],
    ok: false
  },
  {
    name: 'a cover that is not an image',
    files: {'book.yaml': book + 'cover: cover.png\n', 'a.md': chapter, 'cover.png': 'not a picture'},
    messages: ['book.yaml:3:8: error: Unexpected contents of cover `cover.png`, expected a PNG image [C002]'],
    ok: false
  },
  {
    name: 'a cover of another format',
    files: {'book.yaml': book + 'cover: cover.gif\n', 'a.md': chapter, 'cover.gif': 'GIF89a'},
    messages: ['book.yaml:3:8: error: Unexpected cover `cover.gif`, expected a `.jpg`, `.jpeg` or `.png` file [C002]'],
    ok: false
  },

  {
    name: 'a FIFO as the cover',
    files: {'book.yaml': book + 'cover: cover.png\n', 'a.md': chapter},
    async setup(dir) {
      mkfifo(path.join(dir, 'cover.png'))
    },
    messages: [
      'book.yaml:3:8: error: Unexpected FIFO `cover.png` as the cover, expected a regular file (it is not read) [M013]'
    ],
    ok: false
  },
  {
    name: 'a 200 MB cover (refused before it is read)',
    files: {'book.yaml': book + 'cover: cover.png\n', 'a.md': chapter},
    async setup(dir) {
      // Sparse: 200 MB long, nothing written but the header.
      await fs.writeFile(path.join(dir, 'cover.png'), pngHeader(600, 800))
      await fs.truncate(path.join(dir, 'cover.png'), 200 * 1024 * 1024)
    },
    messages: [
      'book.yaml:3:8: error: Unexpected cover `cover.png` of 200.0 MB, expected at most 10.0 MB (readers load it with the book’s list) [I006]'
    ],
    ok: false
  },
  {
    name: 'a cover of 20 000 × 1 pixels',
    files: {'book.yaml': book + 'cover: cover.png\n', 'a.md': chapter, 'cover.png': pngHeader(20_000, 1)},
    messages: [
      'book.yaml:3:8: error: Unexpected cover `cover.png` of 20000 × 1 pixels, expected a PNG image of 1 to 10000 pixels a side [I006]'
    ],
    ok: false
  },
  {
    name: 'a JPEG named `.png`',
    files: {
      'book.yaml': book + 'cover: cover.png\n',
      'a.md': chapter,
      'cover.png': Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])
    },
    messages: ['book.yaml:3:8: error: Unexpected contents of cover `cover.png`, expected a PNG image [C002]'],
    ok: false
  },
  {
    name: 'a FIFO as the font',
    files: {'book.yaml': book + 'font:\n  file: font.otf\n', 'a.md': chapter},
    async setup(dir) {
      mkfifo(path.join(dir, 'font.otf'))
    },
    messages: [
      'book.yaml:4:9: error: Unexpected FIFO `font.otf` as the font, expected a regular file (it is not read) [M013]'
    ],
    ok: false
  },

  // Chapters
  {
    name: 'a folder named `x.md` among the chapters',
    files: {'a.md': chapter},
    async setup(dir) {
      await fs.mkdir(path.join(dir, 'x.md'))
    },
    messages: ['x.md:1:1: error: Unexpected folder `x.md`, expected a regular file (it is not read) [M013]'],
    ok: false
  },
  {
    name: 'a FIFO as a chapter, the glossary, the overrides and a PO file (never opened)',
    files: {'a.md': chapter},
    async setup(dir) {
      await fs.mkdir(path.join(dir, 'translations', 'en'), {recursive: true})
      for (const name of ['b.md', 'glossary.yaml', 'overrides.yaml', 'translations/en/a.po']) {
        mkfifo(path.join(dir, name))
      }
    },
    messages: [
      'b.md:1:1: error: Unexpected FIFO `b.md`, expected a regular file (it is not read) [M013]',
      'glossary.yaml:1:1: error: Unexpected FIFO `glossary.yaml`, expected a regular file (it is not read) [M013]',
      'overrides.yaml:1:1: error: Unexpected FIFO `overrides.yaml`, expected a regular file (it is not read) [M013]',
      'translations/en/a.po:1:1: error: Unexpected FIFO `translations/en/a.po`, expected a regular file (it is not read) [M013]'
    ],
    ok: false
  },
  {
    name: 'a 252-character chapter file name',
    files: {'a.md': chapter, ['b'.repeat(249) + '.md']: chapter},
    messages: [
      `${'b'.repeat(249)}.md:1:1: error: Unexpected chapter id of 249 characters (from \`${'b'.repeat(249)}.md\`), expected at most 200: it names the chapter’s files, rename the file [M014]`
    ],
    ok: false
  },
  {
    name: 'a chapter named `search` (the web edition’s search page: its id is `chapter-search`)',
    files: {'a.md': chapter, 'search.md': '# 搜尋\n\n正文。\n'},
    messages: [untitled],
    ok: true
  },
  {
    name: 'a chapter listed but missing',
    files: {'book.yaml': book + 'chapters:\n  - a.md\n  - gone.md\n', 'a.md': chapter},
    messages: ['book.yaml:5:5: error: Unexpected missing chapter `gone.md`, expected a file at `<dir>/gone.md` [M001]'],
    ok: false
  },
  {
    name: 'an empty manuscript',
    files: {},
    messages: ['.:1:1: error: Unexpected manuscript without chapters, expected `*.md` files in the folder [M002]'],
    ok: false
  },
  {
    name: 'an empty chapter',
    files: {'a.md': chapter, 'b.md': ' \n\n'},
    messages: [untitled, 'b.md:1:1: warning: Unexpected empty chapter, expected Markdown text [M005]'],
    ok: true
  },
  {
    name: 'duplicate chapter ids',
    files: {'1-intro.md': chapter, '2-intro.md': chapter},
    messages: [
      '2-intro.md:1:1: error: Unexpected chapter id `intro` (also used by `1-intro.md`), expected unique ids: rename one file [M004]'
    ],
    ok: false
  },
  {
    name: 'a chapter that is a symbolic link leading out of the folder',
    files: {'a.md': chapter},
    async setup(dir) {
      await fs.writeFile(path.join(dir, '..', 'id_rsa'), '-----BEGIN PRIVATE KEY-----\n')
      await fs.symlink(path.join(dir, '..', 'id_rsa'), path.join(dir, 'b.md'))
    },
    messages: [
      'b.md:1:1: error: Unexpected link to `<tmp>/id_rsa`, outside the manuscript folder, expected a file inside it (it is not read) [M010]'
    ],
    ok: false
  },

  {
    name: 'a footnote defined twice',
    files: {'a.md': '# 標題\n\n正文[^1]。\n\n[^1]: 第一個註。\n\n[^1]: 第二個註。\n'},
    messages: [
      untitled,
      'a.md:7:1: warning: Unexpected second definition of `[^1]` (first on line 5), expected one definition per label: this one is not shown [M011]'
    ],
    ok: true
  },

  // Encodings
  {
    name: 'a chapter that is not UTF-8 (Big5)',
    files: {'a.md': Uint8Array.from([0x23, 0x20, 0xb2, 0xc4, 0xa4, 0x40, 0xb3, 0xb9, 0x0a])},
    messages: ['a.md:1:1: error: Unexpected encoding, expected UTF-8 text [M006]'],
    ok: false
  },
  {
    name: 'a UTF-8 BOM (dropped; columns on line 1 are unchanged)',
    files: {'a.md': '\uFEFF# 標題<span onclick="x()">一</span>\n'},
    messages: [untitled, 'a.md:1:5: warning: Unexpected `onclick` on `<span>`, expected safe HTML: removed [H001]'],
    ok: true
  },
  {
    name: 'CRLF line ends (places still right)',
    files: {
      'book.yaml': 'title: 書名\r\nauthor: 作者\r\nchapters: [a.md, b.md]\r\n',
      'a.md': '# 標題\r\n\r\n正文。\r\n\r\n  <iframe src="https://evil.example/"></iframe>\r\n',
      'b.md': '# 二\r\n\r\n![圖](https://evil.example/x.png)\r\n'
    },
    messages: [
      'a.md:5:3: warning: Unexpected `<iframe>`, expected safe HTML: removed, its content kept [H001]',
      'b.md:3:1: warning: Unexpected remote image `https://evil.example/x.png`, expected a file in the manuscript folder (builds never fetch) [I002]'
    ],
    ok: true
  },
  {
    name: 'CRLF in book.yaml (places still right)',
    files: {'book.yaml': 'title: 書名\r\nauthor: 作者\r\ndate: 5 May\r\n', 'a.md': chapter},
    messages: ['book.yaml:3:7: error: Unexpected value for `date`: Unexpected date, expected `YYYY-MM-DD` [C002]'],
    ok: false
  },
  {
    name: 'a NUL byte in a chapter',
    files: {'a.md': '# 標題\n\n正文\u0000文字\n'},
    messages: ['a.md:3:3: error: Unexpected NUL byte, expected text (is the file UTF-16 or binary?) [M009]'],
    ok: false
  },
  {
    name: 'a UTF-16 chapter without BOM (NUL bytes)',
    files: {'a.md': Buffer.from('# title\n', 'utf16le')},
    messages: ['a.md:1:2: error: Unexpected NUL byte, expected text (is the file UTF-16 or binary?) [M009]'],
    ok: false
  },
  {
    name: 'a control character in book.yaml',
    files: {'book.yaml': 'title: 書\u000b名\nauthor: 作者\n', 'a.md': chapter},
    messages: ['book.yaml:1:9: error: Unexpected control character U+000B, expected text [M009]'],
    ok: false
  },

  // Size and depth
  {
    name: 'a single 10 MB paragraph',
    files: () => ({'a.md': '# 大\n\n' + '大模型只是少數人的機會。'.repeat(280_000) + '\n'}),
    messages: [untitled],
    ok: true
  },
  {
    name: '100 000 short paragraphs',
    files: () => ({
      'a.md': '# 多\n\n' + Array.from({length: 100_000}, (_, index) => `第${index}段。`).join('\n\n') + '\n'
    }),
    messages: [untitled],
    ok: true,
    // One edition: the case is about the parser and the stages, and a
    // second edition would double its time.
    editions: ['hant']
  },
  {
    name: '10 000 nested blockquotes',
    files: () => ({'a.md': '# 深\n\n' + '> '.repeat(10_000) + '深層引用。\n'}),
    messages: [
      untitled,
      'a.md:3:1: error: Unexpected nesting deeper than 100 levels, expected a flatter structure [M007]'
    ],
    ok: false
  },
  {
    name: '10 000 list levels by indentation (refused at the 101st, on line 103)',
    files: () => ({
      'a.md': '# 深\n\n' + Array.from({length: 10_000}, (_, index) => ' '.repeat(index * 2) + '- 層\n').join('')
    }),
    messages: [
      untitled,
      'a.md:103:1: error: Unexpected nesting deeper than 100 levels, expected a flatter structure [M007]'
    ],
    ok: false
  },
  {
    name: '10 000 list levels on one line',
    files: () => ({'a.md': '# 深\n\n' + '- '.repeat(10_000) + '層\n'}),
    messages: [
      untitled,
      'a.md:3:1: error: Unexpected nesting deeper than 100 levels, expected a flatter structure [M007]'
    ],
    ok: false
  },
  {
    name: '10 000 nested HTML elements',
    files: () => ({'a.md': '# 深\n\n' + '<div>'.repeat(10_000) + '層\n'}),
    messages: [
      untitled,
      'a.md:3:501: error: Unexpected nesting deeper than 100 levels, expected a flatter structure [M007]'
    ],
    ok: false
  },
  {
    name: '10 000 levels of emphasis',
    files: () => ({'a.md': '# 深\n\n' + '*'.repeat(10_000) + '層' + '*'.repeat(10_000) + '\n'}),
    messages: [
      untitled,
      'a.md:3:1: error: Unexpected nesting deeper than 100 levels, expected a flatter structure [M007]'
    ],
    ok: false
  },
  {
    name: '50 000 alternating emphasis markers (`*_*_…`)',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + '*_'.repeat(25_000) + '\n'}),
    messages: [
      "a.md:3:5001: error: Unexpected more than 5000 emphasis, strikethrough or bracket markers in one paragraph, expected fewer (the parser's work grows with the square of their number): split the paragraph, or escape the markers (\\*) [B002]"
    ],
    ok: false
  },
  {
    name: '40 000 unclosed emphasis markers (`*a*a…`)',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + '*a'.repeat(40_000) + '\n'}),
    messages: [
      "a.md:3:10001: error: Unexpected more than 5000 emphasis, strikethrough or bracket markers in one paragraph, expected fewer (the parser's work grows with the square of their number): split the paragraph, or escape the markers (\\*) [B002]"
    ],
    ok: false
  },
  {
    name: '40 000 strikethrough markers (`~~a~~a…`)',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + '~~a'.repeat(40_000) + '\n'}),
    messages: [
      "a.md:3:15001: error: Unexpected more than 5000 emphasis, strikethrough or bracket markers in one paragraph, expected fewer (the parser's work grows with the square of their number): split the paragraph, or escape the markers (\\*) [B002]"
    ],
    ok: false
  },
  {
    name: '40 000 unfinished links (`[a](`)',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + '[a]('.repeat(40_000) + '\n'}),
    messages: [
      "a.md:3:10001: error: Unexpected more than 5000 emphasis, strikethrough or bracket markers in one paragraph, expected fewer (the parser's work grows with the square of their number): split the paragraph, or escape the markers (\\*) [B002]"
    ],
    ok: false
  },
  {
    name: '40 000 nested brackets',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + '['.repeat(40_000) + 'a' + ']'.repeat(40_000) + '\n'}),
    messages: [
      "a.md:3:5001: error: Unexpected more than 5000 emphasis, strikethrough or bracket markers in one paragraph, expected fewer (the parser's work grows with the square of their number): split the paragraph, or escape the markers (\\*) [B002]"
    ],
    ok: false
  },
  {
    name: 'a chapter not read within its time budget (`limits.chapterSeconds`, made tiny)',
    files: () => ({
      'book.yaml': book + 'limits:\n  chapterSeconds: 0.001\n',
      'a.md': '# 標題\n\n' + '一段**正文**，[連結](b.md)。\n\n'.repeat(2000)
    }),
    messages: [
      'a.md:1:1: error: Unexpected chapter still being read after 0.001 s, expected it read within `limits.chapterSeconds` of book.yaml: split the chapter, or raise the limit [B001]'
    ],
    ok: false
  },
  {
    name: '40 000 `www.a` in a run (a word the English-run stage once tried again from each letter)',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + 'www.a'.repeat(40_000) + '\n'}),
    messages: [],
    ok: true
  },
  {
    name: '20 000 `<http://a` never closed (the check once scanned to the end from each `<`)',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + '<http://a'.repeat(20_000) + '\n'}),
    messages: [],
    ok: true
  },
  {
    name: 'a paragraph of 150 000 English phrases (once spread as call arguments: M008)',
    files: () => ({'book.yaml': book, 'a.md': '# 標題\n\n' + 'ab cd。'.repeat(150_000) + '\n'}),
    messages: [],
    ok: true
  },
  {
    name: 'a time budget that is not a positive number',
    files: {'book.yaml': book + 'limits:\n  chapterSeconds: 0\n', 'a.md': chapter},
    messages: [
      'book.yaml:4:19: error: Unexpected value for `limits.chapterSeconds`: Too small: expected number to be >0 [C002]'
    ],
    ok: false
  },

  // Raw HTML
  {
    name: 'unclosed tags',
    files: {'a.md': '# 標題\n\n<div><span>沒有關上的標籤\n\n正文。\n'},
    messages: [untitled],
    ok: true
  },
  {
    name: 'a <script>, inline and as a block, and one never closed',
    hostile: true,
    files: {
      'a.md':
        '# 標題\n\n文字<script>alert(1)</script>。\n\n<script src="https://evil.example/x.js"></script>\n\n<script>\nalert(2)\n'
    },
    messages: [
      untitled,
      'a.md:3:3: warning: Unexpected `<script>`, expected safe HTML: removed with its content [H001]',
      'a.md:5:1: warning: Unexpected `<script>`, expected safe HTML: removed with its content [H001]',
      'a.md:7:1: warning: Unexpected `<script>`, expected safe HTML: removed with its content [H001]'
    ],
    ok: true
  },
  {
    name: 'an <iframe>, an <object> and an <embed>',
    hostile: true,
    files: {
      'a.md':
        '# 標題\n\n<iframe src="https://evil.example/"></iframe>\n\n<object data="https://evil.example/x.swf">後備文字</object>\n\n<embed src="https://evil.example/y.swf">\n'
    },
    messages: [
      untitled,
      'a.md:3:1: warning: Unexpected `<iframe>`, expected safe HTML: removed, its content kept [H001]',
      'a.md:5:1: warning: Unexpected `<object>`, expected safe HTML: removed, its content kept [H001]',
      'a.md:7:1: warning: Unexpected `<embed>`, expected safe HTML: removed, its content kept [H001]'
    ],
    ok: true
  },
  {
    name: 'on* attributes',
    hostile: true,
    files: {
      'a.md':
        '# 標題\n\n<p onclick="alert(1)" onmouseover="alert(2)">文字</p>\n\n<details ontoggle="alert(3)"><summary>摘要</summary></details>\n'
    },
    messages: [
      untitled,
      'a.md:3:1: warning: Unexpected `onclick` on `<p>`, expected safe HTML: removed [H001]',
      'a.md:3:1: warning: Unexpected `onmouseover` on `<p>`, expected safe HTML: removed [H001]',
      'a.md:5:1: warning: Unexpected `ontoggle` on `<details>`, expected safe HTML: removed [H001]'
    ],
    ok: true
  },
  {
    name: '`javascript:` and `data:` URLs, in HTML and in Markdown',
    hostile: true,
    files: {
      'a.md':
        '# 標題\n\n[連結](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">二</a> <a href="data:text/html,<script>alert(3)</script>">三</a>\n\n![圖](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk)\n'
    },
    messages: [
      untitled,
      'a.md:3:1: warning: Unexpected URL `javascript:alert(1)` in `href` on `<a>`, expected safe HTML: removed [H001]',
      'a.md:3:27: warning: Unexpected URL `JaVaScRiPt:alert(2)` in `href` on `<a>`, expected safe HTML: removed [H001]',
      'a.md:3:63: warning: Unexpected URL `data:text/html,<script>alert(3)</script>` in `href` on `<a>`, expected safe HTML: removed [H001]',
      'a.md:5:1: warning: Unexpected `data:` URL image `data:image/png;base64,iVBORw0KGgoAAAANSU…`, expected a file in the manuscript folder [I002]'
    ],
    ok: true
  },
  {
    name: 'a <style> with a remote @import, a <link> to a web font',
    hostile: true,
    files: {
      'a.md':
        '# 標題\n\n<style>@import url("https://evil.example/x.css"); @font-face { src: url(../../fonts/x.ttf) }</style>\n\n<link rel="stylesheet" href="https://fonts.example/css?family=Noto">\n\n正文。\n'
    },
    messages: [
      untitled,
      'a.md:3:1: warning: Unexpected `<style>`, expected safe HTML: removed with its content [H001]',
      'a.md:5:1: warning: Unexpected `<link>`, expected safe HTML: removed, its content kept [H001]'
    ],
    ok: true
  },

  // Images
  {
    name: 'images outside the folder, absolute, remote, and a link out of it',
    files: {
      'a.md':
        '# 標題\n\n![上層](../secret.png)\n\n![絕對](/etc/passwd)\n\n![遠端](http://evil.example/x.png)\n\n![連結](images/out.png)\n'
    },
    async setup(dir) {
      await fs.mkdir(path.join(dir, 'images'))
      await fs.writeFile(path.join(dir, '..', 'secret.png'), pngSignature)
      await fs.symlink(path.join(dir, '..', 'secret.png'), path.join(dir, 'images', 'out.png'))
    },
    messages: [
      untitled,
      'a.md:3:1: warning: Unexpected image path `../secret.png` outside the manuscript folder, expected a relative path inside it [I002]',
      'a.md:5:1: warning: Unexpected image path `/etc/passwd` outside the manuscript folder, expected a relative path inside it [I002]',
      'a.md:7:1: warning: Unexpected remote image `http://evil.example/x.png`, expected a file in the manuscript folder (builds never fetch) [I002]',
      'a.md:9:1: warning: Unexpected image `images/out.png` linking outside the manuscript folder, expected a file inside it [I002]'
    ],
    ok: true
  },

  {
    name: 'a remote `<source srcset>` and `<img srcset>`',
    files: {
      'a.md':
        '# 標題\n\n<picture><source srcset="https://evil.example/a.png 2x, images/a.png 1x"><img src="images/a.png" srcset="//evil.example/b.png 2x" alt="圖"></picture>\n',
      'images/a.png': pngHeader(1, 1)
    },
    messages: [
      untitled,
      'a.md:3:10: warning: Unexpected remote image `https://evil.example/a.png`, expected a file in the manuscript folder (builds never fetch) [I002]',
      'a.md:3:74: warning: Unexpected remote image `//evil.example/b.png`, expected a file in the manuscript folder (builds never fetch) [I002]'
    ],
    ok: true,
    hostile: true
  },

  // Ids
  {
    name: 'ids in the manuscript’s HTML that zhbook gives (`p-3`, `main`, a heading’s, a footnote’s) or that repeat',
    files: {
      'a.md':
        '# 標題\n\n正文一。\n\n<p id="p-3">段</p>\n\n<div id="main">主</div>\n\n見<a id="own">此</a><a id="own">彼</a>[^1]。\n\n<h3 id="標題">再</h3>\n\n[^1]: 註<span id="user-content-fn-1">文</span>。\n'
    },
    messages: [
      untitled,
      'a.md:5:1: warning: Unexpected id `p-3` on `<p>`, expected an id zhbook does not give (and used once): removed [M015]',
      'a.md:7:1: warning: Unexpected id `main` on `<div>`, expected an id zhbook does not give (and used once): removed [M015]',
      'a.md:9:19: warning: Unexpected id `own` on `<a>`, expected an id zhbook does not give (and used once): removed [M015]',
      'a.md:11:1: warning: Unexpected id `標題` on `<h3>`, expected an id zhbook does not give (and used once): removed [M015]',
      'a.md:13:8: warning: Unexpected id `user-content-fn-1` on `<span>`, expected an id zhbook does not give (and used once): removed [M015]'
    ],
    ok: true
  },

  // Translations, glossary, overrides
  {
    name: 'an HTML block element in a PO msgstr (the entry is left out)',
    files: {
      'a.md': '# 第一章\n\n正文一。\n',
      'translations/en/a.po': 'msgid "第一章"\nmsgstr "Chapter one"\n\nmsgid "正文一。"\nmsgstr "Text <div>one</div>"\n'
    },
    messages: [
      untitled,
      'a.md:3:1: warning: Unexpected untranslated paragraph, expected a translation in `translations/en/a.po` (run `zhbook translate`, then fill in its msgstr) [T001]',
      'translations/en/a.po:5:14: warning: Unexpected HTML block `<div>` in a translation, expected text, Markdown or phrasing HTML (`<b>`, `<a>` …) that fits in a paragraph: the entry is left out [T004]'
    ],
    ok: true
  },
  {
    name: 'a PO file with a syntax error',
    files: {'a.md': chapter, 'translations/en/a.po': 'msgid "x"\nmsgstr "y"\nnonsense here\n'},
    messages: [
      'translations/en/a.po:3:1: error: Unexpected PO syntax: Error parsing PO data: Invalid key name "nonsense" at line 3. This can be caused by an unescaped quote character in a msgid or msgstr value.; expected a gettext catalog [T003]'
    ],
    ok: false
  },
  {
    name: 'a glossary with an empty and a duplicate term',
    files: {
      'a.md': chapter,
      'glossary.yaml': '- term: 大模型\n  en: large model\n- term: ""\n  en: x\n- term: 大模型\n  en: again\n'
    },
    messages: [
      'glossary.yaml:3:3: error: Unexpected empty `term`, expected the term as the manuscript writes it [G002]',
      'glossary.yaml:5:3: error: Unexpected duplicate term `大模型` (also on line 1), expected each term once [G003]'
    ],
    ok: false
  },
  {
    name: 'an override dictionary with the same key twice',
    files: {'a.md': chapter, 'overrides.yaml': '核心: 核心\n核心: 内核\n'},
    messages: ['overrides.yaml:2:1: error: Unexpected YAML syntax: Map keys must be unique [O001]'],
    ok: false
  },
  {
    name: 'override entries that refer to each other (A → B, B → A)',
    files: {'a.md': chapter, 'overrides.yaml': '# A swap\n軟體: 硬體\n硬體: 軟體\n'},
    messages: [
      'overrides.yaml:2:5: error: Unexpected result `硬體` of `軟體` containing `硬體`, the key of line 3, expected a result no entry changes again (entries apply once, to the Traditional text) [O003]',
      'overrides.yaml:3:5: error: Unexpected result `軟體` of `硬體` containing `軟體`, the key of line 2, expected a result no entry changes again (entries apply once, to the Traditional text) [O003]'
    ],
    ok: false
  },
  {
    name: 'an override entry whose result holds its own key',
    files: {'a.md': chapter, 'overrides.yaml': '核心: 核心\n模型: 大模型\n'},
    messages: [
      'overrides.yaml:2:5: error: Unexpected result `大模型` of `模型` containing its own key, expected a result no entry changes again (entries apply once, to the Traditional text) [O003]'
    ],
    ok: false
  },

  // Characters XML forbids, and non-characters: in the bytes, or made by an escape
  {
    name: 'YAML escapes for NUL and a vertical tab in book.yaml (`subtitle: "A\\0B\\x0bC"`)',
    files: {'book.yaml': book + 'subtitle: "A\\0B\\x0bC"\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:11: error: Unexpected character XML does not allow U+0000 in a YAML value, expected text (remove it, or the escape that makes it) [X001]'
    ],
    ok: false
  },
  {
    name: 'U+FFFE typed into a chapter',
    files: {'book.yaml': book, 'a.md': '# 第一章\n\n正\uFFFE文。\n'},
    messages: [
      'a.md:3:2: error: Unexpected character XML does not allow U+FFFE in the text, expected text (remove it, or the escape that makes it) [X001]'
    ],
    ok: false
  },
  {
    name: 'a non-character (U+FDD0) in a chapter',
    files: {'book.yaml': book, 'a.md': '# 第一章\n\n正文\uFDD0。\n'},
    messages: [
      'a.md:3:3: error: Unexpected Unicode non-character U+FDD0 in the text, expected text (remove it, or the escape that makes it) [X002]'
    ],
    ok: false
  },
  {
    name: 'an unpaired surrogate from a YAML escape in book.yaml',
    files: {'book.yaml': book + 'description: "\\uD800"\n', 'a.md': chapter},
    messages: [
      'book.yaml:3:14: error: Unexpected unpaired surrogate U+D800 in a YAML value, expected text (remove it, or the escape that makes it) [X001]'
    ],
    ok: false
  },
  {
    name: 'U+FFFF from a YAML escape in the overrides',
    files: {'book.yaml': book, 'a.md': chapter, 'overrides.yaml': '正文: "\\uFFFF"\n'},
    messages: [
      'overrides.yaml:1:5: error: Unexpected character XML does not allow U+FFFF in a YAML value, expected text (remove it, or the escape that makes it) [X001]'
    ],
    ok: false
  },
  {
    name: 'a control character from a YAML escape in the glossary',
    files: {'book.yaml': book, 'a.md': chapter, 'glossary.yaml': '- term: 正文\n  en: "body\\x01text"\n'},
    messages: [
      'glossary.yaml:2:7: error: Unexpected character XML does not allow U+0001 in a YAML value, expected text (remove it, or the escape that makes it) [X001]'
    ],
    ok: false
  },
  {
    name: 'U+FFFF typed into a translation (gettext reads no escape that makes one)',
    files: {
      'book.yaml': book,
      'a.md': chapter,
      'translations/en/a.po': 'msgid "第一章"\nmsgstr "One"\n\nmsgid "正文。"\nmsgstr "Body\uFFFF."\n'
    },
    messages: [
      'translations/en/a.po:5:13: error: Unexpected character XML does not allow U+FFFF in the text, expected text (remove it, or the escape that makes it) [X001]'
    ],
    ok: false
  }
]

let tmp: string
let out: string
let good: Map<string, Buffer>

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-catalogue-'))
  out = path.join(tmp, 'out')
  const result = await build({input: goodBook, output: out, env: {}})
  expect(result.ok).toBe(true)
  good = await snapshot(out)
})

afterAll(async () => {
  await fs.rm(tmp, {recursive: true, force: true})
})

/** Make a case's manuscript in a folder of its own; returns the folder. */
async function make(entry: Case, name: string): Promise<string> {
  const base = path.join(tmp, name)
  const dir = path.join(base, 'manuscript')
  await fs.mkdir(dir, {recursive: true})
  await writeFiles(dir, typeof entry.files === 'function' ? entry.files() : entry.files)
  await entry.setup?.(dir)
  return dir
}

/**
 * What a manuscript folder holds, without reading a file (a FIFO would
 * block, a sparse cover is 200 MB): each entry's kind, size and times.
 */
async function stamp(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, {recursive: true, withFileTypes: true})
  const rows: string[] = []
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name)
    const stat = await fs.lstat(full)
    rows.push(`${path.relative(dir, full)} ${stat.mode} ${stat.size} ${stat.mtimeMs} ${stat.ctimeMs}`)
  }

  return rows.sort()
}

/** Messages as the catalogue writes them: temporary folders by name. */
function lines(messages: Parameters<typeof formatMessages>[0], dir: string): string[] {
  return formatMessages(messages, dir).map((line) =>
    line.replaceAll(dir, '<dir>').replaceAll(path.dirname(dir), '<tmp>')
  )
}

describe('catalogue of bad input', () => {
  it('should have at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25)
  })

  it('should document every rule id in the README, and no other', async () => {
    const readme = await fs.readFile(path.join(import.meta.dirname, '..', 'README.md'), 'utf8')
    const table = readme.slice(readme.indexOf('### Rule ids'), readme.indexOf('## Architecture'))
    expect([...table.matchAll(/^\| ([A-Z]\d{3}) \|/gm)].map((match) => match[1])).toEqual(Object.keys(rules))
  })

  for (const [index, entry] of cases.entries()) {
    it(`should report ${entry.name}`, async () => {
      const dir = await make(entry, `case-${index}`)
      const before = await stamp(dir)
      const options = {input: dir, env: {}, editions: entry.editions}
      const result = entry.ok ? await buildFiles({...options, renderers: []}) : await build({...options, output: out})
      expect(lines(result.messages, dir)).toEqual(entry.messages)
      expect(result.ok).toBe(entry.ok)
      expect(await stamp(dir)).toEqual(before)
      if (!entry.ok) {
        expect(result.outputs).toEqual([])
        expect(await snapshot(out)).toEqual(good)
      }
    })
  }
})

describe('hostile HTML in every output', () => {
  it('should let nothing of a script, a handler, a frame or a remote style through to any file', async () => {
    const hostile = cases.filter((entry) => entry.hostile)
    expect(hostile).toHaveLength(6)
    const dir = await make(
      {
        ...cases[0]!,
        files: Object.fromEntries(
          hostile.map((entry, index) => [`${index + 1}-html-${index + 1}.md`, (entry.files as Files)['a.md']!])
        )
      },
      'hostile-html'
    )
    const result = await buildFiles({input: dir, env: {}})
    expect(result.ok).toBe(true)
    const texts = await outputTexts(result.outputs)
    const documents = [...texts].filter(([name]) => /\.(x?html|js|css|opf|ncx)$/.test(name))
    expect(documents.length).toBeGreaterThan(20)
    for (const [name, text] of documents) {
      for (const pattern of [
        /alert\(/,
        /evil\.example/,
        /fonts\.example/,
        /javascript:/i,
        /data:text/,
        /<iframe/,
        /<object/,
        /<embed/,
        /@import/,
        /@font-face/,
        /\son[a-z]+=/
      ]) {
        expect(pattern.exec(text)?.[0], `${name}: ${pattern}`).toBeUndefined()
      }

      // The only scripts are the web edition's own files.
      for (const tag of text.matchAll(/<script\b[^>]*>/g)) {
        expect(name.includes('.epub!'), `${name}: ${tag[0]}`).toBe(false)
        expect(tag[0], name).toMatch(/^<script src="(\.\.\/)?\w[\w/-]*\.js"( defer)?>$/)
      }
    }
  })
})

describe('the command line on bad input', () => {
  /** The last line the command prints of messages: `zhbook: 1 error (C001), 0 warnings`. */
  function totals(messages: string[]): string {
    const count = (severity: string) => {
      const rules = messages.flatMap((line) => (line.includes(`: ${severity}: `) ? [line.slice(-5, -1)] : []))
      const names = [...new Set(rules)].map((rule) => {
        const n = rules.filter((other) => other === rule).length
        return n === 1 ? rule : `${rule} ×${n}`
      })
      return {n: rules.length, names: names.length > 0 ? ` (${names.join(', ')})` : ''}
    }

    const errors = count('error')
    const warnings = count('warning')
    return `zhbook: ${errors.n} error${errors.n === 1 ? '' : 's'}${errors.names}, ${warnings.n} warning${warnings.n === 1 ? '' : 's'}${warnings.names}`
  }

  /** Run `zhbook build` on a case, into the output folder with the good build. */
  function zhbook(dir: string) {
    const run = spawnSync(process.execPath, [cli, 'build', dir, '--out', out, '--no-cache'], {
      cwd: dir,
      encoding: 'utf8',
      // A build that hangs (on a FIFO) fails the test instead of the suite.
      timeout: 120_000,
      env: {...process.env, SOURCE_DATE_EPOCH: ''}
    })
    return {code: run.status, stderr: run.stderr.replaceAll(dir, '<dir>').replaceAll(path.dirname(dir), '<tmp>')}
  }

  for (const name of [
    'book.yaml with a YAML syntax error',
    'a cover path out of the manuscript folder (`../../etc/passwd`)',
    'a chapter that is not UTF-8 (Big5)',
    'a NUL byte in a chapter',
    '10 000 list levels on one line',
    'a PO file with a syntax error',
    'book.yaml with an alias to no anchor',
    'an edition listed twice',
    'a 200 MB cover (refused before it is read)',
    'a folder named `x.md` among the chapters',
    'a FIFO as a chapter, the glossary, the overrides and a PO file (never opened)',
    'a 252-character chapter file name',
    '50 000 alternating emphasis markers (`*_*_…`)',
    'a chapter not read within its time budget (`limits.chapterSeconds`, made tiny)'
  ]) {
    it(`should exit with 1 on ${name}, print the messages, and keep the previous output`, async () => {
      const entry = cases.find((item) => item.name === name)!
      const dir = await make(entry, `cli-${cases.indexOf(entry)}`)
      const before = await stamp(dir)
      const {code, stderr} = zhbook(dir)
      expect(await stamp(dir)).toEqual(before)
      expect(stderr).toBe(
        [...entry.messages, totals(entry.messages), `zhbook: build failed; nothing was written to ${out}`, ''].join(
          '\n'
        )
      )
      expect(code).toBe(1)
      expect(await snapshot(out)).toEqual(good)
    })
  }
})

describe('an interrupted build', () => {
  it('should leave each entry of the output whole, old or new, when killed at any step of the swap', async () => {
    const changed = path.join(tmp, 'changed')
    await fs.cp(goodBook, changed, {recursive: true})
    await fs.appendFile(path.join(changed, '1-one.md'), '\n新加的一段。\n')
    const fresh = path.join(tmp, 'fresh-out')
    expect((await build({input: changed, output: fresh, env: {}})).ok).toBe(true)
    const next = await snapshot(fresh)
    const bad = await make(cases[0]!, 'killed-bad')
    const top = (name: string) => name.split(path.sep)[0]!
    const tops = [...new Set([...good.keys()].map(top))]

    // Both EPUBs change (a rename each) and `web/` (moved aside, then the new
    // one in): four renames; the fifth step is a build that finishes.
    for (const step of [1, 2, 3, 4, 5]) {
      const killed = path.join(tmp, `killed-${step}`)
      await writeFiles(killed, Object.fromEntries(good))
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          path.join(import.meta.dirname, 'helpers', 'kill-at-rename.mjs'),
          cli,
          'build',
          changed,
          '--out',
          killed,
          '--no-cache',
          '-q'
        ],
        {
          env: {...process.env, SOURCE_DATE_EPOCH: '', KILL_AT_RENAME: String(step)}
        }
      )
      expect(run.signal, `step ${step}`).toBe(step === 5 ? null : 'SIGKILL')
      if (step === 1) {
        // Killed before the first swap: the output is as it was, beside the staging folder.
        const visible = [...(await snapshot(killed))].filter(([name]) => !name.startsWith('.zhbook-staging-'))
        expect(new Map(visible)).toEqual(good)
      }

      // The next build fails, and still puts back what the killed one left aside.
      expect((await build({input: bad, output: killed, env: {}})).ok).toBe(false)
      const after = await snapshot(killed)
      expect([...new Set([...after.keys()].map(top))], `step ${step}`).toEqual(tops)
      for (const entry of tops) {
        const files = (map: Map<string, Buffer>) => [...map].filter(([name]) => top(name) === entry)
        expect([files(good), files(next)], `step ${step}: ${entry}`).toContainEqual(files(after))
      }
    }
  })
})

describe('cover: in book.yaml', () => {
  /** A 1×1 PNG (one white pixel). */
  function png(): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
      const length = Buffer.alloc(4)
      length.writeUInt32BE(data.length)
      const crc = Buffer.alloc(4)
      crc.writeUInt32BE(zlib.crc32(body))
      return Buffer.concat([length, body, crc])
    }

    const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
    return Buffer.concat([
      Buffer.from(pngSignature.subarray(0, 8)),
      chunk('IHDR', header),
      chunk('IDAT', zlib.deflateSync(Buffer.from([0, 255, 255, 255]))),
      chunk('IEND', Buffer.alloc(0))
    ])
  }

  it('should use the book’s cover image in the EPUB, as the manifest’s cover-image', async () => {
    const image = png()
    const dir = await make(
      {
        ...cases[0]!,
        files: {'book.yaml': book + 'cover: images/cover.png\n', 'a.md': chapter, 'images/cover.png': image}
      },
      'cover'
    )
    const result = await buildFiles({input: dir, env: {}, editions: ['hant'], renderers: [epub]})
    expect(lines(result.messages, dir)).toEqual([])
    const file = result.outputs.find((entry) => entry.path.endsWith('.epub'))!
    const zip = await JSZip.loadAsync(file.data)
    expect(Buffer.from(await zip.file('OEBPS/cover.png')!.async('uint8array'))).toEqual(image)
    expect(zip.file('OEBPS/cover.svg')).toBeNull()
    const opf = await zip.file('OEBPS/content.opf')!.async('string')
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>')
    const page = await zip.file('OEBPS/cover.xhtml')!.async('string')
    expect(page).toContain('<img src="cover.png" alt="書名（作者）" role="doc-cover"/>')
    const written = path.join(tmp, 'cover.epub')
    await fs.writeFile(written, file.data)
    const verdict = await epubcheck(written)
    expect(verdict.messages).toEqual([])
    expect(verdict.errors + verdict.warnings).toBe(0)
  })
})

describe('ids in the manuscript’s HTML', () => {
  it('should keep the author’s own ids and links to them, give zhbook’s ids once, and pass epubcheck', async () => {
    const dir = await make(
      {
        ...cases[0]!,
        files: {
          'book.yaml': book,
          'a.md':
            '# 標題\n\n正文一，見[此處](#own)與[下章](b.md#there)。\n\n<p id="p-3">段</p>\n\n<div id="main">主</div>\n\n<p id="own">自己的錨點。</p>\n\n正文二。\n',
          'b.md': '# 下章\n\n<span id="there">那裡</span>，回[上章](a.md#own)。\n'
        }
      },
      'ids'
    )
    const result = await buildFiles({input: dir, env: {}, editions: ['hant', 'hans']})
    expect(result.ok).toBe(true)
    expect(lines(result.messages, dir).filter((line) => line.includes('[M015]'))).toEqual([
      'a.md:5:1: warning: Unexpected id `p-3` on `<p>`, expected an id zhbook does not give (and used once): removed [M015]',
      'a.md:7:1: warning: Unexpected id `main` on `<div>`, expected an id zhbook does not give (and used once): removed [M015]'
    ])
    const texts = await outputTexts(result.outputs)
    for (const edition of ['hant', 'hans']) {
      const page = texts.get(`web/${edition}/a.html`)!
      const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1])
      expect(ids.filter((id) => id === 'p-3')).toHaveLength(1)
      expect(ids.filter((id) => id === 'main')).toHaveLength(1)
      expect(new Set(ids).size).toBe(ids.length)
      expect(page).toContain('<p id="own">')
      expect(page).toContain('href="#own"')
      expect(page).toContain('href="b.html#there"')
      expect(texts.get(`web/${edition}/b.html`)).toContain('href="a.html#own"')
    }

    for (const file of result.outputs.filter((entry) => entry.path.endsWith('.epub'))) {
      const written = path.join(tmp, path.basename(file.path))
      await fs.writeFile(written, file.data)
      const verdict = await epubcheck(written)
      expect(verdict.messages).toEqual([])
      expect(verdict.errors + verdict.warnings).toBe(0)
    }
  })
})

describe('a chapter named after a page of the web edition', () => {
  it('should give `search.md` the id `chapter-search`, beside the search page', async () => {
    const dir = await make(
      {...cases[0]!, files: {'book.yaml': book, 'a.md': chapter, 'search.md': '# 搜尋\n\n正文。\n'}},
      'search-chapter'
    )
    const result = await buildFiles({input: dir, env: {}, editions: ['hant']})
    expect(result.ok).toBe(true)
    const names = result.outputs
      .map((entry) => entry.path)
      .filter((name) => name.startsWith('web/hant/') && name.endsWith('.html'))
    expect(names.sort()).toEqual([
      'web/hant/a.html',
      'web/hant/chapter-search.html',
      'web/hant/index.html',
      'web/hant/search.html'
    ])
  })
})

describe('a device file in the manuscript', () => {
  // Making a device node takes privileges.
  it.skipIf(process.getuid?.() !== 0)('should refuse a device file as a chapter without reading it', async () => {
    const dir = await make({...cases[0]!, files: {'a.md': chapter}}, 'device')
    const made = spawnSync('mknod', [path.join(dir, 'b.md'), 'c', '1', '5'])
    expect(made.status).toBe(0)
    const result = await build({input: dir, output: out, env: {}})
    expect(lines(result.messages, dir)).toEqual([
      'b.md:1:1: error: Unexpected device file `b.md`, expected a regular file (it is not read) [M013]'
    ])
    expect(result.ok).toBe(false)
    expect(await snapshot(out)).toEqual(good)
  })
})

describe('zhbook translate with `translations/` linked out of the manuscript', () => {
  for (const link of ['translations', 'translations/en']) {
    it(`should write nothing when \`${link}\` is a link to a folder outside (T005)`, async () => {
      const dir = await make({...cases[0]!, files: {'book.yaml': book, 'a.md': chapter}}, `translate-${link.length}`)
      const outside = path.join(path.dirname(dir), 'elsewhere')
      await fs.mkdir(outside)
      await fs.mkdir(path.dirname(path.join(dir, link)), {recursive: true})
      await fs.symlink(outside, path.join(dir, link))
      const before = await stamp(dir)
      const result = await updateTranslations(dir)
      expect(result.ok).toBe(false)
      const target = link === 'translations' ? '<tmp>/elsewhere/en/a.po' : '<tmp>/elsewhere/a.po'
      expect(lines(result.messages, dir)).toEqual([
        `translations:1:1: error: Unexpected \`translations/en/a.po\` leading to \`${target}\`, outside the manuscript folder, expected the catalogs inside it (nothing is written) [T005]`
      ])
      expect(await fs.readdir(outside)).toEqual([])
      expect(await stamp(dir)).toEqual(before)
    })
  }
})

describe('the conversion report', () => {
  it('should quote HTML and Markdown from the overrides and the manuscript as text', () => {
    const [, markdown] = renderReport({
      edition: 'hans',
      characters: 0,
      entries: [
        {
          kind: 'override',
          from: '<img src=x onerror=alert(1)>',
          to: '*圖*|[連結](javascript:x)',
          count: 1,
          first: 'a.md:3:1',
          context: '<script>alert(2)</script> & `code`',
          entry: 'overrides.yaml:1'
        }
      ],
      unusedOverrides: ['overrides.yaml:2: <b>粗</b>_斜_']
    })
    const text = String(markdown!.data)
    expect(text).not.toMatch(/<[a-z]/i)
    expect(text.split('\n').filter((line) => line.includes('a.md:3:1') || line.startsWith('- '))).toEqual([
      '| &lt;img src=x onerror=alert(1)&gt; | \\*圖\\*\\|\\[連結\\](javascript:x) | 1 | a.md:3:1 | &lt;script&gt;alert(2)&lt;/script&gt; &amp; \\`code\\` | overrides.yaml:1 |',
      '- overrides.yaml:2: &lt;b&gt;粗&lt;/b&gt;\\_斜\\_'
    ])
  })
})
