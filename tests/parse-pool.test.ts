/**
 * The threads that read chapters: a tree and its messages come back as the
 * reader on the main thread makes them; a chapter past its time budget is
 * stopped and answered as a time-out, and the pool goes on with the next.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {VFileMessage} from 'vfile-message'
import {ReadPool, retireLength} from '../src/build/parse-pool.js'
import {createChapterReader, type ParsedChapter} from '../src/build/read-chapter.js'

const footnotes = '# 標題\n\n正文[^1]。\n\n[^1]: 第一個。\n\n[^1]: 第二個。\n'

let pool: ReadPool

beforeEach(() => {
  pool = new ReadPool({size: 1})
})

afterEach(async () => {
  await pool.close()
})

/** A parsed chapter's messages as `file:line:col reason [rule]`. */
function messages(parsed: ParsedChapter): string[] {
  if (!('tree' in parsed)) return []
  return parsed.messages.map(
    (message) => `${message.file}:${message.line}:${message.column} ${message.reason} [${message.ruleId}]`
  )
}

describe('ReadPool', () => {
  it('should give the tree and the messages the reader gives on this thread', async () => {
    const chapter = {path: 'a.md', value: footnotes}
    const parsed = await pool.read(chapter, 60)
    const here = createChapterReader()(chapter)
    expect(parsed).toEqual(here)
    expect(messages(parsed)).toEqual([
      'a.md:7:1 Unexpected second definition of `[^1]` (first on line 5), expected one definition per label: this one is not shown [M011]'
    ])
    expect('tree' in parsed && parsed.messages[0]).toBeInstanceOf(VFileMessage)
  })

  it('should answer what the guards find, with its place', async () => {
    expect(await pool.read({path: 'a.md', value: '# 標題\n\n' + '*_'.repeat(2501)}, 60)).toEqual({
      markers: {line: 3, column: 5001}
    })
    expect(await pool.read({path: 'a.md', value: '# 標題\n\n' + '> '.repeat(101) + '深'}, 60)).toEqual({
      deep: {line: 3, column: 1}
    })
  })

  it('should stop a chapter past its budget, and read the next one on a new thread', async () => {
    const long = {path: 'a.md', value: '# 標題\n\n' + '一段**正文**，[連結](b.md)。\n\n'.repeat(2000)}
    expect(await pool.read(long, 0.001)).toEqual({timeout: 0.001})
    const parsed = await pool.read({path: 'b.md', value: '# 二\n\n正文。\n'}, 60)
    expect('tree' in parsed && parsed.tree.children.map((node) => node.type)).toEqual(['heading', 'paragraph'])
  })

  it('should answer a time-out when the answer comes after the budget, whichever this thread sees first', async () => {
    // A warm thread takes the chapter at once; this thread is then busy past
    // the budget, so the thread's answer and the timer are both due when it
    // is free again.
    await pool.read({path: 'a.md', value: '# 一\n'}, 60)
    const answer = pool.read({path: 'b.md', value: '# 二\n\n正文。\n'}, 0.05)
    const busyUntil = performance.now() + 500
    while (performance.now() < busyUntil) {}
    expect(await answer).toEqual({timeout: 0.05})
  })

  it('should read chapters given at once, each with its own answer', async () => {
    const wide = new ReadPool({size: 2})
    try {
      const answers = await Promise.all(
        ['一', '二', '三'].map((title, index) => wide.read({path: `${index}.md`, value: `# ${title}\n\n正文。\n`}, 60))
      )
      expect(
        answers.map(
          (parsed) => 'tree' in parsed && parsed.tree.children[0]!.type === 'heading' && parsed.tree.children[0]
        )
      ).toMatchObject([{children: [{value: '一'}]}, {children: [{value: '二'}]}, {children: [{value: '三'}]}])
    } finally {
      await wide.close()
    }
  })

  it('should stop a thread after a chapter longer than `retireLength`, and start another for the next', async () => {
    expect(retireLength).toBe(1024 * 1024)
    const section = '## 一節\n\n' + '正文，'.repeat(1000) + '\n\n'
    const long = '# 標題\n\n' + section.repeat(Math.ceil(retireLength / section.length))
    const parsed = await pool.read({path: 'a.md', value: long}, 600)
    expect('tree' in parsed && parsed.tree.children.length).toBe(1 + 2 * Math.ceil(retireLength / section.length))
    expect(pool.threads).toBe(0)
    const short = await pool.read({path: 'b.md', value: '# 二\n\n正文。\n'}, 60)
    expect('tree' in short && short.tree.children.map((node) => node.type)).toEqual(['heading', 'paragraph'])
    expect(pool.threads).toBe(1)
  })

  it('should refuse to read once closed', async () => {
    await pool.close()
    await expect(pool.read({path: 'a.md', value: '# 標題\n'}, 60)).rejects.toThrow(/closed pool/)
  })
})
