/**
 * Stage: mark English phrases inside Chinese text as English
 * (`<span lang="en">`).
 *
 * Why: a screen reader and a reading system's text-to-speech read text in
 * the voice of its language; a Chinese voice spells out or mangles an
 * English phrase (WCAG 2.1 SC 3.1.2, Language of Parts). Reading systems
 * also pick fonts and hyphenation by language.
 *
 * What counts as an English phrase: two or more Latin words in a row
 * (`Hugging Face`, `Reinforcement Learning from Human Feedback`). A single
 * Latin word in Chinese text (`AI`, `ChatGPT`, `GPU`) is a name or a term
 * Chinese speech uses as it is, which SC 3.1.2 exempts, and which a voice
 * change in mid-sentence would only make harder to follow. Text already
 * marked with another language (the English translation, pinyin), code and
 * the like are left alone.
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

/**
 * Two or more Latin words separated by spaces; a word is letters, with
 * inner apostrophes, hyphens or dots (`don't`, `e-mail`, `Node.js`).
 *
 * It starts at the start of a word only: a word that no other follows is
 * tried once, not again from each of its letters, which took minutes on a
 * long run of letters and dots (`www.a` × 40 000).
 */
const phrase = /(?<![A-Za-z]|[A-Za-z]['’.-])[A-Za-z]+(?:['’.-][A-Za-z]+)*(?:[ \u00A0]+[A-Za-z]+(?:['’.-][A-Za-z]+)*)+/g

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

/**
 * Wrap the phrases among siblings and in their descendants.
 *
 * @param children
 *   Siblings.
 * @param lang
 *   Language to give.
 * @returns
 *   New siblings.
 */
function wrapChildren(
  children: Array<ElementContent | RootContent>,
  lang: string
): Array<ElementContent | RootContent> {
  const result: Array<ElementContent | RootContent> = []

  for (const child of children) {
    if (child.type === 'text') {
      // One by one: a long text's runs, spread as arguments, overflow the stack.
      for (const node of wrapText(child, lang)) result.push(node)
    } else {
      if (child.type === 'element' && !skip(child)) {
        child.children = wrapChildren(child.children, lang) as ElementContent[]
      }

      result.push(child)
    }
  }

  return result
}

/**
 * Whether an element's content is left alone.
 *
 * @param node
 *   Element.
 * @returns
 *   Whether it is code-like, pinyin, in another language, or a phrase
 *   already.
 */
function skip(node: Element): boolean {
  return (
    opaque.has(node.tagName) || node.tagName === 'rt' || node.tagName === 'rp' || otherLanguage(node) || isLatin(node)
  )
}

/**
 * Whether an element is marked as Latin-script Chinese (pinyin).
 *
 * @param node
 *   Element.
 * @returns
 *   Whether its `lang` is `zh-Latn…`.
 */
function isLatin(node: Element): boolean {
  const lang = node.properties.lang
  return typeof lang === 'string' && /^zh-latn\b/i.test(lang)
}

/**
 * Split a text node around its English phrases.
 *
 * @param node
 *   Text.
 * @param lang
 *   Language to give.
 * @returns
 *   Text and spans.
 */
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

/**
 * A piece of a text node, keeping its position (messages still point at the
 * manuscript line).
 *
 * @param node
 *   Original text.
 * @param value
 *   The piece.
 * @returns
 *   Text node.
 */
function piece(node: Text, value: string): Text {
  const text: Text = {type: 'text', value}
  if (node.position) text.position = node.position
  return text
}
