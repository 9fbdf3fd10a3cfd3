/**
 * Stage: the bilingual edition's glossary terms, first occurrence per chapter, with pinyin ruby and
 * an ARIA footnote holding the English gloss (the EPUB adds `epub:type`, so readers pop it up).
 */
import type {Element, ElementContent, Root, Text} from 'hast'
import {h} from 'hastscript'
import type {VFile} from 'vfile'
import type {EditionTerm} from '../glossary/terms.js'
import {opaque, otherLanguage} from './rehype-hant-to-hans.js'

/** A term annotated in a chapter. */
export interface TermOccurrence {
  index: number
  /** Id of the noteref, linked from the glossary chapter. */
  refId: string
}

declare module 'vfile' {
  interface DataMap {
    glossary: TermOccurrence[]
  }
}

/** Options of `rehypeGlossary`. */
export interface Options {
  readonly terms: readonly EditionTerm[]
  /** Language of the glosses (default: `en`). */
  readonly lang?: string | undefined
  /** Language of the terms (default: `zh-Hans`). */
  readonly termLang?: string | undefined
}

/** Where no term is annotated: code, links, headings, ruby, notes. */
const skip = new Set(['a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ruby', 'rt', 'rp', 'aside', 'sup'])

/**
 * Annotate first occurrences.
 *
 * @param options
 *   Configuration (required).
 * @returns
 *   Transform.
 */
export default function rehypeGlossary(options: Options) {
  const lang = options.lang ?? 'en'
  const termLang = options.termLang ?? 'zh-Hans'
  // Longest first, so 大模型 wins over a shorter term inside it.
  const terms = [...options.terms].filter((t) => t.term).sort((a, b) => b.term.length - a.term.length)

  return (tree: Root, file: VFile) => {
    const remaining = new Set(terms)
    const occurrences: TermOccurrence[] = []
    const notes: Element[] = []

    function walk(parent: Root | Element) {
      for (let index = 0; index < parent.children.length && remaining.size > 0; index++) {
        const child = parent.children[index]!
        if (child.type === 'element') {
          if (!skip.has(child.tagName) && !opaque.has(child.tagName) && !otherLanguage(child)) walk(child)
          continue
        }

        if (child.type !== 'text') continue
        const found = firstMatch(child.value, terms, remaining)
        if (!found) continue
        const {term, start} = found
        remaining.delete(term)
        const number = occurrences.length + 1
        const refId = `gloss-ref-${number}`
        const noteId = `gloss-${number}`
        occurrences.push({index: term.index, refId})
        notes.push(note(term, noteId, refId))

        const before: Text = {type: 'text', value: child.value.slice(0, start)}
        const after: Text = {type: 'text', value: child.value.slice(start + term.term.length)}
        const replacement: ElementContent[] = [
          mark(term),
          h(
            'a',
            {
              href: `#${noteId}`,
              id: refId,
              role: 'doc-noteref',
              className: ['noteref'],
              ariaLabel: `${term.en} (English gloss)`
            },
            '†'
          )
        ]
        if (before.value) replacement.unshift(before)
        parent.children.splice(index, 1, ...replacement, ...(after.value ? [after] : []))
        index += replacement.length - 1
      }
    }

    walk(tree)
    file.data.glossary = occurrences
    if (notes.length > 0) tree.children.push(h('div', {className: ['gloss-notes']}, notes))
  }

  function mark(term: EditionTerm): Element {
    if (!term.pinyin) return h('span', {className: ['gloss-term']}, term.term)
    return h('ruby', {className: ['gloss-term']}, [
      term.term,
      h('rp', '('),
      h('rt', {lang: 'zh-Latn-pinyin'}, term.pinyin),
      h('rp', ')')
    ])
  }

  function note(term: EditionTerm, id: string, refId: string): Element {
    const content: ElementContent[] = [
      h('a', {href: `#${refId}`, role: 'doc-backlink', ariaLabel: 'Back to text'}, '↩'),
      {type: 'text', value: ' '},
      h('span', {lang: termLang, className: ['gloss-zh']}, term.term)
    ]
    if (term.pinyin) {
      content.push(
        {type: 'text', value: ' '},
        h('span', {lang: 'zh-Latn-pinyin', className: ['gloss-pinyin']}, term.pinyin)
      )
    }

    content.push({type: 'text', value: ' '}, h('span', {className: ['gloss-en']}, term.en))
    if (term.note) content.push({type: 'text', value: `: ${term.note}`})
    return h('aside', {id, role: 'doc-footnote', className: ['gloss'], lang}, [h('p', content)])
  }
}

/**
 * The first remaining term in a text, leftmost then longest, as every term (used or not) would read
 * it: the 模型 inside a second 大模型 is not taken for a term.
 */
function firstMatch(
  value: string,
  terms: readonly EditionTerm[],
  remaining: ReadonlySet<EditionTerm>
): {term: EditionTerm; start: number} | undefined {
  let from = 0
  while (from < value.length) {
    let best: {term: EditionTerm; start: number} | undefined
    for (const term of terms) {
      let start = value.indexOf(term.term, from)
      // A Latin term matches whole words only (`AR`, not the `ar` of `Character`).
      while (start !== -1 && /^[A-Za-z0-9]/.test(term.term) && !wholeWord(value, start, term.term.length)) {
        start = value.indexOf(term.term, start + 1)
      }

      if (start !== -1 && (!best || start < best.start)) best = {term, start}
    }

    if (!best) return undefined
    if (remaining.has(best.term)) return best
    from = best.start + best.term.term.length
  }

  return undefined
}

function wholeWord(value: string, start: number, length: number): boolean {
  return !/[A-Za-z0-9]/.test(value.charAt(start - 1)) && !/[A-Za-z0-9]/.test(value.charAt(start + length))
}
