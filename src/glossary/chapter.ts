/** The bilingual edition's glossary chapter: each term with pinyin, gloss, note and first occurrence. */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {BuildSession} from '../build/session.js'
import {chapterLinkPrefix, type EditionChapter} from '../core/model.js'
import type {TermOccurrence} from '../stages/rehype-glossary.js'
import type {EditionTerm} from './terms.js'

/** Options of `glossaryChapter`. */
export interface Options {
  terms: readonly EditionTerm[]
  chapters: ReadonlyArray<{id: string; title: string; occurrences: readonly TermOccurrence[]}>
  /** Title in the edition's script (e.g. `词汇表`). */
  title: string
  /** Title in the translation's language (e.g. `Glossary`). */
  translatedTitle: string
  lang: string
  glossLang: string
  /** Text before a link to the first occurrence (e.g. `First in:`). */
  firstIn: string
}

/** Id of the glossary chapter. */
export const glossaryId = 'glossary'

/**
 * Make the glossary chapter.
 *
 * @param options
 *   Configuration.
 * @param session
 *   The build session (optional): the same inputs give the same object, so watch mode sees it unchanged.
 * @returns
 *   Chapter (`kind: 'glossary'`).
 */
export function glossaryChapter(options: Options, session?: BuildSession | undefined): EditionChapter {
  const first = new Map<number, {chapter: {id: string; title: string}; refId: string}>()
  for (const chapter of options.chapters) {
    for (const occurrence of chapter.occurrences) {
      if (!first.has(occurrence.index)) first.set(occurrence.index, {chapter, refId: occurrence.refId})
    }
  }

  if (!session) return makeGlossaryChapter(options, first)
  const key = JSON.stringify([
    options.terms,
    [...first].map(([index, where]) => [index, where.chapter.id, where.chapter.title, where.refId]),
    options.title,
    options.translatedTitle,
    options.lang,
    options.glossLang,
    options.firstIn
  ])
  return session.keyed<EditionChapter>('glossary.chapter', 4).get(key, () => makeGlossaryChapter(options, first))
}

function makeGlossaryChapter(
  options: Options,
  first: ReadonlyMap<number, {chapter: {id: string; title: string}; refId: string}>
): EditionChapter {
  const items: Element[] = options.terms.map((term) => {
    const title: ElementContent[] = [h('span', {lang: options.lang}, term.term)]
    if (term.pinyin) {
      title.push(
        {type: 'text', value: ' '},
        h('span', {lang: 'zh-Latn-pinyin', className: ['gloss-pinyin']}, term.pinyin)
      )
    }

    const gloss: ElementContent[] = [h('span', {className: ['gloss-en']}, term.en)]
    // A gloss that ends a sentence already (`Co., Ltd.`) takes no second period.
    if (term.note) gloss.push({type: 'text', value: `${/[.!?]$/.test(term.en) ? ' ' : '. '}${term.note}`})
    const description: Element[] = [h('p', gloss)]
    const where = first.get(term.index)
    if (where) {
      description.push(
        h('p', [
          h('a', {href: `${chapterLinkPrefix}${where.chapter.id}#${where.refId}`}, [
            `${options.firstIn} `,
            h('span', {lang: options.lang}, where.chapter.title)
          ])
        ])
      )
    }

    return h('div', {id: `term-${term.index + 1}`}, [h('dt', title), h('dd', {lang: options.glossLang}, description)])
  })

  return {
    id: glossaryId,
    kind: 'glossary',
    title: options.title,
    sourcePath: 'glossary.yaml',
    tree: {
      type: 'root',
      children: [
        h('h1', [
          options.title,
          h('span', {lang: options.glossLang, className: ['translation']}, options.translatedTitle)
        ]),
        h('dl', {className: ['glossary']}, items)
      ]
    }
  }
}
