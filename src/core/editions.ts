/**
 * The editions: which stages run for which edition is configuration, here,
 * not `if` statements through the code.
 */
import type {PluggableList} from 'unified'
import {digestOf} from '../build/digest.js'
import {BuildSession} from '../build/session.js'
import {createConverter, type Converter} from '../convert/converter.js'
import {glossaryChapter} from '../glossary/chapter.js'
import {editionTerms, type EditionTerm} from '../glossary/terms.js'
import type {Book, BookMeta, ChapterSource, EditionChapter, EditionId, EditionInfo, TranslatedTitle} from './model.js'
import rehypeCjkQuotes, {replaceQuotes} from '../stages/rehype-cjk-quotes.js'
import rehypeGlossary from '../stages/rehype-glossary.js'
import rehypeHantToHans from '../stages/rehype-hant-to-hans.js'
import rehypePinyin from '../stages/rehype-pinyin.js'
import remarkTranslations from '../stages/remark-translations.js'
import type {VFile} from 'vfile'

/** Shared, lazily made resources a build hands to the editions' stages. */
export interface StageContext {
  /** The book being built. */
  book: Book
  /** The build session: what the stages and whole-book parts keep between builds. */
  session: BuildSession
  /** The Traditional → Simplified converter with the book's overrides (made once). */
  converter(): Converter
  /** The glossary in Simplified, with pinyin (made once). */
  simplifiedTerms(): EditionTerm[]
  /**
   * A digest of a book-wide value, made once per build under `name`: a
   * chapter's cache key includes the book-wide inputs of its edition, and
   * serialising them again for every chapter costs more than the rest of the
   * key.
   */
  digest(name: string, value: () => unknown): string
}

/** A chapter as processed, for whole-book parts made after the chapters. */
export interface ProcessedChapter {
  /** The chapter. */
  chapter: EditionChapter
  /** The file the stages ran on (with their data). */
  file: VFile
}

/** An edition: what it is and which stages make it. */
export interface EditionDefinition extends EditionInfo {
  /** mdast stages of this edition, run after parsing and the common checks. */
  remark(context: StageContext): PluggableList
  /** hast stages of this edition, run after remark-rehype and sanitising; text conversion lives here, so it reaches the manuscript's HTML too. */
  rehype(context: StageContext): PluggableList
  /** Text of the metadata in the edition's script. */
  text(value: string, context: StageContext): string
  /**
   * Whether the edition's conversion report is written (optional). The
   * bilingual edition converts the same text as `hans`: one report serves.
   */
  report?: boolean
  /**
   * What else than the chapter's own text shapes a chapter in this edition
   * (overrides, glossary, translation), for the chapter cache's key
   * (optional: nothing else).
   */
  inputs?(context: StageContext, chapter: ChapterSource): unknown
  /** Chapters made from the whole book after the others (optional). */
  backMatter?(context: StageContext, chapters: readonly ProcessedChapter[]): EditionChapter[]
  /** The title in the edition's other language (optional). */
  translated?(context: StageContext): TranslatedTitle | undefined
  /**
   * Whether the edition carries a pop-up dictionary of its words from
   * CC-CEDICT (`EditionBook.dictionary`) (default: `false`). Headwords are
   * Simplified: for `zh-Hans` editions. Editions without one never read
   * CC-CEDICT.
   */
  dictionary?: boolean
}

/** What of the overrides and the vocabulary setting shapes a converted chapter. */
function overrideInputs(context: StageContext): unknown {
  return {
    vocabulary: context.book.settings.vocabulary,
    overrides: context.book.overrides.map((entry) => [entry.from, entry.to, entry.path, entry.line])
  }
}

/** Convert to Simplified as the `hans` edition does, for metadata. */
function simplified(value: string, context: StageContext): string {
  return replaceQuotes(context.converter().convert(value).value)
}

/** The editions zhbook builds, in the order they are listed to readers. */
export const editions: Readonly<Record<EditionId, EditionDefinition>> = {
  hant: {
    id: 'hant',
    lang: 'zh-Hant',
    label: '繁體中文',
    // The manuscript as it is.
    remark: () => [],
    rehype: () => [],
    text: (value) => value
  },
  hans: {
    id: 'hans',
    lang: 'zh-Hans',
    label: '简体中文',
    remark: () => [],
    rehype: (context) => [[rehypeHantToHans, {converter: context.converter()}], rehypeCjkQuotes],
    text: simplified,
    inputs: (context) => context.digest('overrides', () => overrideInputs(context)),
    report: true
  },
  bilingual: {
    id: 'bilingual',
    lang: 'zh-Hans',
    label: '中英对照',
    otherLanguages: ['en'],
    dictionary: true,
    remark: (context) =>
      context.book.translations ? [[remarkTranslations, {translations: context.book.translations}]] : [],
    rehype: (context) => [
      [rehypeHantToHans, {converter: context.converter()}],
      rehypeCjkQuotes,
      [rehypeGlossary, {terms: context.simplifiedTerms()}],
      ...(context.book.settings.pinyin === 'all' ? [rehypePinyin] : [])
    ],
    text: simplified,
    inputs: (context, chapter) => ({
      book: context.digest('bilingual', () => ({
        overrides: overrideInputs(context),
        glossary: context.book.glossary,
        pinyin: context.book.settings.pinyin
      })),
      translation: digestOf(context.book.translations?.chapters[chapter.id] ?? null),
      catalog: context.book.translations?.paths[chapter.id] ?? null
    }),
    backMatter(context, chapters) {
      const terms = context.simplifiedTerms()
      if (terms.length === 0) return []
      return [
        glossaryChapter(
          {
            terms,
            chapters: chapters.map(({chapter, file}) => ({
              id: chapter.id,
              title: chapter.title,
              occurrences: file.data.glossary ?? []
            })),
            title: '词汇表',
            translatedTitle: 'Glossary',
            lang: 'zh-Hans',
            glossLang: 'en',
            firstIn: 'First in:'
          },
          context.session
        )
      ]
    },
    translated(context) {
      const translations = context.book.translations
      if (!translations) return undefined
      const usable = (value: string | undefined) => {
        const entry = value === undefined ? undefined : translations.meta[value]
        return entry?.translation && !entry.fuzzy ? entry.translation : undefined
      }

      const title = usable(context.book.meta.title)
      return title ? {lang: translations.lang, title, subtitle: usable(context.book.meta.subtitle)} : undefined
    }
  }
}

/**
 * Make the stage context for a book.
 *
 * @param book
 *   The book.
 * @param session
 *   The build session (optional, default: a new one, which keeps nothing
 *   beyond this context).
 * @returns
 *   Context whose converter is made on first use and then shared.
 */
export function createStageContext(book: Book, session: BuildSession = new BuildSession()): StageContext {
  let converter: Converter | undefined
  let terms: EditionTerm[] | undefined
  const digests = new Map<string, string>()
  const context: StageContext = {
    digest(name, value) {
      let digest = digests.get(name)
      if (digest === undefined) {
        digest = digestOf(value())
        digests.set(name, digest)
      }

      return digest
    },
    book,
    session,
    converter() {
      converter ??= createConverter(book.overrides, {vocabulary: book.settings.vocabulary})
      return converter
    },
    simplifiedTerms() {
      terms ??= editionTerms(book.glossary, (value) => context.converter().convert(value).value)
      return terms
    }
  }
  return context
}

/**
 * The book's metadata in an edition's script.
 *
 * @param meta
 *   Metadata as written.
 * @param edition
 *   Edition.
 * @param context
 *   Stage context.
 * @returns
 *   Metadata with its text fields converted and the edition's language.
 */
export function editionMeta(meta: BookMeta, edition: EditionDefinition, context: StageContext): BookMeta {
  const text = (value: string | undefined) => (value === undefined ? undefined : edition.text(value, context))
  return {
    ...meta,
    title: edition.text(meta.title, context),
    subtitle: text(meta.subtitle),
    author: text(meta.author),
    host: text(meta.host),
    publisher: text(meta.publisher),
    description: text(meta.description),
    source: text(meta.source),
    language: edition.lang,
    translated: edition.translated?.(context)
  }
}
