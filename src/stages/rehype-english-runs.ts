/**
 * Stage: mark English phrases in Chinese text `<span lang="en">`: a Chinese voice mangles them (WCAG
 * 2.1 SC 3.1.2), and reading systems pick fonts and hyphenation by language. A phrase is two or more
 * Latin words; a single word (`AI`, `GPU`) is a term Chinese speech uses as it is, which SC 3.1.2
 * exempts and a voice change mid-sentence would only make harder to follow.
 */
import type {Element, ElementContent, Root, RootContent, Text} from 'hast'
import {h} from 'hastscript'
import {opaque, otherLanguage} from './rehype-hant-to-hans.js'

/** Options of `rehypeEnglishRuns`. */
export interface Options {
  /** Language given to the phrases (optional, default: `'en'`). */
  readonly lang?: string | null | undefined
}

const emptyOptions: Options = {}

/** Two or more Latin words; a word may hold inner apostrophes, hyphens or dots (`don't`, `Node.js`). */
const phrase = /[A-Za-z]+(?:['’.-][A-Za-z]+)*(?:[ \u00A0]+[A-Za-z]+(?:['’.-][A-Za-z]+)*)+/g

/**
 * Wrap English phrases of Chinese text in `span[lang]`.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export default function rehypeEnglishRuns(options?: Options | null) {
  const lang = (options ?? emptyOptions).lang ?? 'en'

  return (tree: Root): undefined => {
    tree.children = wrapChildren(tree.children, lang) as RootContent[]
  }
}

function wrapChildren(
  children: Array<ElementContent | RootContent>,
  lang: string
): Array<ElementContent | RootContent> {
  const result: Array<ElementContent | RootContent> = []

  for (const child of children) {
    if (child.type === 'text') {
      result.push(...wrapText(child, lang))
    } else {
      if (child.type === 'element' && !skip(child)) {
        child.children = wrapChildren(child.children, lang) as ElementContent[]
      }

      result.push(child)
    }
  }

  return result
}

/** Whether an element's content is left alone: code-like, pinyin, another language, or a phrase already. */
function skip(node: Element): boolean {
  return (
    opaque.has(node.tagName) || node.tagName === 'rt' || node.tagName === 'rp' || otherLanguage(node) || isLatin(node)
  )
}

function isLatin(node: Element): boolean {
  const lang = node.properties.lang
  return typeof lang === 'string' && /^zh-latn\b/i.test(lang)
}

function wrapText(node: Text, lang: string): ElementContent[] {
  const result: ElementContent[] = []
  let start = 0

  for (const match of node.value.matchAll(phrase)) {
    if (match.index > start) result.push(piece(node, node.value.slice(start, match.index)))
    result.push(h('span', {lang}, [piece(node, match[0])]))
    start = match.index + match[0].length
  }

  if (start === 0) return [node]
  if (start < node.value.length) result.push(piece(node, node.value.slice(start)))
  return result
}

/** A piece of a text node, keeping its position (messages still point at the manuscript line). */
function piece(node: Text, value: string): Text {
  const text: Text = {type: 'text', value}
  if (node.position) text.position = node.position
  return text
}
