/**
 * The web edition's stylesheet, made for reading Chinese on screens.
 *
 * Nothing here is fetched: no web fonts, no `url()`, no `@import`. The font
 * stacks name fonts that ship with the reader's system (macOS, Windows,
 * Android, Linux with Noto CJK), chosen by `:lang()` so that Traditional and
 * Simplified text get the glyph shapes of their own standard (the same code
 * point is drawn differently in TC and SC fonts, e.g. 骨, 直, 角).
 */
import {siteStyle} from './site.js'

/** A colour scheme: the colours the stylesheet uses, by role. */
export interface Palette {
  /** Page background. */
  background: string
  /** Body text. */
  text: string
  /** Secondary text: subtitles, blockquotes, labels. */
  muted: string
  /** Links. */
  link: string
  /** `strong`, which the Q&A uses for speaker labels (`主持人：`). */
  strong: string
  /** Background of inline code and code blocks. */
  codeBackground: string
  /** Rules and borders; decorative, so not held to text contrast. */
  rule: string
  /** Background of marked text: search matches, the block a link lands on. */
  mark: string
}

/**
 * The light and dark palettes.
 *
 * Exported so tests can hold every text colour to WCAG contrast against the
 * backgrounds it is drawn on, instead of trusting a comment.
 */
export const palettes: Readonly<{light: Palette; dark: Palette}> = {
  light: {
    background: '#fbfaf7',
    text: '#1f1f1f',
    muted: '#55555a',
    link: '#0b57a4',
    strong: '#7a2e0e',
    codeBackground: '#efede6',
    rule: '#d9d5ca',
    mark: '#f6e19a'
  },
  dark: {
    background: '#161618',
    text: '#e6e6e3',
    muted: '#aaaaad',
    link: '#8ab8ff',
    strong: '#f2b98f',
    codeBackground: '#25252a',
    rule: '#3d3d44',
    mark: '#554616'
  }
}

// Stacks end in a generic family so a system without any of the named fonts
// still picks its own CJK fallback for the language (browsers resolve
// `sans-serif` per `lang`).
const sansHant = [
  '"PingFang TC"',
  '"Noto Sans CJK TC"',
  '"Noto Sans TC"',
  '"Source Han Sans TC"',
  '"Source Han Sans TW"',
  '"Microsoft JhengHei"',
  '"Heiti TC"',
  'sans-serif'
].join(', ')

const sansHans = [
  '"PingFang SC"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Source Han Sans SC"',
  '"Source Han Sans CN"',
  '"Microsoft YaHei"',
  '"Heiti SC"',
  'sans-serif'
].join(', ')

const serifHant = [
  '"Noto Serif CJK TC"',
  '"Noto Serif TC"',
  '"Source Han Serif TC"',
  '"Source Han Serif TW"',
  '"Songti TC"',
  'PMingLiU',
  'serif'
].join(', ')

const serifHans = [
  '"Noto Serif CJK SC"',
  '"Noto Serif SC"',
  '"Source Han Serif SC"',
  '"Source Han Serif CN"',
  '"Songti SC"',
  'SimSun',
  'serif'
].join(', ')

// English (the bilingual edition's translation and notes): a Latin serif, to
// set it apart from the Chinese sans by its face, not only by colour.
const latin = [
  '"Iowan Old Style"',
  'Charter',
  '"Bitstream Charter"',
  'Georgia',
  '"Noto Serif"',
  '"DejaVu Serif"',
  'serif'
].join(', ')

const mono = ['ui-monospace', '"SFMono-Regular"', 'Menlo', 'Consolas', '"DejaVu Sans Mono"', 'monospace'].join(', ')

/**
 * Custom properties for one palette.
 *
 * @param palette
 *   Palette.
 * @returns
 *   Declarations, one per line.
 */
function colours(palette: Palette): string {
  return [
    `--bg: ${palette.background};`,
    `--text: ${palette.text};`,
    `--muted: ${palette.muted};`,
    `--link: ${palette.link};`,
    `--strong: ${palette.strong};`,
    `--code-bg: ${palette.codeBackground};`,
    `--rule: ${palette.rule};`,
    `--mark: ${palette.mark};`
  ].join('\n  ')
}

/**
 * The stylesheet, written once to `web/style.css` and linked from every page.
 */
export const webStyle = `/* zhbook web edition. No web fonts, no external requests. */

*, *::before, *::after { box-sizing: border-box; }

/* Colours: the system's scheme, unless the reader chose one (\`data-theme\`,
   set by prefs.js). */
:root {
  color-scheme: light dark;
  ${colours(palettes.light)}
  --mono: ${mono};
  --latin: ${latin};
}

@media (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) {
  ${colours(palettes.dark)}
  }
}

:root[data-theme="light"] { color-scheme: light; }

:root[data-theme="dark"] {
  color-scheme: dark;
  ${colours(palettes.dark)}
}

/* Text size (\`data-size\`, set by prefs.js): everything is in rem or em, so
   one root size scales the page. */
:root[data-size="s"] { font-size: 87.5%; }
:root[data-size="l"] { font-size: 112.5%; }
:root[data-size="xl"] { font-size: 125%; }

/* Font stacks by script. \`:where\` keeps these at zero specificity, so \`code\`
   and headings below still pick their own family; they are set on elements
   carrying \`lang\` so a Simplified link inside a Traditional page (the site
   index) is drawn with Simplified glyphs. The fallback for other languages
   comes first: same specificity, so the later rules win where they match. */
:where(html) {
  --sans: system-ui, sans-serif;
  --serif: Georgia, serif;
  font-family: var(--sans);
}

:where([lang]:lang(zh-Hant), [lang]:lang(zh-TW), [lang]:lang(zh-HK), [lang]:lang(zh-MO)) {
  --sans: ${sansHant};
  --serif: ${serifHant};
  font-family: var(--sans);
}

:where([lang]:lang(zh-Hans), [lang]:lang(zh-CN), [lang]:lang(zh-SG)) {
  --sans: ${sansHans};
  --serif: ${serifHans};
  font-family: var(--sans);
}

:where([lang]:lang(en)) {
  font-family: var(--latin);
}

html {
  background: var(--bg);
  color: var(--text);
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}

/* A measure of 38 characters: 1em is one Han character. */
body {
  box-sizing: content-box;
  max-width: 38em;
  margin: 0 auto;
  padding: 0 1.25rem 2rem;
  font-size: 1.0625rem;
  line-height: 1.8;
  overflow-wrap: break-word;
}

@media (min-width: 48em) {
  body { font-size: 1.125rem; padding-inline: 2rem; }
}

/* Headings in a Song/Ming face, the book face of Chinese print. */
h1, h2, h3, h4, h5, h6, .book-title {
  font-family: var(--serif);
  font-weight: 700;
  line-height: 1.4;
  /* Long Chinese titles otherwise leave one or two characters on the last
     line (\`大多 / 數人的機會\`). */
  text-wrap: balance;
}

h1 { font-size: 1.75em; margin: 1.5em 0 1em; }
h2 { font-size: 1.35em; margin: 1.8em 0 0.8em; }
h3 { font-size: 1.15em; margin: 1.6em 0 0.6em; }
h4, h5, h6 { font-size: 1em; margin: 1.4em 0 0.5em; }

p { margin: 0 0 1em; }

/* Justified Chinese: Han characters are all one width, so justification only
   spreads punctuation and Latin runs a little, and gives a clean right edge.
   Not on a phone: a line of 20 characters holding a long Latin word or a
   term kept with its note reference would be spread into gaps. */
@media (min-width: 36em) {
  main p:lang(zh), main li:lang(zh), main blockquote:lang(zh) {
    text-align: justify;
  }
}

a { color: var(--link); text-underline-offset: 0.2em; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }

/* Speaker labels in the Q&A (\`主持人：\`) and other strong text. */
strong { font-weight: 700; color: var(--strong); }

/* Chinese marks emphasis with dots under the characters, not italics. */
em:lang(zh) {
  font-style: normal;
  -webkit-text-emphasis: filled dot;
  text-emphasis: filled dot;
  -webkit-text-emphasis-position: under right;
  text-emphasis-position: under right;
}

blockquote {
  margin: 1.5em 0;
  padding: 0.1em 0 0.1em 1em;
  border-inline-start: 0.25em solid var(--rule);
  color: var(--muted);
}

blockquote > :last-child, li > :last-child { margin-bottom: 0; }

ol, ul { margin: 0 0 1em; padding-inline-start: 2em; }
li { margin: 0.5em 0; }
li > p { margin: 0 0 0.5em; }

code, kbd, pre, samp { font-family: var(--mono); font-size: 0.875em; }

code {
  padding: 0.1em 0.35em;
  border-radius: 0.25em;
  background: var(--code-bg);
}

pre {
  overflow-x: auto;
  margin: 0 0 1em;
  padding: 0.8em 1em;
  border-radius: 0.25em;
  background: var(--code-bg);
  line-height: 1.5;
}

pre code { padding: 0; background: none; font-size: 1em; }

hr { margin: 2em 0; border: 0; border-top: 1px solid var(--rule); }

img { max-width: 100%; height: auto; }

table { border-collapse: collapse; margin: 0 0 1em; }
th, td { padding: 0.3em 0.6em; border: 1px solid var(--rule); text-align: start; }

.footnotes { margin-top: 2em; border-top: 1px solid var(--rule); font-size: 0.9em; }

/* The bilingual edition: each Chinese block is followed by its English
   (\`.translation\`), set apart by type (a Latin serif, a size smaller, a rule
   at the start), as in the EPUB, and kept close to its Chinese. */
.translation { -webkit-hyphens: auto; hyphens: auto; }

p.translation {
  margin: 0 0 1.25em;
  padding-inline-start: 0.9em;
  border-inline-start: 0.2em solid var(--rule);
  font-size: 0.92em;
  line-height: 1.6;
  text-align: start;
}

p:has(+ p.translation) { margin-bottom: 0.4em; }
li > p.translation { margin-bottom: 0.5em; }

/* A heading's English: its own line, smaller and lighter. */
:is(h1, h2, h3, h4, h5, h6) .translation,
.subtitle .translation {
  display: block;
  margin-top: 0.25em;
  color: var(--muted);
  font-size: 0.6em;
  font-weight: 400;
  line-height: 1.35;
  text-align: start;
  -webkit-hyphens: manual;
  hyphens: manual;
}

.subtitle .translation { font-size: 0.9em; }

/* A translation still to come (or awaiting review): visibly a placeholder,
   in italics inside a dashed outline. */
p.translation.awaiting {
  padding: 0.35em 0.75em;
  border: 1px dashed var(--muted);
  border-radius: 0.25em;
  color: var(--muted);
  font-style: italic;
}

/* Pinyin over the characters. A small annotation with a line height of 1
   fits in the body's leading, so lines with and without ruby stay evenly
   spaced. */
ruby { -webkit-ruby-position: before; ruby-position: over; }
rt { font-size: 0.5em; line-height: 1; font-style: normal; text-emphasis: none; }

/* A reference to a glossary note: a raised dagger, kept on the line of its
   term. The padding widens the target for a finger, the negative margin
   keeps the dagger close to its neighbours, and \`line-height: 0\` keeps it
   from opening the line. */
.noteref-group { white-space: nowrap; }

a.noteref {
  margin: 0 -0.2em;
  padding: 0.4em 0.3em;
  font-size: 0.75em;
  line-height: 0;
  vertical-align: super;
  text-decoration: none;
}

a.noteref:hover, a.noteref:focus-visible { text-decoration: underline; }

/* Glossary notes at the end of a chapter; the one jumped to is marked. */
.gloss-notes {
  margin-top: 2.5em;
  padding-top: 1em;
  border-top: 1px solid var(--rule);
  font-size: 0.9em;
  line-height: 1.6;
}

aside.gloss { margin: 0 0 0.75em; }
aside.gloss:target, dl.glossary > div:target { outline: 2px solid var(--rule); outline-offset: 0.25em; }
aside.gloss p, .note-popup p { margin: 0; text-align: start; -webkit-hyphens: auto; hyphens: auto; }
.gloss-zh { font-weight: 700; }
.gloss-en { font-style: italic; }

/* The glossary: term and pinyin, then the English gloss. */
dl.glossary { margin: 0 0 1em; }
dl.glossary > div { margin: 0 0 1.25em; }
dl.glossary dt { font-weight: 700; }
dl.glossary dt .gloss-pinyin { margin-inline-start: 0.4em; color: var(--muted); font-weight: 400; }
dl.glossary dd { margin: 0.25em 0 0 2em; line-height: 1.6; }
dl.glossary dd p { margin: 0 0 0.35em; text-align: start; -webkit-hyphens: auto; hyphens: auto; }

${siteStyle}`
