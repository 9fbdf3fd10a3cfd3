/**
 * Stage: pinyin over every Chinese word (`pinyin: all`, bilingual edition). Words from
 * `segmentWords`, a text node at a time (it is super-linear on long strings); readings from
 * pinyin-pro on the whole node, so a polyphone reads by context (银行 yín háng, 行业 háng yè).
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {pinyinPerCharacter} from '../glossary/terms.js'
import {segmentWords} from '../glossary/words.js'
import {opaque, otherLanguage} from './rehype-hant-to-hans.js'

/** Where no pinyin is added: code, headings, existing ruby, notes, links stay readable. */
const skip = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ruby', 'rt', 'rp', 'aside'])

const han = /\p{Script=Han}/u

/** Whether a final 地 is the particle `de` (快速地订购), not `dì` (各地): after a word, before a Han character. */
function adverbialDe(previous: string, segment: string, next: string): boolean {
  if (!segment.endsWith('地') || !han.test(next)) return false
  if (segment !== '地') return segment.length >= 3
  // After one character: the particle, unless the two make a place (在地, 各地).
  return /^\p{Script=Han}+$/u.test(previous) && !(previous.length === 1 && placeBefore.has(previous))
}

/** Characters that make a place with 地 (各地, 本地, 土地), so 地 after them is dì. */
const placeBefore = new Set(Array.from('在各本此该外当两某一原天大土草陆基场领田园内产余境盆湿高低遍满落'))

/**
 * Add ruby pinyin to every Chinese word.
 *
 * @returns
 *   Transform.
 */
export default function rehypePinyin() {
  return (tree: Root) => {
    walk(tree)
  }

  function walk(parent: Root | Element) {
    const children: ElementContent[] = []
    for (const child of parent.children as ElementContent[]) {
      if (child.type === 'element') {
        if (!skip.has(child.tagName) && !opaque.has(child.tagName) && !otherLanguage(child)) walk(child)
        children.push(child)
      } else if (child.type === 'text' && han.test(child.value)) {
        // One by one: a long text's annotations, spread as arguments, overflow the stack.
        for (const node of annotate(child.value)) children.push(node)
      } else {
        children.push(child)
      }
    }

    parent.children = children as never
  }

  function annotate(value: string): ElementContent[] {
    const readings = pinyinPerCharacter(value)
    const out: ElementContent[] = []
    // Readings are per code point; segments are per UTF-16 index.
    const codePointAt: number[] = []
    let count = 0
    for (let index = 0; index < value.length; index++) {
      codePointAt.push(count)
      const code = value.charCodeAt(index)
      if (code < 0xd800 || code > 0xdbff) count++
    }

    let previous = ''
    let index = 0
    for (const segment of segmentWords(value)) {
      const start = index
      index += segment.length
      const first = codePointAt[start]!
      const syllables = readings.slice(first, first + [...segment].length)
      if (adverbialDe(previous, segment, value.charAt(start + segment.length))) syllables[syllables.length - 1] = 'de'
      previous = segment
      if (!han.test(segment) || syllables.every((s) => s === undefined)) {
        const last = out.at(-1)
        if (last?.type === 'text') last.value += segment
        else out.push({type: 'text', value: segment})
        continue
      }

      out.push(
        h('ruby', [
          segment,
          h('rp', '('),
          h('rt', {lang: 'zh-Latn-pinyin'}, syllables.filter(Boolean).join(' ')),
          h('rp', ')')
        ])
      )
    }

    return out
  }
}
