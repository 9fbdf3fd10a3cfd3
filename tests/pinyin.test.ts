/**
 * Pinyin: readings in context (`src/glossary/readings.ts`), the adverbial 地,
 * glossary pinyin by word, and the reviewed golden file of the whole
 * manuscript's `pinyin: all` output (`tests/fixtures/pinyin-all.txt`: one
 * line per paragraph, each word with its reading). Run with
 * `UPDATE_GOLDEN=1` to rewrite it, then review the diff by eye.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {describe, expect, it} from 'vitest'
import {buildFiles} from '../src/build/build.js'
import {pinyinOf, pinyinPerCharacter} from '../src/glossary/terms.js'
import rehypePinyin from '../src/stages/rehype-pinyin.js'

const root = path.resolve(import.meta.dirname, '..')
const golden = path.join(root, 'tests/fixtures/pinyin-all.txt')

/** Readings of a text as `word(pīnyīn)`, from the `pinyin: all` stage. */
function annotated(value: string): string {
  const tree: Root = {type: 'root', children: [h('p', value)]}
  rehypePinyin()(tree)
  return words(tree).join(' ')
}

/** The words of a tree with their ruby, as `word(reading)`. */
function words(node: Root | Element): string[] {
  const out: string[] = []
  for (const child of node.children as ElementContent[]) {
    if (child.type !== 'element') continue
    if (child.tagName === 'ruby') {
      const base = child.children.filter(
        (c) => c.type === 'text' || (c.type === 'element' && c.tagName !== 'rt' && c.tagName !== 'rp')
      )
      const rt = child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'rt')
      out.push(`${base.map(text).join('')}(${rt ? text(rt) : ''})`)
    } else if (child.tagName !== 'aside' && !String(child.properties.className ?? '').includes('translation')) {
      out.push(...words(child))
    }
  }

  return out
}

/** Text content. */
function text(node: ElementContent | Root): string {
  return node.type === 'text'
    ? node.value
    : 'children' in node
      ? (node.children as ElementContent[]).map(text).join('')
      : ''
}

describe('readings in context', () => {
  it('should read 为 as wéi after a verb and wèi for “for”', () => {
    expect(annotated('分别为大模型，转为对话，视为小模型，为大家提供服务，为了')).toBe(
      '分别(fēn bié) 为(wéi) 大(dà) 模型(mó xíng) 转(zhuǎn) 为(wéi) 对话(duì huà) 视为(shì wéi) 小(xiǎo) 模型(mó xíng) 为(wèi) 大家(dà jiā) 提供(tí gōng) 服务(fú wù) 为了(wèi le)'
    )
  })

  it('should read the listed polyphones as their word does', () => {
    const readings = (value: string) => pinyinPerCharacter(value).join(' ')
    expect(readings('强调')).toBe('qiáng diào')
    expect(readings('调用')).toBe('diào yòng')
    expect(readings('分析')).toBe('fēn xī')
    expect(readings('差距')).toBe('chā jù')
    expect(readings('数量')).toBe('shù liàng')
    expect(readings('卡住了这行的脖子')).toBe('qiǎ zhù le zhè háng de bó zi')
    expect(readings('会有供大量人才')).toBe('huì yǒu gōng dà liàng rén cái')
    expect(readings('并得加入')).toBe('bìng děi jiā rù')
    expect(readings('就会处在一个')).toBe('jiù huì chǔ zài yí gè')
  })

  it('should read neutral tones, and one word one way', () => {
    expect(pinyinPerCharacter('东西告诉我').join(' ')).toBe('dōng xi gào su wǒ')
    expect(pinyinPerCharacter('这个人，这个').filter(Boolean).join(' ')).toBe('zhè ge rén zhè ge')
  })

  it('should read the adverbial 地 as de, and the noun as dì', () => {
    expect(annotated('快速地订购，不断地修炼，实时地计算，领地和地区')).toBe(
      '快速(kuài sù) 地(de) 订购(dìng gòu) 不断地(bú duàn de) 修炼(xiū liàn) 实时(shí shí) 地(de) 计算(jì suàn) 领(lǐng) 地(dì) 和(hé) 地区(dì qū)'
    )
  })
})

describe('pinyinOf', () => {
  it('should write a term’s pinyin by word (GB/T 16159)', () => {
    expect(['大模型', '芯片', '分布式', '预训练', '操作系统', '第二曲线', '内卷'].map(pinyinOf)).toEqual([
      'dà móxíng',
      'xīnpiàn',
      'fēnbùshì',
      'yùxùnliàn',
      'cāozuò xìtǒng',
      'dì-èr qūxiàn',
      'nèijuǎn'
    ])
  })
})

describe('pinyin: all', () => {
  it('should give the whole manuscript the reviewed readings', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-pinyin-'))
    fs.cpSync(path.join(root, 'manuscript'), folder, {recursive: true})
    fs.appendFileSync(path.join(folder, 'book.yaml'), 'pinyin: all\n')
    const result = await buildFiles({input: folder, renderers: [], env: {}, editions: ['bilingual']})
    fs.rmSync(folder, {recursive: true})
    const book = result.editions.find((edition) => edition.edition.id === 'bilingual')!
    const lines: string[] = []
    for (const chapter of book.chapters) {
      if (chapter.kind === 'glossary') continue
      lines.push(`# ${chapter.id}`)
      for (const block of blocks(chapter.tree)) {
        const line = words(block).join(' ')
        if (line) lines.push(line)
      }
    }

    const actual = lines.join('\n') + '\n'
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, actual)
    expect(actual).toBe(fs.readFileSync(golden, 'utf8'))
  })
})

/** Paragraphs, headings and list items of a tree, in order. */
function blocks(node: Root | Element): Element[] {
  const out: Element[] = []
  for (const child of node.children as ElementContent[]) {
    if (child.type !== 'element') continue
    if (['p', 'li', 'h1', 'h2', 'h3'].includes(child.tagName)) out.push(child)
    else if (!String(child.properties.className ?? '').includes('gloss-notes')) out.push(...blocks(child))
  }

  return out
}

describe('segmentWords', () => {
  it('should split words as a reader does where ICU does not', async () => {
    const {segmentWords} = await import('../src/glossary/words.js')
    expect(segmentWords('视频和音频系统')).toEqual(['视频', '和', '音频', '系统'])
    expect(segmentWords('一枚原子弹')).toEqual(['一枚', '原子弹'])
    expect(segmentWords('保证注册人为真实的人')).toEqual(['保证', '注册', '人', '为', '真实', '的', '人'])
  })
})
