/**
 * Characters of a Taiwan-standard text in the wrong form: Simplified-only (`于`), OpenCC variants
 * that are not the Taiwan standard (`着`), and characters of the wrong word where Simplified merged
 * two (`關系`). A run goes to Simplified and back to Taiwan Traditional with OpenCC's tables; the round
 * trip, not the tables alone, sees the wrong word (`關系` → `关系` → `關係`) and keeps a character
 * right in its word (`群` → `羣` → `群`).
 */
import {from, to} from 'opencc-js/preset'
import {packedTables} from '../convert/packed.js'
import {convertText, type DictLike, mergeGroup, Table} from '../convert/table.js'
import type {RuleId} from '../core/diagnostics.js'

/** A character in the wrong form. */
export interface ScriptProblem {
  /** Offset in the text (UTF-16). */
  offset: number
  actual: string
  expected: string
  /** S001 (Simplified form), S002 (variant not the Taiwan standard), S003 (wrong character for the word). */
  ruleId: Extract<RuleId, 'S001' | 'S002' | 'S003'>
  /** Whether the form has one answer, so `--fix` may apply it. */
  fixable: boolean
}

/**
 * Characters OpenCC converts that are standard Traditional too, each in its own words (干擾, 皇后):
 * reported only where an OpenCC phrase says so. Reviewed by hand; keep sorted.
 */
export const validInBothScripts = new Set(
  Array.from(
    '丑了仇伙价佣克党冬几凄凶出划升占卜叶合后向吁周回困夸家干征念才扎托折拐据搜斗旋曲朱杆杰松板柜梁欲沈沾洒涂游症秋累致范蒙谷辟采里针钟余台丰表准冲系只制注面'
  )
)

/** Characters with several Traditional forms (发 → 發 or 髮): never fixed without a phrase that decides. */
const severalForms = new Set(Array.from('发干后里台余游面只系复历汇尽当卷准冲范获钟采征制松斗谷丑几表才云向回困划'))

/**
 * Words the round trip would change that Taiwan writes as they are (Ministry of Education: 局限, 分布,
 * 平台; 內卷 as borrowed). Matched after Simplified characters go to Traditional, so 内卷 is one
 * problem, not two. Reviewed by hand.
 */
export const acceptedWords: readonly string[] = ['內卷', '分布', '局限', '平台']

/** Phrases OpenCC lacks, Simplified → Taiwan: the verb 餵 (feed), which Simplified writes 喂. */
const extraPhrases: ReadonlyArray<readonly [string, string]> = [
  ['喂大', '餵大'],
  ['喂养', '餵養'],
  ['喂食', '餵食']
]

const hanRun = /\p{Script=Han}+/gu

/** The round trip's converters. */
export interface Converters {
  /** Traditional → Simplified. */
  toSimplified: (text: string) => string
  /** Simplified → Taiwan Traditional; a character valid in both changes only inside a phrase. */
  toTaiwan: (text: string) => string
  /** Simplified → Taiwan Traditional, characters only: the form without a phrase to decide it. */
  toTaiwanCharacters: (text: string) => string
  /** OpenCC Traditional variants → Taiwan standard, characters only (着 → 著). */
  variantsToTaiwan: (text: string) => string
  /** Simplified → OpenCC Traditional, characters only (于 → 於). */
  simplifiedToTraditional: (text: string) => string
}

let made: Converters | undefined

/**
 * The converters, made on the first check, so a command or build that checks nothing does not
 * pay for their tables; the bundled command carries the tables compiled (`packed.ts`).
 */
function converters(): Converters {
  if (made) return made
  const tables = converterTables((name) => packedTables('check-' + name) as Array<Table<string>> | undefined)
  const convert =
    (name: keyof Converters) =>
    (text: string): string =>
      tables[name].reduce((result, table) => convertText(table, result), text)
  made = {
    toSimplified: convert('toSimplified'),
    toTaiwan: convert('toTaiwan'),
    toTaiwanCharacters: convert('toTaiwanCharacters'),
    variantsToTaiwan: convert('variantsToTaiwan'),
    simplifiedToTraditional: convert('simplifiedToTraditional')
  }
  return made
}

/**
 * The tables of each converter: OpenCC dictionary groups, applied in order, as opencc-js's
 * `ConverterFactory` applies them, on zhbook's `Table`s (opencc-js's tries of maps took a third of
 * a second to build, most of it for the 48,000 phrases of `STPhrases`).
 *
 * @param packed
 *   The tables of a converter when they are already compiled (optional, default: none).
 * @returns
 *   Tables by converter.
 */
export function converterTables(
  packed: (name: keyof Converters) => Array<Table<string>> | undefined = () => undefined
): Record<keyof Converters, Array<Table<string>>> {
  // OpenCC's dictionaries are read only for tables not packed (the bundle has none of them).
  const st = () => from.cn![0]!
  const tw = () => to.tw![0]!
  /** The characters valid in both scripts kept; first, as opencc-js keeps the first of two entries. */
  const keepBoth = Array.from(validInBothScripts, (character) => [character, character] as const)
  const groups: Record<keyof Converters, () => ReadonlyArray<readonly DictLike[]>> = {
    toSimplified: () => to.cn!,
    toTaiwan: () => [
      [st()[0]!, extraPhrases, st()[1]!, keepBoth],
      [tw()[0]!, tw()[1]!]
    ],
    toTaiwanCharacters: () => [[keepBoth, st()[1]!], [tw()[1]!]],
    variantsToTaiwan: () => [[tw()[1]!]],
    simplifiedToTraditional: () => [[st()[1]!]]
  }
  const tables = (name: keyof Converters) => packed(name) ?? groups[name]().map((group) => new Table(mergeGroup(group)))
  return {
    toSimplified: tables('toSimplified'),
    toTaiwan: tables('toTaiwan'),
    toTaiwanCharacters: tables('toTaiwanCharacters'),
    variantsToTaiwan: tables('variantsToTaiwan'),
    simplifiedToTraditional: tables('simplifiedToTraditional')
  }
}

/**
 * Find the characters of a Traditional text that are not in Taiwan-standard form.
 *
 * @param text
 *   Text (a chapter, with code already blanked out).
 * @returns
 *   Problems, in text order.
 */
export function scriptProblems(text: string): ScriptProblem[] {
  const {toSimplified, toTaiwan, toTaiwanCharacters, simplifiedToTraditional} = converters()
  const problems: ScriptProblem[] = []
  for (const match of text.matchAll(hanRun)) {
    const run = match[0]
    const simplified = toSimplified(run)
    const back = toTaiwan(simplified)
    // A run the round trip gives back unchanged has nothing to report (most of a clean text).
    if (back === run) continue
    const byCharacters = toTaiwanCharacters(simplified)
    const aligned = back.length === run.length ? back : byCharacters
    const traditional = simplifiedToTraditional(run)
    const accepted = acceptedPlaces(run, traditional.length === run.length ? traditional : run)
    for (let index = 0; index < run.length; index++) {
      const actual = run[index]!
      const expected = aligned[index]!
      if (actual === expected || isSurrogate(actual)) continue
      const problem = classify(actual, expected, byCharacters.length === run.length ? byCharacters[index]! : expected)
      // An accepted word is right as written; a Simplified character in it is not.
      if (problem && !(problem.ruleId === 'S003' && accepted.has(index)))
        problems.push({offset: match.index + index, ...problem})
    }
  }

  return problems
}

/** Places of a run covered by an accepted word (the run as written and with Simplified taken to Traditional). */
function acceptedPlaces(...runs: string[]): Set<number> {
  const places = new Set<number>()
  for (const run of runs) {
    for (const word of acceptedWords) {
      for (let at = run.indexOf(word); at !== -1; at = run.indexOf(word, at + 1)) {
        for (let index = at; index < at + word.length; index++) places.add(index)
      }
    }
  }

  return places
}

/** What is wrong with a character the round trip changed; `undefined` for vocabulary (硅谷 → 矽谷). */
function classify(actual: string, expected: string, byCharacter: string): Omit<ScriptProblem, 'offset'> | undefined {
  const {toSimplified, variantsToTaiwan, simplifiedToTraditional} = converters()
  if (!validInBothScripts.has(actual)) {
    if (simplifiedToTraditional(actual) !== actual) {
      // Several Traditional forms: one answer only where a phrase decided.
      const fixable = !severalForms.has(actual) || expected !== byCharacter
      return {actual, expected, ruleId: 'S001', fixable}
    }

    if (variantsToTaiwan(actual) !== actual) return {actual, expected, ruleId: 'S002', fixable: true}
  }

  // A character where the word has another that Simplified writes the same (系/係, 鍾/鐘): a form error
  // when a phrase decides (註 alone is as right as 注). Characters apart in Simplified (硅/矽) are
  // vocabulary.
  if (expected !== byCharacter && toSimplified(actual) === toSimplified(expected)) {
    return {actual, expected, ruleId: 'S003', fixable: true}
  }

  return undefined
}

/** Whether a code unit is half a surrogate pair (OpenCC holds few astral characters: left alone). */
function isSurrogate(unit: string): boolean {
  const code = unit.charCodeAt(0)
  return code >= 0xd800 && code <= 0xdfff
}
