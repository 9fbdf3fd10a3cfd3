/**
 * Where the raster cover's glyphs come from: CJK font files on the building machine. A face that
 * covers any title is 20–60 MB, too much for an npm package, and every desktop system has one. Known
 * places in a fixed order keep the cover's bytes the same on one machine; with none, the cover has
 * no text and the build warns (I003).
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import {VFile} from 'vfile'
import {warn} from '../../core/diagnostics.js'

/** Candidate sets of font files, best first (serif, the book's face; then sans); the first found wins. */
const candidates: ReadonlyArray<readonly string[]> = [
  // Debian, Ubuntu (`fonts-noto-cjk`).
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'],
  // Arch (`noto-fonts-cjk`).
  ['/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc'],
  // Fedora (`google-noto-serif-cjk-vf-fonts`, `google-noto-serif-cjk-fonts`).
  [
    '/usr/share/fonts/google-noto-serif-cjk-vf-fonts/NotoSerifCJK-VF.ttc',
    '/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Bold.ttc'
  ],
  // macOS.
  ['/System/Library/Fonts/Supplemental/Songti.ttc'],
  // Windows.
  ['C:\\Windows\\Fonts\\simsun.ttc', 'C:\\Windows\\Fonts\\mingliu.ttc'],
  // Sans faces, when no serif one is installed.
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc'],
  ['/System/Library/Fonts/PingFang.ttc', '/System/Library/Fonts/STHeiti Medium.ttc'],
  ['C:\\Windows\\Fonts\\msyh.ttc', 'C:\\Windows\\Fonts\\msjh.ttc']
]

/**
 * Find the font files to draw the cover's text with. `ZHBOOK_COVER_FONTS` (paths separated by `:`,
 * `;` on Windows) overrides the search; empty, it disables it.
 *
 * @param env
 *   Environment (optional, default: `process.env`).
 * @returns
 *   Absolute paths of existing font files (`.ttf`, `.otf`, `.ttc`), or an empty list when the
 *   machine has none.
 */
export function findCoverFonts(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const override = env.ZHBOOK_COVER_FONTS

  if (override !== undefined) {
    return override
      .split(path.delimiter)
      .filter((file) => file !== '' && existsSync(file))
      .map((file) => path.resolve(file))
  }

  for (const set of candidates) {
    const found = set.filter((file) => existsSync(file))
    if (found.length > 0) return found
  }

  return []
}

/**
 * The warning of a build whose EPUB covers are drawn without text (I003).
 *
 * @param root
 *   Manuscript folder.
 * @returns
 *   File with the message (`book.yaml`, or the folder when it has none).
 */
export function coverFontMessage(root: string): VFile {
  const config = path.join(root, 'book.yaml')
  const file = new VFile({path: existsSync(config) ? config : root})
  warn(
    file,
    'Unexpected machine without a CJK font, expected one to draw the EPUB cover’s title: the cover has no text (its `alt` gives the title); install one (Debian: `apt-get install fonts-noto-cjk`) or set `ZHBOOK_COVER_FONTS`',
    undefined,
    'I003'
  )
  return file
}
