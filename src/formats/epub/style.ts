/**
 * The EPUB stylesheet, made for reading Chinese on e-readers.
 *
 * Readers let people pick the size, margins and often the font, so this only
 * sets proportions (`em`, `%`), never pixel font sizes or positioning. Nothing
 * is fetched, and nothing embedded unless `book.yaml` asks (`epub-font.ts`):
 * the font stacks name fonts that ship with reading
 * systems and operating systems, chosen by `:lang()` so Traditional and
 * Simplified text get the glyph shapes of their own standard (the same code
 * point is drawn differently in TC and SC fonts, e.g. 骨, 直, 角).
 */

import {scriptOf, type Script} from '../../core/locale.js'

/**
 * Serif (Song / Ming) font families per script, most specific first.
 *
 * Exported so the SVG cover draws its text with the same faces as the book.
 * The generic `serif` is not in the lists: each format appends it unquoted.
 */
export const serifFamilies: Readonly<Record<Script, readonly string[]>> = {
  hant: [
    'Noto Serif CJK TC',
    'Noto Serif TC',
    'Source Han Serif TC',
    'Source Han Serif',
    'Songti TC',
    'PMingLiU',
    'MingLiU'
  ],
  hans: [
    'Noto Serif CJK SC',
    'Noto Serif SC',
    'Source Han Serif SC',
    'Source Han Serif',
    'Songti SC',
    'STSong',
    'SimSun'
  ]
}

/**
 * Latin serif families for English (the bilingual edition's translation and
 * notes), most specific first: faces that e-readers and systems ship (Apple
 * Books: Charter, Georgia; Kobo: Georgia; Android: Noto Serif; Linux: DejaVu).
 *
 * Exported so the SVG cover draws its English title with the same faces.
 */
export const latinSerifFamilies: readonly string[] = [
  'Charter',
  'Bitstream Charter',
  'Georgia',
  'Literata',
  'Noto Serif',
  'DejaVu Serif',
  'Times New Roman'
]

/** Kai (regular script) families for quotations, per script. */
export const kaiFamilies: Readonly<Record<Script, readonly string[]>> = {
  hant: ['Kaiti TC', 'BiauKai', 'DFKai-SB', 'TW-Kai'],
  hans: ['Kaiti SC', 'STKaiti', 'KaiTi', 'AR PL UKai CN']
}

/** Monospace families for code. */
export const monospaceFamilies: readonly string[] = ['Sarasa Mono TC', 'Noto Sans Mono CJK TC', 'Menlo']

/**
 * The script whose fonts a language tag wants: Traditional unless the tag says
 * Simplified (a reader without the right fonts is better off with either).
 *
 * @param lang
 *   Language tag, e.g. `zh-Hans`, `zh-CN`, `zh-Hant-TW`.
 * @returns
 *   `'hans'` or `'hant'`.
 */
export function fontScriptOf(lang: string): Script {
  return scriptOf(lang) ?? 'hant'
}

/**
 * Turn font family names into a CSS `font-family` value.
 *
 * @param families
 *   Family names.
 * @param generic
 *   Generic family to end with (a system without any named font still gets
 *   its own CJK fallback for the element's `lang`).
 * @param quote
 *   Quote to wrap names in (optional, default: `"`); the SVG cover uses `'`
 *   because its value sits in a double-quoted attribute.
 * @returns
 *   CSS value.
 */
export function fontFamily(families: readonly string[], generic: string, quote: '"' | "'" = '"'): string {
  return [...families.map((name) => quote + name + quote), generic].join(', ')
}

/**
 * The EPUB stylesheet (`OEBPS/style.css`).
 *
 * Chinese body text: serif, line height 1.8, justified, first-line indent of
 * two characters and no blank line between paragraphs, strict line breaking
 * (no small kana or closing punctuation at a line start). Distinctions never
 * rest on colour alone (e-ink has none): quotations have a rule and an
 * indent, links an underline, speaker labels bold; in the bilingual edition
 * English has a Latin face, a smaller size and a rule, and a missing
 * translation a dashed outline and italics.
 */
export const epubStyle = `/* zhbook EPUB stylesheet */

html {
  font-family: ${fontFamily(serifFamilies.hant, 'serif')};
}

/* Why: \`[lang]\` keeps the selector on elements that carry a language, so
   \`code\` and \`blockquote\` inside them keep their own families. */
[lang]:lang(zh-Hant) {
  font-family: ${fontFamily(serifFamilies.hant, 'serif')};
}

[lang]:lang(zh-Hans) {
  font-family: ${fontFamily(serifFamilies.hans, 'serif')};
}

body {
  line-height: 1.8;
  text-align: justify;
  line-break: strict;
  -webkit-line-break: strict;
  word-break: normal;
  overflow-wrap: break-word;
  /* The longhands of \`text-spacing\` (CSS Text 4): trim the blank half of
     fullwidth punctuation where two meet, and add a little space between
     Han and Latin letters or digits. */
  text-spacing-trim: normal;
  text-autospace: ideograph-alpha ideograph-numeric;
  hanging-punctuation: allow-end;
  widows: 2;
  orphans: 2;
}

p {
  margin: 0;
  text-indent: 2em;
}

h1,
h2,
h3,
h4,
h5,
h6 {
  font-weight: bold;
  line-height: 1.4;
  text-align: left;
  text-indent: 0;
  page-break-after: avoid;
  break-after: avoid;
  page-break-inside: avoid;
  break-inside: avoid;
}

h1 {
  font-size: 1.6em;
  margin: 1.5em 0 1.2em;
  text-align: center;
}

h2 {
  font-size: 1.3em;
  margin: 1.6em 0 0.8em;
}

h3 {
  font-size: 1.15em;
  margin: 1.4em 0 0.6em;
}

h4,
h5,
h6 {
  font-size: 1em;
  margin: 1.2em 0 0.5em;
}

blockquote {
  margin: 1em 0 1em 1.5em;
  padding: 0 0 0 1em;
  border-left: 0.2em solid;
  font-family: ${fontFamily(kaiFamilies.hant, 'serif')};
}

blockquote:lang(zh-Hans) {
  font-family: ${fontFamily(kaiFamilies.hans, 'serif')};
}

blockquote p {
  text-indent: 0;
}

blockquote p + p {
  margin-top: 0.5em;
}

ol,
ul {
  margin: 0.8em 0;
  padding: 0 0 0 2em;
}

li {
  margin: 0.3em 0;
}

li p {
  text-indent: 0;
}

/* Q&A: a speaker label (\`主持人：\`) opens the paragraph in bold; the
   paragraph starts at the margin and is set off from the one before. */
p.dialogue {
  text-indent: 0;
  margin-top: 0.8em;
}

strong,
b {
  font-weight: bold;
}

/* Slanted Han characters are a synthetic oblique: mark emphasis with dots
   as Chinese typography does. */
em,
i {
  font-style: normal;
  -epub-text-emphasis-style: filled dot;
  -webkit-text-emphasis-style: filled dot;
  text-emphasis-style: filled dot;
  -epub-text-emphasis-position: under;
  -webkit-text-emphasis-position: under;
  text-emphasis-position: under right;
}

em:lang(en),
i:lang(en) {
  font-style: italic;
  -epub-text-emphasis-style: none;
  -webkit-text-emphasis-style: none;
  text-emphasis-style: none;
}

code,
kbd,
samp,
pre {
  font-family: ${fontFamily(monospaceFamilies, 'monospace')};
}

code {
  font-size: 0.9em;
}

pre {
  margin: 1em 0;
  padding: 0.5em 0 0.5em 1em;
  border-left: 0.2em solid;
  font-size: 0.85em;
  line-height: 1.5;
  text-align: left;
  white-space: pre-wrap;
}

pre code {
  font-size: 1em;
}

a {
  color: inherit;
  text-decoration: underline;
}

hr {
  margin: 1.5em 25%;
  border: 0;
  border-top: 1px solid;
}

table {
  margin: 1em 0;
  border-collapse: collapse;
}

th,
td {
  padding: 0.2em 0.5em;
  border: 1px solid;
  text-align: left;
}

img,
svg {
  max-width: 100%;
  height: auto;
}

/* Pinyin over the characters, in the CJK face (it draws every tone mark,
   and matches the text). Ruby only adds height to a line where the
   annotation does not fit in the line's own leading: a small annotation with
   a line height of 1 keeps the lines of a paragraph evenly spaced. */
ruby {
  -epub-ruby-position: over;
  -webkit-ruby-position: before;
  ruby-position: over;
}

rt {
  font-size: 0.5em;
  line-height: 1;
  text-indent: 0;
  letter-spacing: 0;
  font-style: normal;
  -epub-text-emphasis-style: none;
  -webkit-text-emphasis-style: none;
  text-emphasis-style: none;
}

[lang]:lang(zh-Latn) {
  font-family: ${fontFamily(serifFamilies.hans, 'serif')};
}

/* The bilingual edition: each Chinese block is followed by its English
   (\`.translation\`). On e-ink, colour cannot tell them apart, so type does:
   a Latin face, a size smaller, a rule at the left, left-aligned and
   hyphenated (English set this narrow needs it). */
[lang]:lang(en) {
  font-family: ${fontFamily(latinSerifFamilies, 'serif')};
}

.translation {
  -epub-hyphens: auto;
  -webkit-hyphens: auto;
  hyphens: auto;
}

p.translation {
  margin: 0.2em 0 0.9em;
  padding: 0 0 0 0.75em;
  border-left: 0.1em solid;
  font-size: 0.9em;
  line-height: 1.5;
  text-indent: 0;
  text-align: left;
}

li p.translation {
  margin-bottom: 0.4em;
}

/* A heading's English: its own line, smaller, not bold. */
h1 .translation,
h2 .translation,
h3 .translation,
h4 .translation,
h5 .translation,
h6 .translation {
  display: block;
  margin-top: 0.3em;
  font-size: 0.6em;
  font-weight: normal;
  line-height: 1.3;
  -epub-hyphens: manual;
  -webkit-hyphens: manual;
  hyphens: manual;
}

/* A translation still to come (or awaiting review): a visible placeholder,
   in italics inside a dashed outline, never an empty box. */
p.translation.awaiting {
  padding: 0.3em 0.6em;
  border: 0.1em dashed;
  font-style: italic;
}

/* A reference to a glossary note: a small raised dagger, kept on the line
   of its term, with padding to widen the tap target; \`line-height: 0\`
   keeps it from opening the line. */
span.noteref-group {
  white-space: nowrap;
}

a.noteref {
  padding: 0.2em 0.15em;
  font-size: 0.75em;
  line-height: 0;
  vertical-align: super;
  text-decoration: none;
}

/* Glossary notes at the end of a chapter. Readers that show notes as
   pop-ups often hide them here, so the rule above them belongs to the first
   note, not to the container. */
div.gloss-notes {
  margin: 2em 0 0;
}

aside.gloss {
  margin: 0.6em 0 0;
  font-size: 0.85em;
  line-height: 1.5;
}

div.gloss-notes > aside.gloss:first-child {
  padding-top: 0.8em;
  border-top: 1px solid;
}

aside.gloss p {
  margin: 0;
  text-indent: 0;
  text-align: left;
  -epub-hyphens: auto;
  -webkit-hyphens: auto;
  hyphens: auto;
}

aside.gloss a {
  text-decoration: none;
}

.gloss-zh {
  font-weight: bold;
}

.gloss-en {
  font-style: italic;
}

/* The glossary: term and pinyin, then the English gloss, indented. */
dl.glossary {
  margin: 1em 0;
}

dl.glossary > div {
  margin: 0 0 1em;
  page-break-inside: avoid;
  break-inside: avoid;
}

dl.glossary dt {
  font-weight: bold;
}

dl.glossary dt .gloss-pinyin {
  margin-left: 0.3em;
  font-weight: normal;
}

dl.glossary dd {
  margin: 0.2em 0 0 2em;
  font-size: 0.9em;
  line-height: 1.5;
}

dl.glossary dd p {
  margin: 0 0 0.3em;
  text-indent: 0;
  text-align: left;
  -epub-hyphens: auto;
  -webkit-hyphens: auto;
  hyphens: auto;
}

/* The table of contents: a plain list of chapter titles. */
nav ol {
  list-style: none;
  padding: 0;
}

nav li {
  margin: 0.5em 0;
}

nav a {
  text-decoration: none;
}

/* The cover page: the image alone, as large as the page allows. */
body.cover {
  margin: 0;
  padding: 0;
  text-align: center;
}

section.cover {
  margin: 0;
  padding: 0;
}

section.cover img {
  max-width: 100%;
  max-height: 100%;
}

/* The cover's heading is its image: no heading size or margins. */
section.cover h1 {
  margin: 0;
  padding: 0;
  font-size: 1em;
  line-height: 1;
}

/* Why: reading systems built before HTML 5 show an unknown element inline. */
main {
  display: block;
  margin: 0;
  padding: 0;
}
`
