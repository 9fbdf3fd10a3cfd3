/**
 * Kobo's markup for a content document (the `.kepub.epub` edition).
 *
 * Why: Kobo's reading system for kepubs keeps the reading position, highlights, statistics and
 * "time left in chapter" by spans, not by EPUB CFIs: every sentence (or other run of text, and
 * every image) sits in a `<span class="koboSpan" id="kobo.N.M">` (paragraph N, segment M, both from
 * 1 in each document), and the body's content in `<div id="book-columns"><div id="book-inner">`,
 * which it paginates. A kepub without them opens, but loses the reader's place.
 *
 * Only text and images are wrapped; the tree's structure and semantics (sections, roles,
 * `epub:type`, notes, ids) stay as they are, so the kepub is still a valid, accessible EPUB.
 */
import type {Element, ElementContent, Root, RootContent, Text} from 'hast'
import {h} from 'hastscript'

/** Configuration of `rehypeKoboSpans`. */
export interface Options {
  /** Whether to wrap the content in `div#book-columns > div#book-inner` (optional, default: `true`). */
  readonly wrapper?: boolean | null | undefined
}

const emptyOptions: Options = {}

/**
 * Elements whose content is not text to read: ruby annotations (wrapped whole with their base,
 * below), and embedded vocabularies.
 */
const skip = new Set(['rp', 'rt', 'script', 'style', 'svg', 'math', 'template'])

/** Elements that are one segment as a whole (a term and its pinyin; an image). */
const atomic = new Set(['ruby', 'img'])

/**
 * Elements that are text-level (phrasing): text inside them belongs to the paragraph of the block
 * around them. Any other element starts a new paragraph.
 */
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

/**
 * The end of a sentence: Chinese full stops, question and exclamation marks, semicolons and
 * ellipses, or Latin ones before a space; with the closing quotes and brackets that follow, and the
 * space after.
 */
const sentenceEnd = /(?:[。！？；…]+|[.!?;]+(?=\s|$))[」』”’）)\]"']*\s*/g

/** Counters of one document. */
interface State {
  /** Last paragraph number given. */
  paragraph: number
  /** Last segment number given in the current paragraph. */
  segment: number
  /** Whether the current block has its paragraph number yet. */
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

/** Wrap the text and images among a list of siblings and their descendants. */
function spanChildren(
  children: Array<ElementContent | RootContent>,
  state: State
): Array<ElementContent | RootContent> {
  const result: Array<ElementContent | RootContent> = []

  for (const child of children) {
    if (child.type === 'text') {
      result.push(...spanText(child, state))
    } else if (child.type === 'element') {
      if (skip.has(child.tagName) || isKoboSpan(child)) {
        result.push(child)
      } else if (atomic.has(child.tagName)) {
        result.push(span([child], state))
      } else if (phrasing.has(child.tagName)) {
        child.children = spanChildren(child.children, state) as ElementContent[]
        result.push(child)
      } else {
        // A block: its text is a paragraph of its own, and so is the text that follows it in its
        // parent.
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

/**
 * Wrap each sentence of a text node; whitespace alone is left as it is.
 *
 * @returns
 *   Spans (and the whitespace around them).
 */
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

/** Make the next segment's span. */
function span(children: ElementContent[], state: State): Element {
  if (!state.open) {
    state.paragraph++
    state.segment = 0
    state.open = true
  }

  state.segment++
  return h('span', {className: ['koboSpan'], id: `kobo.${state.paragraph}.${state.segment}`}, children)
}

/** Split text after each sentence end. */
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

/** Check whether an element is already one of Kobo's spans. */
function isKoboSpan(node: Element): boolean {
  return (
    node.tagName === 'span' &&
    Array.isArray(node.properties.className) &&
    node.properties.className.includes('koboSpan')
  )
}
