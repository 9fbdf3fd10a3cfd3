/** Gettext PO catalogs (gettext-parser): the standard format for translating documents by paragraph (po4a, Sphinx). */
import {po, type GetTextTranslation, type GetTextTranslationRecord} from 'gettext-parser'

/** One entry of a catalog. */
export interface CatalogEntry {
  /** `msgctxt`: the chapter id (or `book` for the metadata). */
  context: string
  /** `msgid`: the source text. */
  id: string
  /** `msgstr`: the translation (empty when untranslated). */
  translation: string
  fuzzy: boolean
  /** The source the fuzzy translation was made for (`#| msgid`) (optional). */
  previous?: string | undefined
  /** Where the source stands (`#: 02-logic.md:12`). */
  references: string[]
  /** The translator's comments (`# …`), kept as they are (optional). */
  comment?: string | undefined
}

/** A catalog. */
export interface Catalog {
  headers: Record<string, string>
  entries: CatalogEntry[]
  /** Obsolete entries (`#~`): translations whose source is gone. */
  obsolete: CatalogEntry[]
}

/**
 * Parse a PO file.
 *
 * @param text
 *   PO text.
 * @returns
 *   Catalog; throws on a syntax error.
 */
export function parseCatalog(text: string): Catalog {
  const parsed = po.parse(text)
  return {
    headers: {...parsed.headers},
    entries: entriesOf(parsed.translations),
    obsolete: entriesOf(parsed.obsolete ?? {})
  }
}

/**
 * Serialise a catalog as PO text. Lines are not folded, so a changed paragraph is one changed line
 * in a diff.
 *
 * @param catalog
 *   Catalog.
 * @returns
 *   PO text.
 */
export function stringifyCatalog(catalog: Catalog): string {
  const data = {
    charset: 'utf-8',
    headers: catalog.headers,
    translations: tableOf(catalog.entries, true),
    obsolete: tableOf(catalog.obsolete, false)
  }
  return po.compile(data, {foldLength: 0, sort: false}).toString('utf8') + '\n'
}

/** Entries of a parsed table, header entry left out. */
function entriesOf(table: GetTextTranslationRecord): CatalogEntry[] {
  const entries: CatalogEntry[] = []
  for (const [context, byId] of Object.entries(table)) {
    for (const [id, entry] of Object.entries(byId)) {
      if (id === '' && context === '') continue
      const comments = entry.comments ?? {}
      const previous = comments.previous ? /msgid "((?:[^"\\]|\\.)*)"/.exec(comments.previous) : null
      entries.push({
        context,
        id,
        translation: entry.msgstr[0] ?? '',
        fuzzy: (comments.flag ?? '').split(',').some((flag) => flag.trim() === 'fuzzy'),
        previous: previous ? JSON.parse(`"${previous[1]}"`) : undefined,
        references: comments.reference ? comments.reference.split(/\s+/).filter(Boolean) : [],
        comment: comments.translator || undefined
      })
    }
  }

  return entries
}

/** A gettext-parser table from entries, in their order. */
function tableOf(entries: readonly CatalogEntry[], withHeader: boolean): GetTextTranslationRecord {
  const table: GetTextTranslationRecord = {}
  if (withHeader) table[''] = {'': {msgid: '', msgstr: ['']}}

  for (const entry of entries) {
    const comments: NonNullable<GetTextTranslation['comments']> = {}
    if (entry.comment) comments.translator = entry.comment
    if (entry.references.length > 0) comments.reference = entry.references.join(' ')
    if (entry.fuzzy) comments.flag = 'fuzzy'
    if (entry.fuzzy && entry.previous !== undefined) {
      comments.previous = `msgctxt ${JSON.stringify(entry.context)}\nmsgid ${JSON.stringify(entry.previous)}`
    }

    table[entry.context] ??= {}
    table[entry.context]![entry.id] = {
      msgctxt: entry.context,
      msgid: entry.id,
      msgstr: [entry.translation],
      comments: comments as GetTextTranslation['comments']
    }
  }

  return table
}
