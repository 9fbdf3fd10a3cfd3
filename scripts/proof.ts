/**
 * `make proof`: pictures of the EPUBs as a reading engine lays them out, for
 * a person to look at. Each EPUB in `output/`, and the same book built with
 * the EPUB options (an embedded Noto Serif CJK subset, the Traditional
 * edition set vertically) into `output/proof/`, goes through calibre's
 * `ebook-convert` (Qt WebEngine) to a PDF, and poppler's `pdftoppm` turns
 * its first pages (cover, contents, the first chapter) into PNGs in
 * `output/reports/pages/`: once with the machine's fonts
 * (`<name>-<page>.png`), once as a reader without Chinese fonts shows it
 * (`<name>-no-chinese-fonts-<page>.png`), where the EPUBs without a font
 * show no Chinese and those with one show it in the embedded face.
 *
 * Installs calibre and poppler-utils (Debian) when they are missing; they
 * are large, so this is not part of `make test`.
 *
 * Usage: npx tsx scripts/proof.ts [MANUSCRIPT] [OUT] [PAGES]
 */
import {execFileSync, spawnSync} from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {buildFiles} from '../src/build/build.js'
import {writeOutput} from '../src/build/output.js'
import {ensurePackages} from './debian.js'

const manuscript = path.resolve(process.argv[2] ?? 'manuscript')
const out = path.resolve(process.argv[3] ?? 'output')
const pages = Number(process.argv[4] ?? 6)
const proof = path.join(out, 'proof')
const pictures = path.join(out, 'reports', 'pages')
const serif = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'

ensurePackages([
  {binary: 'ebook-convert', pkg: 'calibre'},
  {binary: 'pdftoppm', pkg: 'poppler-utils'}
])

// 1. The book with the options, from a copy of the manuscript whose
// book.yaml gains them.
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-proof-'))
const copy = path.join(tmp, 'manuscript')
await fs.cp(manuscript, copy, {recursive: true})
const hasSerif = await fs.access(serif).then(
  () => true,
  () => false
)
const options = [
  hasSerif
    ? `font:\n  system: ${serif}\n  face:\n    hant: NotoSerifCJKtc-Regular\n    hans: NotoSerifCJKsc-Regular\n    bilingual: NotoSerifCJKsc-Regular\n`
    : '',
  'vertical: true\n'
].join('')
if (!hasSerif) console.log(`No ${serif} (Debian: fonts-noto-cjk): built without an embedded font`)
await fs.appendFile(path.join(copy, 'book.yaml'), '\n' + options)
const result = await buildFiles({input: copy})
if (!result.ok) throw new Error('The book with the EPUB options did not build')
await writeOutput(
  proof,
  result.outputs.filter((file) => file.path.endsWith('.epub'))
)

// 2. Each EPUB to PDF to PNG, twice: with the machine's fonts, and as on a
// reader without Chinese fonts (fontconfig told to reject every font that
// covers Chinese), where only an embedded font can draw the text.
const noChinese = path.join(tmp, 'fonts-without-chinese.conf')
await fs.writeFile(
  noChinese,
  [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <cachedir>${path.join(tmp, 'fontconfig')}</cachedir>`,
    '  <selectfont><rejectfont>',
    '    <pattern><patelt name="lang"><string>zh-cn</string></patelt></pattern>',
    '    <pattern><patelt name="lang"><string>zh-tw</string></patelt></pattern>',
    '  </rejectfont></selectfont>',
    '</fontconfig>',
    ''
  ].join('\n')
)
const epubs = [
  ...(await list(out)).map((file) => ({file, name: path.basename(file, '.epub')})),
  ...(await list(proof)).map((file) => ({file, name: path.basename(file, '.epub') + '-options'}))
]
const setups = [
  {suffix: '', env: {}},
  {suffix: '-no-chinese-fonts', env: {FONTCONFIG_FILE: noChinese}}
]
await fs.rm(pictures, {recursive: true, force: true})
await fs.mkdir(pictures, {recursive: true})

for (const {file, name} of epubs) {
  for (const setup of setups) {
    const pdf = path.join(tmp, name + setup.suffix + '.pdf')
    const converted = spawnSync(
      'ebook-convert',
      [
        file,
        pdf,
        '--paper-size',
        'a6',
        '--pdf-page-margin-left',
        '24',
        '--pdf-page-margin-right',
        '24',
        '--pdf-page-margin-top',
        '24',
        '--pdf-page-margin-bottom',
        '24',
        '--pdf-default-font-size',
        '12'
      ],
      {
        encoding: 'utf8',
        // Why: Qt WebEngine refuses to run as root with its sandbox, and
        // needs no display with the offscreen platform.
        env: {...process.env, QT_QPA_PLATFORM: 'offscreen', QTWEBENGINE_DISABLE_SANDBOX: '1', ...setup.env}
      }
    )
    // Qt prints its set-up on every run: shown only when the conversion fails.
    if (converted.status !== 0) {
      throw new Error(`ebook-convert failed on ${file}:\n${converted.stdout}${converted.stderr}`)
    }

    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      String(pages),
      pdf,
      path.join(pictures, name + setup.suffix)
    ])
  }
}

await fs.rm(tmp, {recursive: true, force: true})
for (const entry of (await fs.readdir(pictures)).sort()) {
  console.log(path.relative(process.cwd(), path.join(pictures, entry)))
}

/** EPUBs in a folder, sorted. */
async function list(folder: string): Promise<string[]> {
  const names = await fs.readdir(folder).catch(() => [] as string[])
  return names
    .filter((entry) => entry.endsWith('.epub'))
    .sort()
    .map((entry) => path.join(folder, entry))
}
