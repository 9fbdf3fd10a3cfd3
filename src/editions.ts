/**
 * The editions: which stages run for which edition is configuration, here,
 * not `if` statements through the code.
 */
import type {PluggableList} from 'unified'
import {createConverter, type Converter} from './convert/converter.js'
import type {Book, BookMeta, EditionId, EditionInfo} from './model.js'
import rehypeCjkQuotes, {replaceQuotes} from './stages/rehype-cjk-quotes.js'
import rehypeHantToHans from './stages/rehype-hant-to-hans.js'

/** Shared, lazily made resources a build hands to the editions' stages. */
export interface StageContext {
  /** The book being built. */
  book: Book
  /** The Traditional → Simplified converter with the book's overrides (made once). */
  converter(): Converter
}

/** An edition: what it is and which stages make it. */
export interface EditionDefinition extends EditionInfo {
  /** mdast stages of this edition, run after parsing and the common checks. */
  remark(context: StageContext): PluggableList
  /** hast stages of this edition, run after remark-rehype and sanitising; text conversion lives here, so it reaches the manuscript's HTML too. */
  rehype(context: StageContext): PluggableList
  /** Text of the metadata in the edition's script. */
  text(value: string, context: StageContext): string
}

/** The editions zhbook builds, in the order they are listed to readers. */
export const editions: Readonly<Record<'hant' | 'hans', EditionDefinition>> = {
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
    text: (value, context) => replaceQuotes(context.converter().convert(value).value)
  }
}

/** Ids of the editions built by default. */
export const defaultEditions: readonly EditionId[] = ['hant', 'hans']

/**
 * Make the stage context for a book.
 *
 * @param book
 *   The book.
 * @returns
 *   Context whose converter is made on first use and then shared.
 */
export function createStageContext(book: Book): StageContext {
  let converter: Converter | undefined
  return {
    book,
    converter() {
      converter ??= createConverter(book.overrides)
      return converter
    }
  }
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
export function editionMeta(
  meta: BookMeta,
  edition: EditionDefinition,
  context: StageContext
): BookMeta {
  const text = (value: string | undefined) =>
    value === undefined ? undefined : edition.text(value, context)
  return {
    ...meta,
    title: edition.text(meta.title, context),
    subtitle: text(meta.subtitle),
    author: text(meta.author),
    host: text(meta.host),
    source: text(meta.source),
    language: edition.lang
  }
}
