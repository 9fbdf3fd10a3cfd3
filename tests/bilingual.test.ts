import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {glossaryChapter} from '../src/glossary/chapter.js'
import {editionTerms, pinyinOf} from '../src/glossary/terms.js'
import type {BookTranslations, GlossaryEntry} from '../src/core/model.js'
import rehypeGlossary from '../src/stages/rehype-glossary.js'
import rehypePinyin from '../src/stages/rehype-pinyin.js'
import remarkTranslations from '../src/stages/remark-translations.js'

/** Markdown → hast through the given stages. */
async function run(markdown: string, stages: {remark?: any[]; rehype?: any[]}, chapterId = 'one') {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(stages.remark ?? [])
    .use(remarkRehype)
    .use(stages.rehype ?? [])
  const file = new VFile({path: '/book/1-one.md', value: markdown, data: {chapterId}})
  const tree = (await processor.run(processor.parse(file), file)) as Root
  return {html: toHtml(tree), tree, file}
}

const translations: BookTranslations = {
  lang: 'en',
  paths: {one: 'translations/en/one.po'},
  meta: {},
  chapters: {
    one: {
      標題: {translation: 'Title', fuzzy: false},
      '第一段，**粗體**。': {translation: 'First, **bold**.', fuzzy: false},
      列表項: {translation: 'Item', fuzzy: false},
      舊的: {translation: 'Old', fuzzy: true}
    }
  }
}

describe('remarkTranslations', () => {
  it('should put each translation after its block, headings and list items included', async () => {
    const {html, file} = await run(
      '# 標題\n\n第一段，**粗體**。\n\n- 列表項\n\n> 舊的\n\nEnglish only.\n\n沒有翻譯。',
      {
        remark: [[remarkTranslations, {translations}]]
      }
    )
    expect(html).toBe(
      [
        '<h1>標題<span lang="en" class="translation">Title</span></h1>',
        '<p>第一段，<strong>粗體</strong>。</p>',
        '<p lang="en" class="translation">First, <strong>bold</strong>.</p>',
        '<ul>',
        '<li>',
        '<p>列表項</p>',
        '<p lang="en" class="translation">Item</p>',
        '</li>',
        '</ul>',
        '<blockquote>',
        '<p>舊的</p>',
        '<p lang="en" class="translation awaiting">English translation awaiting review.</p>',
        '</blockquote>',
        '<p>English only.</p>',
        '<p>沒有翻譯。</p>',
        '<p lang="en" class="translation awaiting">English translation to come.</p>'
      ].join('\n')
    )
    expect(file.data.translation).toEqual({translated: 3, fuzzy: 1, missing: 1})
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['7:3 T002', '11:1 T001'])
  })
})

const glossary: GlossaryEntry[] = [
  {term: '大模型', en: 'large model', note: 'A big model.', line: 1},
  {term: '模型', en: 'model', line: 2},
  {term: 'AR', en: 'augmented reality', line: 3},
  {term: '行業', en: 'industry', pinyin: 'háng yè', line: 4}
]
const terms = editionTerms(glossary, (value) => value.replace('業', '业'))

describe('editionTerms', () => {
  it('should convert terms and make their pinyin, keeping overrides', () => {
    expect(terms).toEqual([
      {index: 0, term: '大模型', en: 'large model', note: 'A big model.', pinyin: 'dà móxíng'},
      {index: 1, term: '模型', en: 'model', note: undefined, pinyin: 'móxíng'},
      {index: 2, term: 'AR', en: 'augmented reality', note: undefined, pinyin: undefined},
      {index: 3, term: '行业', en: 'industry', note: undefined, pinyin: 'háng yè'}
    ])
  })

  it('should read polyphones in context, and write a word’s syllables together', () => {
    expect(pinyinOf('银行')).toBe('yínháng')
    expect(pinyinOf('重要')).toBe('zhòngyào')
  })
})

describe('rehypeGlossary', () => {
  it('should annotate only the first occurrence of each term, longest first, outside headings, links and code', async () => {
    const {html, file} = await run(
      '# 大模型\n\n[大模型](https://x) `大模型` 大模型與大模型，Character 的 AR。\n\n模型和行业。',
      {rehype: [[rehypeGlossary, {terms}]]}
    )
    expect(html).toBe(
      [
        '<h1>大模型</h1>',
        '<p><a href="https://x">大模型</a> <code>大模型</code> ' +
          '<ruby class="gloss-term">大模型<rp>(</rp><rt lang="zh-Latn-pinyin">dà móxíng</rt><rp>)</rp></ruby>' +
          '<a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" class="noteref" aria-label="large model (English gloss)">†</a>' +
          '與大模型，Character 的 <span class="gloss-term">AR</span>' +
          '<a href="#gloss-2" id="gloss-ref-2" role="doc-noteref" class="noteref" aria-label="augmented reality (English gloss)">†</a>。</p>',
        '<p><ruby class="gloss-term">模型<rp>(</rp><rt lang="zh-Latn-pinyin">móxíng</rt><rp>)</rp></ruby>' +
          '<a href="#gloss-3" id="gloss-ref-3" role="doc-noteref" class="noteref" aria-label="model (English gloss)">†</a>和' +
          '<ruby class="gloss-term">行业<rp>(</rp><rt lang="zh-Latn-pinyin">háng yè</rt><rp>)</rp></ruby>' +
          '<a href="#gloss-4" id="gloss-ref-4" role="doc-noteref" class="noteref" aria-label="industry (English gloss)">†</a>。</p>' +
          '<div class="gloss-notes">' +
          '<aside id="gloss-1" role="doc-footnote" class="gloss" lang="en"><p><a href="#gloss-ref-1" role="doc-backlink" aria-label="Back to text">↩</a> <span lang="zh-Hans" class="gloss-zh">大模型</span> <span lang="zh-Latn-pinyin" class="gloss-pinyin">dà móxíng</span> <span class="gloss-en">large model</span>: A big model.</p></aside>' +
          '<aside id="gloss-2" role="doc-footnote" class="gloss" lang="en"><p><a href="#gloss-ref-2" role="doc-backlink" aria-label="Back to text">↩</a> <span lang="zh-Hans" class="gloss-zh">AR</span> <span class="gloss-en">augmented reality</span></p></aside>' +
          '<aside id="gloss-3" role="doc-footnote" class="gloss" lang="en"><p><a href="#gloss-ref-3" role="doc-backlink" aria-label="Back to text">↩</a> <span lang="zh-Hans" class="gloss-zh">模型</span> <span lang="zh-Latn-pinyin" class="gloss-pinyin">móxíng</span> <span class="gloss-en">model</span></p></aside>' +
          '<aside id="gloss-4" role="doc-footnote" class="gloss" lang="en"><p><a href="#gloss-ref-4" role="doc-backlink" aria-label="Back to text">↩</a> <span lang="zh-Hans" class="gloss-zh">行业</span> <span lang="zh-Latn-pinyin" class="gloss-pinyin">háng yè</span> <span class="gloss-en">industry</span></p></aside>' +
          '</div>'
      ].join('\n')
    )
    expect(file.data.glossary).toEqual([
      {index: 0, refId: 'gloss-ref-1'},
      {index: 2, refId: 'gloss-ref-2'},
      {index: 1, refId: 'gloss-ref-3'},
      {index: 3, refId: 'gloss-ref-4'}
    ])
  })

  it('should not annotate English text', async () => {
    const {html} = await run('Model.', {
      remark: [],
      rehype: [
        () => (tree: Root) => {
          ;(tree.children[0] as any).properties.lang = 'en'
          ;(tree.children[0] as any).children = [{type: 'text', value: '大模型 in English'}]
        },
        [rehypeGlossary, {terms}]
      ]
    })
    expect(html).toBe('<p lang="en">大模型 in English</p>')
  })
})

describe('rehypePinyin', () => {
  it('should put pinyin over every Chinese word, in context, but not in headings or English', async () => {
    const {html} = await run('# 标题\n\n银行行业很重要。AI 好。', {rehype: [rehypePinyin]})
    expect(html).toBe(
      '<h1>标题</h1>\n<p>' +
        '<ruby>银行<rp>(</rp><rt lang="zh-Latn-pinyin">yín háng</rt><rp>)</rp></ruby>' +
        '<ruby>行业<rp>(</rp><rt lang="zh-Latn-pinyin">háng yè</rt><rp>)</rp></ruby>' +
        '<ruby>很<rp>(</rp><rt lang="zh-Latn-pinyin">hěn</rt><rp>)</rp></ruby>' +
        '<ruby>重要<rp>(</rp><rt lang="zh-Latn-pinyin">zhòng yào</rt><rp>)</rp></ruby>' +
        '。AI <ruby>好<rp>(</rp><rt lang="zh-Latn-pinyin">hǎo</rt><rp>)</rp></ruby>。</p>'
    )
  })
})

describe('glossaryChapter', () => {
  it('should list every term with pinyin, gloss, note and a link to its first occurrence', () => {
    const chapter = glossaryChapter({
      terms: terms.slice(0, 3),
      chapters: [
        {id: 'one', title: '第一章', occurrences: [{index: 0, refId: 'gloss-ref-1'}]},
        {
          id: 'two',
          title: '第二章',
          occurrences: [
            {index: 0, refId: 'gloss-ref-2'},
            {index: 2, refId: 'gloss-ref-1'}
          ]
        }
      ],
      title: '词汇表',
      translatedTitle: 'Glossary',
      lang: 'zh-Hans',
      glossLang: 'en',
      firstIn: 'First in:'
    })
    expect(chapter.id).toBe('glossary')
    expect(chapter.kind).toBe('glossary')
    expect(toHtml(chapter.tree)).toBe(
      '<h1>词汇表<span lang="en" class="translation">Glossary</span></h1>' +
        '<dl class="glossary">' +
        '<div id="term-1"><dt><span lang="zh-Hans">大模型</span> <span lang="zh-Latn-pinyin" class="gloss-pinyin">dà móxíng</span></dt>' +
        '<dd lang="en"><p><span class="gloss-en">large model</span>. A big model.</p><p><a href="chapter:one#gloss-ref-1">First in: <span lang="zh-Hans">第一章</span></a></p></dd></div>' +
        '<div id="term-2"><dt><span lang="zh-Hans">模型</span> <span lang="zh-Latn-pinyin" class="gloss-pinyin">móxíng</span></dt>' +
        '<dd lang="en"><p><span class="gloss-en">model</span></p></dd></div>' +
        '<div id="term-3"><dt><span lang="zh-Hans">AR</span></dt>' +
        '<dd lang="en"><p><span class="gloss-en">augmented reality</span></p><p><a href="chapter:two#gloss-ref-1">First in: <span lang="zh-Hans">第二章</span></a></p></dd></div>' +
        '</dl>'
    )
  })
})
