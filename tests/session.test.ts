/**
 * The build session: what a series of builds keeps lives in it, and nowhere
 * else. A module-level `Map`, `Set`, `WeakMap`, `WeakSet` or `let` in `src/`
 * is state every build of the process shares, with no visible lifetime: this
 * test fails on any that is not a read-only constant listed below.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import JSZip from 'jszip'
import {BuildSession} from '../src/build/session.js'
import {verifyOutputs} from '../src/build/verify.js'

const src = path.resolve(import.meta.dirname, '..', 'src')

/**
 * Module-level declarations that are read-only: tables of tag names, keys
 * and characters, and values made once and never changed (a compiled
 * dictionary or trie, a module, a segmenter, the hash of the code itself,
 * pinyin-pro's one registration of zhbook's readings). `file: name`.
 */
const readOnly = new Set([
  'build/fingerprint.ts: cached',
  'build/parse-pool.ts: sourceBundle',
  'build/read-chapter.ts: selfClosing',
  'build/reference-inputs.ts: skipped',
  'check/script.ts: made',
  'check/script.ts: severalForms',
  'check/script.ts: validInBothScripts',
  'check/vocabulary.ts: sharedWords',
  'check/vocabulary.ts: trie',
  'convert/chain.ts: chains',
  'convert/packed.ts: unpacked',
  'core/diagnostics.ts: bugRules',
  'core/package-root.ts: found',
  'dictionary/text.ts: annotations',
  'fonts/open-face.ts: loaded',
  'formats/epub/epub.ts: reservedIds',
  'formats/epub/rehype-kobo-spans.ts: atomic',
  // Fonts read for covers drawn without the cover thread (from the sources): one set, for the process.
  'formats/epub/cover-drawer.ts: sourceFaces',
  'formats/epub/rehype-kobo-spans.ts: phrasing',
  'formats/epub/rehype-kobo-spans.ts: skip',
  'formats/epub/vertical.ts: skipped',
  'formats/shared/svg.ts: removed',
  'glossary/pinyin-pro.ts: loaded',
  'glossary/terms.ts: prefixes',
  'glossary/terms.ts: suffixes',
  'glossary/words.ts: segmenter',
  'load/book.ts: required',
  'load/ids.ts: reservedIds',
  'load/glossary.ts: keys',
  'load/layouts/folders.ts: skipped',
  'load/layouts/includes.ts: includeKinds',
  'stages/rehype-author-ids.ts: pageIds',
  'stages/rehype-cjk-line-breaks.ts: blocks',
  'stages/rehype-cjk-line-breaks.ts: inlineVerbatim',
  'stages/rehype-cjk-line-breaks.ts: verbatim',
  'stages/rehype-glossary.ts: skip',
  'stages/rehype-hant-to-hans.ts: opaque',
  'stages/rehype-pinyin.ts: placeBefore',
  'stages/rehype-pinyin.ts: skip',
  'translate/block-html.ts: phrasing'
])

/** A module-level collection, or a module-level `let` / `var`. */
const mutable =
  /^(?:export )?(?:(?:const|let|var) (\w+)\s*(?::[^=]+)?=\s*new (?:Map|WeakMap|Set|WeakSet)\b|(?:let|var) (\w+))/gm

/**
 * Code that runs in the reader's browser, not in a build: a page's state
 * lives as long as the page.
 */
const browserCode = `formats${path.sep}web${path.sep}client${path.sep}`

/** The module-level mutable declarations of `src/`, as `file: name`. */
async function moduleState(): Promise<string[]> {
  const found: string[] = []
  for (const name of await fs.readdir(src, {recursive: true})) {
    if (!name.endsWith('.ts') || name.endsWith('.d.ts') || name.startsWith(browserCode)) continue
    const text = await fs.readFile(path.join(src, name), 'utf8')
    for (const match of text.matchAll(mutable)) {
      found.push(`${name.split(path.sep).join('/')}: ${match[1] ?? match[2]}`)
    }
  }

  return found.sort()
}

describe('module state', () => {
  it('should find a module-level store in code (the pattern works)', () => {
    const code = [
      'const pages = new Map<string, string>()',
      'export const seen = new WeakSet()',
      'let last: string | undefined',
      '  const local = new Map()'
    ].join('\n')
    expect([...code.matchAll(mutable)].map((match) => match[1] ?? match[2])).toEqual(['pages', 'seen', 'last'])
  })

  it('should keep no mutable state at module level outside the session', async () => {
    const unexpected = (await moduleState()).filter((entry) => !readOnly.has(entry))
    expect(unexpected).toEqual([])
  })
})

/** A zip holding one document, `OEBPS/a.xhtml`. */
async function epubOf(document: string): Promise<Uint8Array> {
  const zip = new JSZip()
  zip.file('OEBPS/a.xhtml', document)
  return zip.generateAsync({type: 'uint8array'})
}

describe('BuildSession', () => {
  it('should stop its reading threads once a build’s chapters are read, unless it keeps them for the next build', async () => {
    const once = new BuildSession()
    const pool = once.readers
    await once.doneReading()
    // Stopped: a read is refused, and the next build starts a new pool.
    await expect(pool.read({path: 'a.md', value: '# 一\n'}, 10)).rejects.toThrow('closed pool')
    expect(once.readers).not.toBe(pool)
    await once.dispose()

    const watching = new BuildSession({rebuilds: true})
    const warm = watching.readers
    await watching.doneReading()
    expect(watching.readers).toBe(warm)
    await watching.dispose()
  })

  it('should keep what its read-back parsed only when it builds again', async () => {
    const files = [{path: 'a-hant.epub', data: await epubOf('<html xmlns="http://www.w3.org/1999/xhtml"/>')}]
    const once = new BuildSession()
    expect(await verifyOutputs('/out', files, once.output)).toEqual([])
    expect(once.output.parsed).toBeUndefined()

    const watching = new BuildSession({rebuilds: true})
    expect(await verifyOutputs('/out', files, watching.output)).toEqual([])
    expect([...watching.output.parsed!]).toEqual(['<html xmlns="http://www.w3.org/1999/xhtml"/>'])
    await Promise.all([once.dispose(), watching.dispose()])
  })

  it('should give each step its own store, for the life of the session', async () => {
    const session = new BuildSession()
    const chapter = {}
    let made = 0
    const memo = session.chapterMemo<number>('step')
    expect(memo(chapter, 'a', () => ++made)).toBe(1)
    expect(session.chapterMemo<number>('step')(chapter, 'a', () => ++made)).toBe(1)
    expect(memo(chapter, 'b', () => ++made)).toBe(2)
    expect(session.chapterMemo<number>('other')(chapter, 'b', () => ++made)).toBe(3)
    expect(() => session.keyed('step')).toThrow(/Unexpected store kind/)

    await session.dispose()
    expect(session.chapterMemo<number>('step')(chapter, 'b', () => ++made)).toBe(4)
  })

  it('should keep the most recently used results of a keyed store, up to its limit', () => {
    const session = new BuildSession()
    const store = session.keyed<string>('pages', 2)
    store.get('a', () => 'A')
    store.get('b', () => 'B')
    store.get('a', () => 'unused')
    store.set('c', 'C')
    expect([store.peek('a'), store.peek('b'), store.peek('c')]).toEqual(['A', undefined, 'C'])
    store.delete('a')
    expect(store.get('a', () => 'A again')).toBe('A again')
  })

  it('should hand out one token per key, never the same for two keys', () => {
    const session = new BuildSession()
    const a = session.intern('book a')
    expect(session.intern('book a')).toBe(a)
    expect(session.intern('book b')).not.toBe(a)
  })

  it('should run what it was given on dispose, last first', async () => {
    const session = new BuildSession()
    const order: string[] = []
    session.onDispose(() => order.push('first'))
    session.onDispose(async () => order.push('second'))
    await session.dispose()
    expect(order).toEqual(['second', 'first'])
  })
})
