/** The glossary (`glossary.yaml`) of the bilingual edition: terms with `en`, optional `note` and `pinyin`. */
import {isMap, isScalar, isSeq} from 'yaml'
import type {VFile} from 'vfile'
import {error} from '../core/diagnostics.js'
import type {GlossaryEntry} from '../core/model.js'
import {parseYaml} from './yaml.js'

/** Keys a glossary entry may have. */
const keys = new Set(['term', 'en', 'note', 'pinyin'])

/**
 * Read the glossary.
 *
 * @param file
 *   The glossary file (its `value` is the YAML text).
 * @returns
 *   Entries in file order; problems are reported on `file` (G001–G003).
 */
export function parseGlossary(file: VFile): GlossaryEntry[] {
  const yaml = parseYaml(file, 'G001')
  if (!yaml) return []
  const contents = yaml.document.contents
  if (contents === null || (isScalar(contents) && contents.value === null)) return []

  if (!isSeq(contents)) {
    error(file, 'Unexpected glossary, expected a list of `- term: …` entries', yaml.placeOf([]), 'G002')
    return []
  }

  const entries: GlossaryEntry[] = []
  const seen = new Map<string, number>()

  for (const [index, item] of contents.items.entries()) {
    const place = yaml.placeOf([index])
    if (!isMap(item)) {
      error(file, 'Unexpected glossary entry, expected a map with `term` and `en`', place, 'G002')
      continue
    }

    const value = yaml.value as Array<Record<string, unknown>>
    const entry = value[index]!
    const unknown = Object.keys(entry).filter((key) => !keys.has(key))
    for (const key of unknown) {
      error(
        file,
        `Unexpected key \`${key}\`, expected one of: term, en, note, pinyin`,
        yaml.placeOf([index, key], true),
        'G002'
      )
    }

    const term = typeof entry.term === 'string' ? entry.term.trim() : ''
    const en = typeof entry.en === 'string' ? entry.en.trim() : ''
    if (!term) {
      error(file, 'Unexpected empty `term`, expected the term as the manuscript writes it', place, 'G002')
      continue
    }

    if (!en) {
      error(file, `Unexpected empty \`en\` for \`${term}\`, expected its English gloss`, place, 'G002')
      continue
    }

    for (const key of ['note', 'pinyin'] as const) {
      if (entry[key] !== undefined && typeof entry[key] !== 'string') {
        error(file, `Unexpected \`${key}\` for \`${term}\`, expected text`, yaml.placeOf([index, key]), 'G002')
      }
    }

    const previous = seen.get(term)
    if (previous !== undefined) {
      error(
        file,
        `Unexpected duplicate term \`${term}\` (also on line ${previous}), expected each term once`,
        place,
        'G003'
      )
      continue
    }

    seen.set(term, place.line)
    if (unknown.length > 0) continue
    entries.push({
      term,
      en,
      note: typeof entry.note === 'string' ? entry.note.trim() || undefined : undefined,
      pinyin: typeof entry.pinyin === 'string' ? entry.pinyin.trim() || undefined : undefined,
      line: place.line
    })
  }

  return entries
}
