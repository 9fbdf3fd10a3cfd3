/**
 * Stage: drop a soft line break between two CJK characters. HTML shows a line ending as a space, and
 * Chinese has none between words (「数据。 通常」); as pandoc's `east_asian_line_breaks`, it goes when
 * both sides are wide, and stays beside Latin. Runs before conversion, so 作業\n系統 is one phrase.
 */
import type {Element, ElementContent, Root, Text} from 'hast'
import {toString} from 'hast-util-to-string'
import {visitElements} from '../core/walk.js'

/** Characters set without spaces between them (not Hangul: Korean spaces its words). */
const wide =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u

/** Inline elements whose text is kept as written, but read as a neighbour. */
const inlineVerbatim = new Set(['code', 'kbd', 'samp', 'math'])

const verbatim = new Set(['pre', 'code', 'kbd', 'samp', 'script', 'style', 'textarea', 'math', 'svg'])

/** Elements that hold a run of text (a line break inside one joins it). */
const blocks = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'dt',
  'dd',
  'td',
  'th',
  'caption',
  'figcaption',
  'summary',
  'blockquote',
  'div',
  'section',
  'aside'
])

/**
 * Remove line endings between two wide characters.
 *
 * @returns
 *   Transform.
 */
export default function rehypeCjkLineBreaks() {
  return (tree: Root) => {
    visitElements(tree, (node) => {
      if (verbatim.has(node.tagName)) return 'skip'
      if (!blocks.has(node.tagName)) return
      const texts: Text[] = []
      collect(node, texts)
      join(texts)
      return undefined
    })
  }
}

function collect(node: Element, texts: Text[]): undefined {
  for (const child of node.children as ElementContent[]) {
    if (child.type === 'text') texts.push(child)
    else if (child.type === 'element' && inlineVerbatim.has(child.tagName)) {
      // A copy: its first and last characters count, its text is not changed.
      texts.push({type: 'text', value: toString(child)})
    } else if (child.type === 'element' && !verbatim.has(child.tagName)) {
      if (blocks.has(child.tagName)) texts.push({type: 'text', value: '\0'})
      else collect(child, texts)
    }
  }

  return undefined
}

function join(texts: readonly Text[]): undefined {
  for (const [index, text] of texts.entries()) {
    if (!text.value.includes('\n')) continue
    text.value = text.value.replace(/[ \t]*\n[ \t]*/g, (match, offset: number, value: string) => {
      const end = offset + match.length
      const before =
        offset > 0 ? Array.from(value.slice(Math.max(0, offset - 2), offset)).at(-1) : lastChar(texts, index)
      const after = end < value.length ? String.fromCodePoint(value.codePointAt(end)!) : firstChar(texts, index)
      return before !== undefined && after !== undefined && wide.test(before) && wide.test(after) ? '' : match
    })
  }

  return undefined
}

function lastChar(texts: readonly Text[], index: number): string | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const value = texts[at]!.value
    if (value !== '') return Array.from(value.slice(-2)).at(-1)
  }

  return undefined
}

function firstChar(texts: readonly Text[], index: number): string | undefined {
  for (let at = index + 1; at < texts.length; at++) {
    const value = texts[at]!.value
    if (value !== '') return String.fromCodePoint(value.codePointAt(0)!)
  }

  return undefined
}
