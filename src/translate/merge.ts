/**
 * Update a catalog from the source as msgmerge does: an unchanged paragraph keeps its translation, a
 * new one is empty, a changed one keeps its old one fuzzy (`#| msgid`), a removed one is obsolete.
 */
import type {Catalog, CatalogEntry} from './catalog.js'

/** A source unit to merge: its text and where it stands. */
export interface SourceUnit {
  /** msgid. */
  key: string
  /** Reference, `file:line`. */
  reference: string
}

/** What a merge did. */
export interface MergeStats {
  kept: number
  added: number
  /** Entries newly marked fuzzy because their source changed. */
  fuzzy: number
  obsolete: number
}

/** How alike (Dice coefficient of bigrams) a changed paragraph must be to keep its translation as fuzzy. */
export const similarityThreshold = 0.5

/**
 * Merge.
 *
 * @param units
 *   The current source units, in order.
 * @param context
 *   `msgctxt` of every entry (the chapter id).
 * @param old
 *   The existing catalog (optional).
 * @param headers
 *   Headers of a new catalog.
 * @returns
 *   The updated catalog and what changed.
 */
export function mergeCatalog(
  units: readonly SourceUnit[],
  context: string,
  old: Catalog | undefined,
  headers: Record<string, string>
): {catalog: Catalog; stats: MergeStats} {
  const stats: MergeStats = {kept: 0, added: 0, fuzzy: 0, obsolete: 0}
  const live = new Map((old?.entries ?? []).map((entry) => [entry.id, entry]))
  const dead = new Map((old?.obsolete ?? []).map((entry) => [entry.id, entry]))

  const references = new Map<string, string[]>()
  for (const unit of units) {
    const list = references.get(unit.key)
    if (list) list.push(unit.reference)
    else references.set(unit.key, [unit.reference])
  }

  const keys = [...references.keys()]
  const entries = new Map<string, CatalogEntry>()
  const used = new Set<string>()

  // 1. Exact matches (live, or obsolete ones brought back).
  for (const key of keys) {
    const match = live.get(key) ?? dead.get(key)
    if (!match) continue
    used.add(key)
    entries.set(key, {...match, context, references: references.get(key)!})
    stats.kept++
  }

  // 2. Changed paragraphs: the most alike unused old entry, best pairs first.
  const candidates = [...live.values()].filter((entry) => !used.has(entry.id) && entry.translation)
  const pairs: Array<{key: string; entry: CatalogEntry; score: number}> = []
  for (const key of keys) {
    if (entries.has(key)) continue
    for (const entry of candidates) {
      const score = similarity(key, entry.id)
      if (score >= similarityThreshold) pairs.push({key, entry, score})
    }
  }

  pairs.sort((a, b) => b.score - a.score)
  for (const {key, entry} of pairs) {
    if (entries.has(key) || used.has(entry.id)) continue
    used.add(entry.id)
    entries.set(key, {
      context,
      id: key,
      translation: entry.translation,
      fuzzy: true,
      // Keep the source the translation was made for, across several edits.
      previous: entry.fuzzy && entry.previous !== undefined ? entry.previous : entry.id,
      references: references.get(key)!,
      comment: entry.comment
    })
    stats.fuzzy++
  }

  // 3. New paragraphs.
  for (const key of keys) {
    if (entries.has(key)) continue
    entries.set(key, {context, id: key, translation: '', fuzzy: false, references: references.get(key)!})
    stats.added++
  }

  // 4. What is left of the old catalog is obsolete (empty entries are dropped).
  const obsolete: CatalogEntry[] = []
  for (const entry of [...live.values(), ...dead.values()]) {
    if (used.has(entry.id) || !entry.translation || obsolete.some((o) => o.id === entry.id)) continue
    obsolete.push({...entry, context, fuzzy: false, previous: undefined, references: []})
    if (live.has(entry.id)) stats.obsolete++
  }

  return {
    catalog: {
      headers: {...headers, ...old?.headers},
      entries: keys.map((key) => entries.get(key)!),
      obsolete
    },
    stats
  }
}

/**
 * Dice coefficient of the character bigrams of two strings (1: equal; 0: no bigram in common).
 *
 * @param a
 *   One string.
 * @param b
 *   The other.
 * @returns
 *   Similarity from 0 to 1.
 */
export function similarity(a: string, b: string): number {
  const left = bigrams(a)
  const right = bigrams(b)
  const total = sum(left) + sum(right)
  if (total === 0) return a === b ? 1 : 0
  let common = 0
  for (const [gram, count] of left) common += Math.min(count, right.get(gram) ?? 0)
  return (2 * common) / total
}

function bigrams(value: string): Map<string, number> {
  const characters = [...value.replace(/\s+/g, '')]
  const counts = new Map<string, number>()
  for (let index = 0; index < characters.length - 1; index++) {
    const gram = characters[index]! + characters[index + 1]!
    counts.set(gram, (counts.get(gram) ?? 0) + 1)
  }

  return counts
}

function sum(counts: Map<string, number>): number {
  let total = 0
  for (const count of counts.values()) total += count
  return total
}
