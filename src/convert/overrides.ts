/**
 * The editor's override dictionary: a YAML map from Traditional text to the Simplified text it must
 * become, with comments saying why (`核心: 核心` where stock OpenCC writes 内核).
 */
import path from 'node:path'
import {isMap, isScalar} from 'yaml'
import type {VFile} from 'vfile'
import {parseYaml} from '../load/yaml.js'
import {error, type Place} from '../core/diagnostics.js'
import type {OverrideEntry} from '../core/model.js'

/**
 * Read the override dictionary.
 *
 * @param file
 *   The dictionary file (its `value` is the YAML text).
 * @param root
 *   Manuscript folder, so entries can say where they stand relative to it.
 * @returns
 *   Entries in file order; problems are reported on `file` (O001, O002, O003).
 */
export function parseOverrides(file: VFile, root: string): OverrideEntry[] {
  const yaml = parseYaml(file, 'O001')
  if (!yaml) return []
  const relative = path.relative(root, file.path)
  const contents = yaml.document.contents

  if (contents === null || (isScalar(contents) && contents.value === null)) return []

  if (!isMap(contents)) {
    error(file, 'Unexpected override dictionary, expected a map of `繁體: 简体` entries', yaml.placeOf([]), 'O002')
    return []
  }

  const entries: OverrideEntry[] = []
  const valuePlaces: Place[] = []
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined
    const value = isScalar(pair.value) ? pair.value.value : undefined
    const offset = (isScalar(pair.key) && pair.key.range?.[0]) || 0
    const place = yaml.placeAt(offset)

    if (typeof key !== 'string' || key.trim() === '') {
      error(file, 'Unexpected override key, expected Traditional text', place, 'O002')
      continue
    }

    if (typeof value !== 'string' || value.trim() === '') {
      error(file, `Unexpected value for \`${String(key)}\`, expected the Simplified text it becomes`, place, 'O002')
      continue
    }

    entries.push({from: key, to: value, path: relative, line: place.line})
    valuePlaces.push(yaml.placeAt((isScalar(pair.value) && pair.value.range?.[0]) || offset))
  }

  for (const [index, entry] of entries.entries()) {
    const other = changedAgain(entry.to, entries)
    if (!other) continue
    const whose = other === entry ? 'its own key' : `\`${other.from}\`, the key of line ${other.line}`
    error(
      file,
      `Unexpected result \`${entry.to}\` of \`${entry.from}\` containing ${whose}, expected a result no entry changes again (entries apply once, to the Traditional text)`,
      valuePlaces[index],
      'O003'
    )
  }

  return entries
}

/**
 * The entry that would change `value` again (longest key first): a result holding a key (`A: B`
 * with `B: A`, or `A: xAy`) reads as a chain the converter never follows. `核心: 核心` is fine.
 */
function changedAgain(value: string, entries: readonly OverrideEntry[]): OverrideEntry | undefined {
  const byLength = [...entries].sort((a, b) => b.from.length - a.from.length)
  let index = 0
  while (index < value.length) {
    const match = byLength.find((entry) => value.startsWith(entry.from, index))
    if (match && match.to !== match.from) return match
    index += match ? match.from.length : 1
  }

  return undefined
}
