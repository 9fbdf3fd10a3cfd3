/**
 * Characters of a Traditional (Taiwan-standard) text in the wrong form: Simplified-only characters
 * (`于`, `内`), OpenCC Traditional variants that are not the Taiwan standard (`着`), and Traditional
 * characters in the wrong word where Simplified merged two (`關系` for `關係`, `制作` for `製作`).
 *
 * Decided from OpenCC's own tables (opencc-js's presets): a run of Han characters is taken to
 * Simplified (`TSPhrases`, `TSCharacters`) and back to Taiwan Traditional (`STPhrases`,
 * `STCharacters`, `TWVariants…`); where a character comes back different, it is reported. The round
 * trip, not the character tables alone, is what sees the wrong word (`關系` → `关系` → `關係`), and what
 * keeps a character that is right in its word (`群` goes to `羣` and back to `群`).
 */
import {ConverterFactory} from 'opencc-js/core'
import {from, to} from 'opencc-js/preset'
import type {RuleId} from '../core/diagnostics.js'

/** A character in the wrong form. */
export interface ScriptProblem {
  /** Offset in the text (UTF-16). */
  offset: number
  /** The character as written. */
  actual: string
  /** The Taiwan-standard form in this place. */
  expected: string
  /** S001 (Simplified form), S002 (variant not the Taiwan standard), S003 (wrong character for the word). */
  ruleId: Extract<RuleId, 'S001' | 'S002' | 'S003'>
  /** Whether the form has one answer, so `--fix` may apply it. */
  fixable: boolean
}

/**
 * Characters that OpenCC's character table converts but that are standard Traditional characters
 * too, each in its own words (干擾, 皇后, 公里, 平台): they are reported only where a phrase of OpenCC's
 * says the word needs the other form. Reviewed by hand; keep sorted.
 */
export const validInBothScripts = new Set(
  Array.from(
    '丑了仇伙价佣克党冬几凄凶出划升占卜叶合后向吁周回困夸家干征念才扎托折拐据搜斗旋曲朱杆杰松板柜梁欲沈沾洒涂游症秋累致范蒙谷辟采里针钟余台丰表准冲系只制注面'
  )
)

/**
 * Characters with more than one Traditional form, each right in other words (发 → 發 or 髮, 干 → 幹, 乾
 * or 干): a character-table suggestion for them is a guess, never fixed without a phrase that
 * decides it.
 */
const severalForms = new Set(Array.from('发干后里台余游面只系复历汇尽当卷准冲范获钟采征制松斗谷丑几表才云向回困划'))

/**
 * Words the round trip would change that are standard in Taiwan as written (OpenCC prefers 侷限, 分佈,
 * 內捲, 平臺; Taiwan's Ministry of Education lists 局限, 分布 and 平台, and 內卷 is how Taiwan writes the
 * borrowed term). Matched on the text with its Simplified characters taken to Traditional, so 内卷 is
 * the word 內卷 with one problem, not two. Reviewed by hand.
 */
export const acceptedWords: readonly string[] = ['內卷', '分布', '局限', '平台']

/**
 * Phrases OpenCC's tables lack, as Simplified → Taiwan Traditional: the verb 餵 (feed), which
 * Simplified writes 喂 like the interjection.
 */
const extraPhrases: ReadonlyArray<readonly [string, string]> = [
  ['喂大', '餵大'],
  ['喂养', '餵養'],
  ['喂食', '餵食']
]

/** Han characters. */
const hanRun = /\p{Script=Han}+/gu

/** The character tables of the chain, by name. */
const [stPhrases, stCharacters] = from.cn![0]!
const [twPhrases, twCharacters] = to.tw![0]!

/**
 * The characters valid in both scripts, each kept as it is. Loaded before OpenCC's character table:
 * of two entries for one key, opencc-js keeps the first; a longer phrase still wins.
 */
const keepBoth = Array.from(validInBothScripts, (character) => [character, character] as const)

/** Traditional (any) → Simplified, phrases first. */
const toSimplified = ConverterFactory(to.cn!)
/**
 * Simplified → Taiwan Traditional, phrases first; a character valid in both scripts changes only
 * inside a phrase that says so.
 */
const toTaiwan = ConverterFactory(
  [
    stPhrases!,
    extraPhrases,
    stCharacters!,
    Array.from(validInBothScripts, (character) => [character, character] as const)
  ],
  [twPhrases!, twCharacters!]
)
/**
 * Simplified → Taiwan Traditional, characters only: what the form would be without a phrase to
 * decide it (a character valid in both scripts stays).
 */
const toTaiwanCharacters = ConverterFactory([keepBoth, stCharacters!], [twCharacters!])
/** OpenCC Traditional variants → Taiwan standard, characters only (着 → 著). */
const variantsToTaiwan = ConverterFactory([twCharacters!])
/** Simplified → OpenCC Traditional, characters only (于 → 於). */
const simplifiedToTraditional = ConverterFactory([stCharacters!])

/**
 * Find the characters of a Traditional text that are not in Taiwan-standard form.
 *
 * @param text
 *   Text (a chapter, with code already blanked out).
 * @returns
 *   Problems, in text order.
 */
export function scriptProblems(text: string): ScriptProblem[] {
  const problems: ScriptProblem[] = []
  for (const match of text.matchAll(hanRun)) {
    const run = match[0]
    const simplified = toSimplified(run)
    const back = toTaiwan(simplified)
    // OpenCC's phrases keep lengths; where one does not, compare by character.
    const aligned = back.length === run.length ? back : toTaiwanCharacters(simplified)
    const byCharacters = toTaiwanCharacters(simplified)
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

/**
 * Places of a run covered by an accepted word.
 *
 * @param runs
 *   The run of Han characters, as written and with its Simplified characters taken to Traditional
 *   (same length).
 */
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

/**
 * Say what is wrong with a character that the round trip changed.
 *
 * @returns
 *   Rule, form and whether it has one answer; `undefined` when the change is a matter of vocabulary
 *   (硅谷 → 矽谷), not of form.
 */
function classify(actual: string, expected: string, byCharacter: string): Omit<ScriptProblem, 'offset'> | undefined {
  if (!validInBothScripts.has(actual)) {
    if (simplifiedToTraditional(actual) !== actual) {
      // Several Traditional forms: one answer only where a phrase decided.
      const fixable = !severalForms.has(actual) || expected !== byCharacter
      return {actual, expected, ruleId: 'S001', fixable}
    }

    if (variantsToTaiwan(actual) !== actual) return {actual, expected, ruleId: 'S002', fixable: true}
  }

  // A Traditional character where the word has the other character that Simplified writes the same
  // (系/係 → 系, 鍾/鐘 → 钟): a form error, when a phrase decides it (註 alone, a note, is as right as 注).
  // Two characters that stay apart in Simplified (硅/矽) are two words: vocabulary, not form.
  if (expected !== byCharacter && toSimplified(actual) === toSimplified(expected)) {
    return {actual, expected, ruleId: 'S003', fixable: true}
  }

  return undefined
}

/**
 * Whether a code unit is half of a surrogate pair (OpenCC's tables hold few astral characters; they
 * are left alone).
 */
function isSurrogate(unit: string): boolean {
  const code = unit.charCodeAt(0)
  return code >= 0xd800 && code <= 0xdfff
}
