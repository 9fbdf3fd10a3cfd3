/**
 * Mainland and Taiwan vocabulary in one text (芯片 beside 作業系統), from OpenCC's `TWPhrases` (keys
 * mainland, values Taiwan); words both use in their own sense (互動, 影像) are reviewed out.
 */
import {Trie} from 'opencc-js/core'
// OpenCC's Taiwan phrases alone: the preset would load every dictionary (2.3 MB).
import twPhrases from 'opencc-js/dict/TWPhrases'

/** One vocabulary word found in the text. */
export interface VocabularyWord {
  /** Offset in the text (UTF-16). */
  offset: number
  word: string
  vocabulary: 'mainland' | 'taiwan'
  counterpart: string
}

/**
 * OpenCC words both vocabularies use in this kind of text (互動 and 影像 are mainland too; 支持 and 消息
 * Taiwan too; 導出 is mostly the tail of 推導出). Reviewed by hand.
 */
export const sharedWords: ReadonlySet<string> = new Set([
  '互動',
  '宣告',
  '支持',
  '消息',
  '類型',
  '高級',
  '導出',
  '運行',
  '參數',
  '仿真',
  '影像',
  '設定',
  '攝影機',
  '建立',
  '核心',
  '模擬',
  '數字',
  '資料',
  '聲明',
  '支援',
  '品質',
  '網路',
  '介面',
  '連結'
])

let trie: Trie | undefined

/**
 * Find every mainland or Taiwan word of a text (longest match, left to right).
 *
 * @param text
 *   Text in Traditional characters (code already blanked out).
 * @returns
 *   Words, in text order.
 */
export function vocabularyWords(text: string): VocabularyWord[] {
  trie ??= compile()
  const words: VocabularyWord[] = []
  for (let offset = 0; offset < text.length; ) {
    const match = trie.matchPrefix(text, offset)
    if (!match) {
      offset++
      continue
    }

    const [vocabulary, counterpart] = match.value.split('\t') as ['mainland' | 'taiwan', string]
    words.push({offset, word: text.slice(offset, match.end), vocabulary, counterpart})
    offset = match.end
  }

  return words
}

function compile(): Trie {
  const result = new Trie()
  const pairs = twPhrases.split('|').map((entry) => entry.split(' ') as unknown as readonly [string, string])
  const mainland = new Set(pairs.map(([key]) => key))
  for (const [key, value] of pairs) {
    if (!key || !value || key === value) continue
    if (!sharedWords.has(key)) result.addWord(key, `mainland\t${value}`)
    if (!mainland.has(value) && !sharedWords.has(value)) result.addWord(value, `taiwan\t${key}`)
  }

  return result
}
