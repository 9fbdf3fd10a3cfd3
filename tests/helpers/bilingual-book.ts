/**
 * A small bilingual edition, hand-built in the shape the stages hand the
 * renderers: each Chinese block followed by its English
 * (`p.translation[lang=en]`), headings with their English span, glossary
 * terms with pinyin ruby and a note reference, the notes at the end of the
 * chapter (grouped and named by the last stage), and a glossary chapter
 * linking back with `chapter:` links.
 */
import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {unified} from 'unified'
import rehypeNoteGroups from '../../src/stages/rehype-note-groups.js'
import type {BookMeta, EditionBook, EditionChapter, EditionInfo} from '../../src/core/model.js'

/** The bilingual edition. */
export const bilingualInfo: EditionInfo = {
  id: 'bilingual',
  lang: 'zh-Hans',
  label: '中英对照',
  otherLanguages: ['en']
}

/** Metadata of the bilingual edition: Simplified, with the English title. */
export const bilingualMeta: BookMeta = {
  title: '大模型只是少数人的机会，小模型才是大多数人的机会',
  subtitle: 'AI 大模型的逻辑、创业机会与中美 AIGC 赚钱的差异',
  author: '章鹏',
  host: '混沌创新院 AI 系列直播栏目第三期（混沌直播间）',
  source: '章鹏在混沌直播间直播分享的文字实录',
  language: 'zh-Hant',
  identifier: 'urn:uuid:6d3f2a4e-8b1c-4f5e-9a7d-2c1e0b9f8a31',
  date: '2026-11-28',
  slug: 'small-models',
  translated: {
    lang: 'en',
    title: 'Large Models Are an Opportunity for the Few, Small Models for the Many',
    subtitle: 'The Logic of Large AI Models, Opportunities for Start-ups, and How AIGC Makes Money in China and the US'
  }
}

/**
 * English that follows a Chinese block.
 *
 * @param value
 *   English text.
 * @returns
 *   `p.translation`.
 */
function english(value: string) {
  return h('p', {lang: 'en', className: ['translation']}, value)
}

/**
 * A placeholder for a translation still to come.
 *
 * @param value
 *   Placeholder text.
 * @returns
 *   `p.translation.awaiting`.
 */
function awaiting(value: string) {
  return h('p', {lang: 'en', className: ['translation', 'awaiting']}, value)
}

/**
 * A bilingual heading.
 *
 * @param rank
 *   `h1` … `h6`.
 * @param chinese
 *   Chinese text.
 * @param value
 *   English text.
 * @returns
 *   Heading.
 */
function heading(rank: 'h1' | 'h2', chinese: string, value: string) {
  return h(rank, [chinese, h('span', {lang: 'en', className: ['translation']}, value)])
}

/**
 * Ruby with pinyin.
 *
 * @param base
 *   Characters.
 * @param pinyin
 *   Pinyin.
 * @param gloss
 *   Whether it is a glossary term (`ruby.gloss-term`).
 * @returns
 *   `ruby`.
 */
function ruby(base: string, pinyin: string, gloss = false) {
  return h('ruby', gloss ? {className: ['gloss-term']} : {}, [
    base,
    h('rp', '('),
    h('rt', {lang: 'zh-Latn-pinyin'}, pinyin),
    h('rp', ')')
  ])
}

/**
 * The first occurrence of a glossary term: ruby, then the note reference.
 *
 * @param n
 *   Note number in the chapter.
 * @param base
 *   Term.
 * @param pinyin
 *   Pinyin.
 * @returns
 *   Nodes.
 */
function term(n: number, base: string, pinyin: string): ElementContent[] {
  return [
    ruby(base, pinyin, true),
    h(
      'a',
      {
        href: '#gloss-' + n,
        id: 'gloss-ref-' + n,
        role: 'doc-noteref',
        className: ['noteref'],
        ariaLabel: 'English gloss'
      },
      '†'
    )
  ]
}

/**
 * A glossary note.
 *
 * @param n
 *   Note number in the chapter.
 * @param chinese
 *   Term.
 * @param pinyin
 *   Pinyin.
 * @param gloss
 *   English gloss.
 * @param definition
 *   English definition.
 * @returns
 *   `aside`.
 */
function note(n: number, chinese: string, pinyin: string, gloss: string, definition: string) {
  return h('aside', {id: 'gloss-' + n, role: 'doc-footnote', className: ['gloss'], lang: 'en'}, [
    h('p', [
      h('a', {href: '#gloss-ref-' + n, role: 'doc-backlink', ariaLabel: 'Back to text'}, '↩'),
      ' ',
      h('span', {lang: 'zh-Hans', className: ['gloss-zh']}, chinese),
      ' ',
      h('span', {lang: 'zh-Latn-pinyin', className: ['gloss-pinyin']}, pinyin),
      ' ',
      h('span', {className: ['gloss-en']}, gloss),
      ': ' + definition
    ])
  ])
}

/**
 * A chapter: blocks separated by line feeds, as the stages write them.
 *
 * @param id
 *   Id.
 * @param title
 *   Plain Chinese title.
 * @param blocks
 *   Blocks.
 * @param kind
 *   Kind (optional).
 * @returns
 *   Chapter.
 */
function chapter(id: string, title: string, blocks: ElementContent[], kind?: EditionChapter['kind']): EditionChapter {
  const children: Root['children'] = []
  for (const [index, block] of blocks.entries()) {
    if (index > 0) children.push({type: 'text', value: '\n'})
    children.push(block)
  }

  const result: EditionChapter = {
    id,
    title,
    // The last stage groups and names the note references.
    tree: unified()
      .use(rehypeNoteGroups)
      .runSync({type: 'root', children} as Root) as Root,
    sourcePath: id + '.md'
  }
  if (kind) result.kind = kind
  return result
}

/** The bilingual edition: two chapters and the glossary. */
export const bilingualBook: EditionBook = {
  edition: bilingualInfo,
  meta: bilingualMeta,
  chapters: [
    chapter('opening', '开场', [
      heading('h1', '开场', 'Opening'),
      h('p', [
        '大家好，今天想和大家聊一聊大模型和',
        ...term(1, '小模型', 'xiǎo mó xíng'),
        '：它们离我们每个人有多远。'
      ]),
      english(
        'Hello everyone. Today I would like to talk about large models and small models: how far each of them is from every one of us.'
      ),
      h('blockquote', [
        h('p', '大模型只是少数人的机会，小模型才是大多数人的机会。'),
        english('Large models are an opportunity for the few; small models are the opportunity for the many.')
      ]),
      h('p', '训练一次 ChatGPT 的价格极其昂贵，大约为 1200 万美金。'),
      awaiting('English translation to come.'),
      h('div', {className: ['gloss-notes']}, [
        note(
          1,
          '小模型',
          'xiǎo mó xíng',
          'small model',
          'A model small enough to train and run on modest hardware, tuned for one task.'
        )
      ])
    ]),
    chapter('logic', 'AI 大模型的逻辑', [
      heading('h1', 'AI 大模型的逻辑', 'The Logic of Large AI Models'),
      h('p', [...term(1, '大模型', 'dà mó xíng'), '需要三个要素：', ...term(2, '算力', 'suàn lì'), '、算法和数据。']),
      english('Large models need three things: computing power, algorithms and data.'),
      heading('h2', '三个要素', 'Three Ingredients'),
      h('ol', [
        h('li', [h('p', '算力最贵。'), english('Computing power costs the most.')]),
        h('li', [
          h('p', [
            ruby('算法', 'suàn fǎ'),
            ruby('人人', 'rén rén'),
            ruby('都', 'dōu'),
            ruby('能', 'néng'),
            ruby('学', 'xué'),
            '。'
          ]),
          awaiting('English translation awaiting review.')
        ])
      ]),
      h('div', {className: ['gloss-notes']}, [
        note(
          1,
          '大模型',
          'dà mó xíng',
          'large model',
          'An AI model with billions of parameters, trained on a large share of the written web.'
        ),
        note(
          2,
          '算力',
          'suàn lì',
          'computing power',
          'The processing capacity, mostly GPUs, that training and running a model needs.'
        )
      ])
    ]),
    chapter(
      'glossary',
      '词汇表',
      [
        heading('h1', '词汇表', 'Glossary'),
        h('dl', {className: ['glossary']}, [
          glossaryEntry(
            1,
            '大模型',
            'dà mó xíng',
            'large model. An AI model with billions of parameters.',
            'chapter:logic#gloss-ref-1',
            'AI 大模型的逻辑'
          ),
          glossaryEntry(
            2,
            '小模型',
            'xiǎo mó xíng',
            'small model. A model tuned for one task.',
            'chapter:opening#gloss-ref-1',
            '开场'
          ),
          glossaryEntry(
            3,
            '算力',
            'suàn lì',
            'computing power. The processing capacity a model needs.',
            'chapter:logic#gloss-ref-2',
            'AI 大模型的逻辑'
          )
        ])
      ],
      'glossary'
    )
  ]
}

/**
 * An entry of the glossary chapter.
 *
 * @param n
 *   Entry number.
 * @param chinese
 *   Term.
 * @param pinyin
 *   Pinyin.
 * @param definition
 *   English gloss and definition.
 * @param href
 *   `chapter:` link to the first occurrence.
 * @param where
 *   Title of that chapter.
 * @returns
 *   `div` with `dt` and `dd`.
 */
function glossaryEntry(n: number, chinese: string, pinyin: string, definition: string, href: string, where: string) {
  return h('div', {id: 'term-' + n}, [
    h('dt', [
      h('span', {lang: 'zh-Hans'}, chinese),
      ' ',
      h('span', {lang: 'zh-Latn-pinyin', className: ['gloss-pinyin']}, pinyin)
    ]),
    h('dd', {lang: 'en'}, [h('p', definition), h('p', [h('a', {href}, 'First in: ' + where)])])
  ])
}
