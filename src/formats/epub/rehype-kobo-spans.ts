/**
 * Kobo's markup for a content document (`.kepub.epub`). Kobo keeps the reading position, highlights
 * and statistics by `<span class="koboSpan" id="kobo.N.M">` (paragraph N, segment M, from 1), not by
 * CFIs, and paginates `div#book-columns > div#book-inner`; without them a kepub loses the reader's
 * place. Structure and semantics stay, so the kepub is still a valid, accessible EPUB.
 */
import type {Element, ElementContent, Root, RootContent, Text} from 'hast'
import {h} from 'hastscript'

/** Configuration of `rehypeKoboSpans`. */
export interface Options {
  /** Whether to wrap the content in `div#book-columns > div#book-inner` (optional, default: `true`). */
  readonly wrapper?: boolean | null | undefined
}

const emptyOptions: Options = {}

/** Elements whose content is not text to read (ruby annotations go whole with their base). */
const skip = new Set(['rp', 'rt', 'script', 'style', 'svg', 'math', 'template'])

/** Elements that are one segment as a whole (a term and its pinyin; an image). */
const atomic = new Set(['ruby', 'img'])

/** Phrasing elements: their text belongs to the paragraph around them; others start a new one. */
const phrasing = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'br',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'img',
  'ins',
  'kbd',
  'mark',
  'q',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr'
])

/** A sentence end: Chinese stops, or Latin ones before a space; with closing quotes and the space after. */
const sentenceEnd = /(?:[。！？；…]+|[.!?;]+(?=\s|$))[」』”’）)\]"']*\s*/g

interface State {
  paragraph: number
  segment: number
  open: boolean
}

/**
 * Add Kobo's spans and wrapper divs to a content document's body.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export default function rehypeKoboSpans(options?: Options | null) {
  const settings = options ?? emptyOptions
  const wrapper = settings.wrapper ?? true

  return (tree: Root): undefined => {
    const state: State = {paragraph: 0, segment: 0, open: false}
    tree.children = spanChildren(tree.children, state) as RootContent[]

    if (wrapper) {
      const content = tree.children.filter((child): child is ElementContent => child.type !== 'doctype')
      tree.children = [h('div', {id: 'book-columns'}, [h('div', {id: 'book-inner'}, content)])]
    }
  }
}

function spanChildren(
  children: Array<ElementContent | RootContent>,
  state: State
): Array<ElementContent | RootContent> {
  const result: Array<ElementContent | RootContent> = []

  for (const child of children) {
    if (child.type === 'text') {
      // One by one: a long text's spans, spread as arguments, overflow the stack.
      for (const node of spanText(child, state)) result.push(node)
    } else if (child.type === 'element') {
      if (skip.has(child.tagName) || isKoboSpan(child)) {
        result.push(child)
      } else if (atomic.has(child.tagName)) {
        result.push(span([child], state))
      } else if (phrasing.has(child.tagName)) {
        child.children = spanChildren(child.children, state) as ElementContent[]
        result.push(child)
      } else {
        // A block is a paragraph of its own, and so is the text after it.
        state.open = false
        child.children = spanChildren(child.children, state) as ElementContent[]
        state.open = false
        result.push(child)
      }
    } else {
      result.push(child)
    }
  }

  return result
}

/** Wrap each sentence of a text node; whitespace alone is left as it is. */
function spanText(node: Text, state: State): ElementContent[] {
  if (!/\S/.test(node.value)) return [node]
  const result: ElementContent[] = []

  for (const sentence of sentences(node.value)) {
    const text: Text = {type: 'text', value: sentence}
    if (node.position) text.position = node.position
    result.push(/\S/.test(sentence) ? span([text], state) : text)
  }

  return result
}

function span(children: ElementContent[], state: State): Element {
  if (!state.open) {
    state.paragraph++
    state.segment = 0
    state.open = true
  }

  state.segment++
  return h('span', {className: ['koboSpan'], id: `kobo.${state.paragraph}.${state.segment}`}, children)
}

function sentences(value: string): string[] {
  const result: string[] = []
  let start = 0

  for (const match of value.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length
    if (end > start) result.push(value.slice(start, end))
    start = end
  }

  if (start < value.length) result.push(value.slice(start))
  return result
}

function isKoboSpan(node: Element): boolean {
  return (
    node.tagName === 'span' &&
    Array.isArray(node.properties.className) &&
    node.properties.className.includes('koboSpan')
  )
}
