/**
 * The EPUB cover: a typographic SVG made from the book's metadata, deterministic and self-contained
 * (no images, no fonts: the reader's system supplies the serif face).
 */
import type {Element} from 'hast'
import {s} from 'hastscript'
import type {EditionBook} from '../../core/model.js'
import {fontFamily, fontScriptOf, latinSerifFamilies, serifFamilies} from './style.js'
import {wrap, type Block} from './cover-lines.js'
import {toXhtml} from '../shared/xhtml.js'

const width = 1200

/** Width of the raster cover: Kindle asks for at least 1000 px on the short side, ideally 1600. */
export const coverWidth = 1600
const height = 1800
/** Widest a line of text may be: the frame's inside, less a margin. */
const measure = 880
const ink = '#1f1f1f'
const muted = '#55555a'
const paper = '#f6f1e7'
const accent = '#9e2a2b'

const titleSizes = [136, 120, 108, 96, 84, 72, 64, 56]

/**
 * Make the SVG cover of an edition.
 *
 * @param book
 *   The edition.
 * @returns
 *   SVG document (UTF-8 text, with XML declaration).
 */
export function coverSvg(book: EditionBook): string {
  return svgDocument(coverTree(book))
}

/**
 * Serialise an SVG tree as a document.
 *
 * @param tree
 *   `<svg>` element.
 * @returns
 *   UTF-8 text with XML declaration.
 */
export function svgDocument(tree: Element): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + toXhtml(tree) + '\n'
}

/**
 * Make the SVG cover of an edition as a tree.
 *
 * @param book
 *   The edition.
 * @returns
 *   `<svg>` element.
 */
export function coverTree(book: EditionBook): Element {
  const {meta, edition} = book
  const lang = edition.lang
  const script = fontScriptOf(lang)
  const children: Element[] = [
    s('title', meta.subtitle ? meta.title + '：' + meta.subtitle : meta.title),
    s('rect', {width, height, fill: paper}),
    // A double rule frame, as on a traditional thread-bound cover label.
    s('rect', frame(72, 4)),
    s('rect', frame(90, 1.5))
  ]

  children.push(text([edition.label], 200, 34, {fill: muted, letterSpacing: 8}))

  const title = setTitle(meta.title, lang)
  const subtitleSize = 46
  const subtitle = meta.subtitle ? wrap(meta.subtitle, measure / subtitleSize, lang).lines.slice(0, 3) : []
  // The bilingual edition's English title: under the subtitle, smaller, in a Latin face.
  const translatedSize = 40
  const translated = meta.translated
    ? wrap(meta.translated.title, measure / translatedSize, meta.translated.lang).lines.slice(0, 3)
    : []
  const ruleGap = Math.round(title.size * 0.9)
  const subtitleGap = Math.round(subtitleSize * 2.2)
  const translatedGap = Math.round(translatedSize * (subtitle.length > 0 ? 2.8 : 2.2))
  const blockHeight =
    title.size +
    (title.lines.length - 1) * leading(title.size) +
    ruleGap +
    (subtitle.length > 0 ? subtitleGap + (subtitle.length - 1) * leading(subtitleSize) : 0) +
    (translated.length > 0 ? translatedGap + (translated.length - 1) * leading(translatedSize) : 0)
  // The title block sits on the optical centre: 40% of the free space above it, 60% below.
  let y = 260 + Math.round((1080 - blockHeight) * 0.4) + title.size

  children.push(text(title.lines, y, title.size, {fontWeight: 'bold', fill: ink}))
  y += (title.lines.length - 1) * leading(title.size) + ruleGap

  children.push(
    s('line', {
      x1: width / 2 - 60,
      x2: width / 2 + 60,
      y1: y,
      y2: y,
      stroke: accent,
      strokeWidth: 4
    })
  )

  if (subtitle.length > 0) {
    y += subtitleGap
    children.push(text(subtitle, y, subtitleSize, {fill: ink}))
    y += (subtitle.length - 1) * leading(subtitleSize)
  }

  if (meta.translated && translated.length > 0) {
    y += translatedGap
    children.push(
      text(translated, y, translatedSize, {
        fill: ink,
        fontStyle: 'italic',
        fontFamily: fontFamily(latinSerifFamilies, 'serif', "'"),
        xmlLang: meta.translated.lang
      })
    )
  }

  if (meta.author) {
    // A name or two is set large and spaced (letter spacing of a fifth of an em); a longer list of
    // authors, smaller on up to three lines that end on the same baseline.
    const spaced = wrap(meta.author, measure / (60 * 1.2), lang)
    const block = spaced.lines.length === 1 ? spaced : wrap(meta.author, measure / 40, lang, 40)
    const size = block === spaced ? 60 : 40
    const lines = block.lines.slice(0, 3)
    children.push(
      text(lines, 1460 - (lines.length - 1) * leading(size), size, {
        fill: ink,
        ...(block === spaced ? {letterSpacing: 12} : {})
      })
    )
  }

  if (meta.host) {
    const size = 32
    const lines = wrap(meta.host, measure / size, lang).lines
    children.push(text(lines.slice(0, 2), 1580, size, {fill: muted}))
  }

  return s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      version: '1.1',
      width,
      height,
      viewBox: [0, 0, width, height].join(' '),
      xmlLang: lang,
      fontFamily: fontFamily(serifFamilies[script], 'serif', "'")
    },
    children
  )
}

function frame(inset: number, strokeWidth: number) {
  return {
    x: inset,
    y: inset,
    width: width - 2 * inset,
    height: height - 2 * inset,
    fill: 'none',
    stroke: ink,
    strokeWidth
  }
}

function text(lines: readonly string[], y: number, size: number, properties: Record<string, number | string>): Element {
  // Letter spacing also follows the last character, which would push centred text left.
  const x = width / 2 + (typeof properties.letterSpacing === 'number' ? properties.letterSpacing / 2 : 0)
  return s(
    'text',
    {x, y, fontSize: size, textAnchor: 'middle', ...properties},
    lines.map((line, index) => s('tspan', {x, dy: index === 0 ? 0 : leading(size)}, line))
  )
}

/** Distance between baselines for a font size: tighter for display sizes. */
function leading(size: number): number {
  return Math.round(size * (size < 60 ? 1.6 : 1.35))
}

/**
 * Choose the title's size and lines: the largest size that breaks only at clause ends in at most
 * three lines; else the largest in at most three lines; else the smallest.
 */
function setTitle(title: string, lang: string): Block {
  const blocks = titleSizes.map((size) => wrap(title, measure / size, lang, size))
  return (
    blocks.find((block) => block.penalty === 0 && block.lines.length <= 3) ??
    blocks.find((block) => block.lines.length <= 3) ??
    blocks[blocks.length - 1]!
  )
}
