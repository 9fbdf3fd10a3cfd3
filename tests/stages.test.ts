import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import rehypeRaw from 'rehype-raw'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {createConverter} from '../src/convert/converter.js'
import rehypeChapterTitle from '../src/stages/rehype-chapter-title.js'
import rehypeCjkQuotes, {replaceQuotes} from '../src/stages/rehype-cjk-quotes.js'
import rehypeHantToHans from '../src/stages/rehype-hant-to-hans.js'
import rehypeDialogue from '../src/stages/rehype-dialogue.js'
import rehypeEnglishRuns from '../src/stages/rehype-english-runs.js'
import rehypeLocalImages from '../src/stages/rehype-local-images.js'
import rehypeTableAlign from '../src/stages/rehype-table-align.js'
import rehypeSafeHtml from '../src/stages/rehype-safe-html.js'
import remarkCjkAutolinks from '../src/stages/remark-cjk-autolinks.js'
import {defaultSchema} from 'rehype-sanitize'

type Stages = {remark?: any[]; rehype?: any[]}

/** Markdown → hast with the given stages; returns HTML and the file. */
async function run(markdown: string, stages: Stages, path = '/book/ch.md') {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(stages.remark ?? [])
    .use(remarkRehype, {allowDangerousHtml: true})
    .use(rehypeRaw)
    .use(stages.rehype ?? [])
  const file = new VFile({path, value: markdown})
  const tree = (await processor.run(processor.parse(file), file)) as Root
  return {html: toHtml(tree), tree, file}
}

const converter = createConverter([{from: '核心', to: '核心', path: 'overrides.yaml', line: 3}])
const hans: Stages = {rehype: [[rehypeHantToHans, {converter}]]}

describe('rehypeHantToHans', () => {
  it('should convert a phrase split by inline markup as one phrase', async () => {
    const {html} = await run('新的**作業**系統與*螢*幕', hans)
    expect(html).toBe('<p>新的<strong>操作</strong>系统与<em>屏</em>幕</p>')
  })

  it('should not join text across blocks', async () => {
    // 作業 ends one paragraph, 系統 starts the next: no phrase between them.
    const {html} = await run('作業\n\n系統', hans)
    expect(html).toBe('<p>作业</p>\n<p>系统</p>')
  })

  it('should leave code, inline code, attributes and URLs alone, and convert HTML text', async () => {
    const {html} = await run(
      [
        '軟體 `軟體` <span title="軟體">軟體</span> [軟體](https://example.com/軟體 "軟體")',
        '',
        '```',
        '{{軟體}} 作業系統',
        '```',
        '',
        '<div class="軟體"><p>作業系統</p><kbd>軟體</kbd></div>'
      ].join('\n'),
      hans
    )
    expect(html).toBe(
      [
        '<p>软件 <code>軟體</code> <span title="軟體">软件</span> <a href="https://example.com/%E8%BB%9F%E9%AB%94" title="軟體">软件</a></p>',
        '<pre><code>{{軟體}} 作業系統',
        '</code></pre>',
        '<div class="軟體"><p>操作系统</p><kbd>軟體</kbd></div>'
      ].join('\n')
    )
  })

  it('should convert headings, table cells and image alt text', async () => {
    const {html} = await run('# 作業系統\n\n| 資訊 |\n| --- |\n| 軟體 |\n\n![螢幕](a.png "螢幕")', hans)
    expect(html).toBe(
      [
        '<h1>操作系统</h1>',
        '<table>',
        '<thead>',
        '<tr>',
        '<th>信息</th>',
        '</tr>',
        '</thead>',
        '<tbody>',
        '<tr>',
        '<td>软件</td>',
        '</tr>',
        '</tbody>',
        '</table>',
        '<p><img src="a.png" alt="屏幕" title="螢幕"></p>'
      ].join('\n')
    )
  })

  it('should record each change with its line, column and context', async () => {
    const {file} = await run('# 標題\n\n第二行的核心\n與作業系統', hans, '/book/ch.md')
    expect(file.data.conversion).toEqual({
      characters: 4,
      hits: [
        {
          kind: 'override',
          from: '核心',
          to: '核心',
          start: 4,
          end: 6,
          override: {from: '核心', to: '核心', path: 'overrides.yaml', line: 3},
          line: 3,
          column: 5,
          context: '第二行的核心 與作業系統'
        },
        {
          kind: 'vocabulary',
          from: '作業系統',
          to: '操作系统',
          start: 8,
          end: 12,
          line: 4,
          column: 2,
          context: '第二行的核心 與作業系統'
        }
      ]
    })
  })
  it('should place changes in a run of several nodes over several lines', async () => {
    const {file} = await run('軟體**資訊**\n與*作業系統*\n螢幕', hans)
    expect(file.data.conversion?.hits.map((hit) => `${hit.from} ${hit.line}:${hit.column}`)).toEqual([
      '軟體 1:1',
      '資訊 1:5',
      '作業系統 2:3',
      '螢幕 3:1'
    ])
  })
})

describe('rehypeCjkQuotes', () => {
  it('should turn corner brackets into curly quotes in text only', async () => {
    const {html} = await run('他說「這是『好』的」。`「code」` <abbr title="「甲」">「乙」</abbr>', {
      rehype: [rehypeCjkQuotes]
    })
    expect(html).toBe('<p>他說“這是‘好’的”。<code>「code」</code> <abbr title="「甲」">“乙”</abbr></p>')
  })

  it('should replace quotes in plain strings (metadata)', () => {
    expect(replaceQuotes('「甲」『乙』')).toBe('“甲”‘乙’')
  })
})

describe('rehypeChapterTitle', () => {
  it('should take the title from the first heading', async () => {
    const {file} = await run('intro\n\n## 第一節 *重點*\n\n# 後來', {rehype: [rehypeChapterTitle]})
    expect(file.data.title).toBe('第一節 重點')
    expect(file.messages).toEqual([])
  })

  it('should warn and use the file name when there is no heading', async () => {
    const {file} = await run('只有正文。', {rehype: [rehypeChapterTitle]}, '/book/03-notes.md')
    expect(file.data.title).toBe('03-notes')
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1:1 M003'])
  })
})

describe('rehypeLocalImages', () => {
  it('should replace remote, outside and missing images by their alt text, with warnings', async () => {
    const {html, file} = await run(
      [
        '![遠端](https://example.com/a.png)',
        '',
        '![外面](../../etc/passwd)',
        '',
        '![不存在](missing.png)',
        '',
        '<img src="//example.com/b.png" alt="HTML 的圖">'
      ].join('\n'),
      {rehype: [[rehypeLocalImages, {root: '/book'}]]}
    )
    expect(html).toBe('<p>遠端</p>\n<p>外面</p>\n<p>不存在</p>\nHTML 的圖')
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '1:1 I002',
      '3:1 I002',
      '5:1 I001',
      '7:1 I002'
    ])
  })
})

describe('rehypeTableAlign', () => {
  it('should write column alignment as CSS', async () => {
    const {html} = await run('| a | b | c |\n| :-- | :-: | --- |\n| 1 | 2 | 3 |', {rehype: [rehypeTableAlign]})
    expect(html).toContain('<th style="text-align: left">a</th>\n<th style="text-align: center">b</th>\n<th>c</th>')
    expect(html).not.toContain('align=')
  })
})

describe('rehypeDialogue', () => {
  it('should mark turns that open with a bold speaker and a colon', async () => {
    const {html} = await run(
      '**主持人**：您覺得呢？\n\n**章鵬：** 我覺得。\n\n**這是一整句很長的粗體開頭的句子**：不是對話。\n\n**重點** 不是對話。',
      {rehype: [rehypeDialogue]}
    )
    expect(html).toBe(
      [
        '<p class="dialogue"><strong class="speaker">主持人</strong>：您覺得呢？</p>',
        '<p class="dialogue"><strong class="speaker">章鵬：</strong> 我覺得。</p>',
        '<p><strong>這是一整句很長的粗體開頭的句子</strong>：不是對話。</p>',
        '<p><strong>重點</strong> 不是對話。</p>'
      ].join('\n')
    )
  })
})

describe('rehypeChapterTitle in the bilingual edition', () => {
  it('should leave the heading’s translation and pinyin out of the title', async () => {
    const {file} = await run('# 标题', {
      rehype: [
        () => (tree: any) => {
          tree.children[0].children.push(
            {type: 'element', tagName: 'span', properties: {lang: 'en'}, children: [{type: 'text', value: 'Title'}]},
            {
              type: 'element',
              tagName: 'ruby',
              properties: {},
              children: [
                {type: 'text', value: '字'},
                {type: 'element', tagName: 'rt', properties: {}, children: [{type: 'text', value: 'zì'}]}
              ]
            }
          )
        },
        rehypeChapterTitle
      ]
    })
    expect(file.data.title).toBe('标题字')
  })
})

describe('rehypeEnglishRuns', () => {
  it('should mark English phrases of two or more words, not single words', async () => {
    const {html} = await run(
      '用 **Hugging Face** 的模型，RLHF（Reinforcement Learning from Human Feedback）讓 ChatGPT 與 Meta AI 更好，To B 和 To C。',
      {rehype: [rehypeEnglishRuns]}
    )
    expect(html).toBe(
      '<p>用 <strong><span lang="en">Hugging Face</span></strong> 的模型，RLHF（<span lang="en">Reinforcement Learning from Human Feedback</span>）讓 ChatGPT 與 <span lang="en">Meta AI</span> 更好，<span lang="en">To B</span> 和 <span lang="en">To C</span>。</p>'
    )
  })

  it('should leave code, pinyin and text in another language alone', async () => {
    const {html} = await run(
      [
        '`npm run build` 和 <span lang="en">already English</span>、<ruby>模型<rt lang="zh-Latn-pinyin">mó xíng</rt></ruby>、<span lang="zh-Latn-pinyin">dà mó xíng</span>',
        '',
        '```',
        'make test all',
        '```'
      ].join('\n'),
      {rehype: [[rehypeEnglishRuns, {lang: 'en-US'}]]}
    )
    expect(html).toBe(
      '<p><code>npm run build</code> 和 <span lang="en">already English</span>、<ruby>模型<rt lang="zh-Latn-pinyin">mó xíng</rt></ruby>、<span lang="zh-Latn-pinyin">dà mó xíng</span></p>\n<pre><code>make test all\n</code></pre>'
    )
  })

  it('should keep positions on the pieces', async () => {
    const {tree} = await run('中文 Hugging Face 中文', {rehype: [rehypeEnglishRuns]})
    const paragraph = tree.children[0] as import('hast').Element
    expect(
      paragraph.children.map((child) =>
        child.type === 'element' ? child.children[0]!.position?.start.line : child.position?.start.line
      )
    ).toEqual([1, 1, 1])
  })
})

describe('remarkCjkAutolinks', () => {
  it('should end a bare URL where Chinese text starts, and give back an unopened `)`', async () => {
    const {html} = await run('參見（http://example.com/a）。再見 (http://example.com/b)。又見 www.example.com。', {
      remark: [remarkCjkAutolinks]
    })
    expect(html).toBe(
      '<p>參見（<a href="http://example.com/a">http://example.com/a</a>）。再見 (<a href="http://example.com/b">http://example.com/b</a>)。又見 <a href="http://www.example.com">www.example.com</a>。</p>'
    )
  })

  it('should leave a URL with balanced parentheses, and written links, alone', async () => {
    const {html} = await run('見 http://example.com/a_(b)。\n\n[連結](http://example.com/中文)', {
      remark: [remarkCjkAutolinks]
    })
    expect(html).toBe(
      '<p>見 <a href="http://example.com/a_(b)">http://example.com/a_(b)</a>。</p>\n<p><a href="http://example.com/%E4%B8%AD%E6%96%87">連結</a></p>'
    )
  })
})

describe('rehypeSafeHtml', () => {
  it('should remove a `lang` that is no language tag, with a warning, and keep a good one', async () => {
    const {html, file} = await run('<pre lang="no-highlight">x</pre>\n\n<p lang="en-GB">y</p>', {
      rehype: [[rehypeSafeHtml, {schema: {...defaultSchema, attributes: {'*': ['lang']}}}]]
    })
    expect(html).toBe('<pre>x</pre>\n<p lang="en-GB">y</p>')
    expect(file.messages.map(String)).toEqual([
      '/book/ch.md:1:1: Unexpected value `no-highlight` of `lang` on `<pre>`, expected a BCP 47 language tag: removed'
    ])
  })
})
