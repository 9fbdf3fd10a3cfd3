/**
 * The reader's scripts' logic that the browser tests do not reach: where a
 * pop-up goes, how settings are read back and kept, how search matches and
 * cuts snippets, how the dictionary finds a word; and the bundling itself.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {bundle} from '../scripts/bundle.js'
import {isHan, longestWord, wordAt} from '../src/formats/web/client/dictionary-words.js'
import {popupPosition} from '../src/formats/web/client/popup.js'
import {
  attributesOf,
  defaults,
  isAllowed,
  normalise,
  preferenceStore,
  storageKey
} from '../src/formats/web/client/preferences.js'
import {find, ranges, snippet, terms} from '../src/formats/web/client/search-match.js'
import type {SearchBlock} from '../src/formats/web/client/types.js'
import {readAsset} from '../src/formats/shared/assets.js'

describe('API', () => {
  it('should expose the shared modules’ functions', async () => {
    expect(Object.keys(await import('../src/formats/web/client/popup.js')).sort()).toEqual([
      'createPopup',
      'margin',
      'placePopup',
      'popupPosition'
    ])
    expect(Object.keys(await import('../src/formats/web/client/preferences.js')).sort()).toEqual([
      'attributesOf',
      'defaults',
      'isAllowed',
      'normalise',
      'preferenceStore',
      'storageKey'
    ])
    expect(Object.keys(await import('../src/formats/web/client/search-match.js')).sort()).toEqual([
      'find',
      'ranges',
      'snippet',
      'terms'
    ])
    expect(Object.keys(await import('../src/formats/web/client/dictionary-words.js')).sort()).toEqual([
      'isHan',
      'longestWord',
      'wordAt'
    ])
  })
})

describe('popupPosition', () => {
  const viewport = {width: 400, height: 800}
  const size = {width: 200, height: 100}
  const anchor = {left: 200, top: 50, width: 10, bottom: 70}

  it('should put a note’s pop-up under its reference, centred', () => {
    expect(popupPosition(anchor, size, viewport, 'center')).toEqual({left: 105, top: 78})
  })

  it('should put a word’s pop-up under the word, from its left edge', () => {
    expect(popupPosition({...anchor, left: 20}, size, viewport, 'start')).toEqual({left: 20, top: 78})
  })

  it('should keep the pop-up in the viewport sideways', () => {
    expect(popupPosition({...anchor, left: 380}, size, viewport, 'start')).toEqual({left: 192, top: 78})
    expect(popupPosition({...anchor, left: 380}, size, viewport, 'center')).toEqual({left: 192, top: 78})
    expect(popupPosition({...anchor, left: 2}, size, viewport, 'center')).toEqual({left: 8, top: 78})
    // Wider than the viewport: from its left margin.
    expect(popupPosition(anchor, {width: 500, height: 100}, viewport, 'start')).toEqual({left: 8, top: 78})
  })

  it('should put the pop-up above when there is no room below and there is above', () => {
    expect(popupPosition({left: 20, top: 700, width: 10, bottom: 720}, size, viewport, 'start')).toEqual({
      left: 20,
      top: 592
    })
  })

  it('should keep the pop-up below when there is room on neither side', () => {
    expect(
      popupPosition({left: 20, top: 60, width: 10, bottom: 80}, {width: 200, height: 780}, viewport, 'start')
    ).toEqual({left: 20, top: 88})
  })
})

describe('preferences', () => {
  it('should read back stored settings, each unknown value as its default', () => {
    expect(normalise({size: 'xl', theme: 'dark', english: false, pinyin: true, junk: 1})).toEqual({
      size: 'xl',
      theme: 'dark',
      english: false,
      pinyin: true
    })
    expect(normalise({size: 'huge', theme: 'light', english: 'no'})).toEqual({
      size: 'm',
      theme: 'light',
      english: true,
      pinyin: true
    })
    for (const stored of [null, undefined, 'xl', 3, []]) expect(normalise(stored)).toEqual(defaults)
  })

  it('should allow only known settings and their values', () => {
    expect(isAllowed('size', 'l')).toBe(true)
    expect(isAllowed('english', false)).toBe(true)
    expect(isAllowed('size', 'huge')).toBe(false)
    expect(isAllowed('english', 'false')).toBe(false)
    expect(isAllowed('toString', 'l')).toBe(false)
    expect(isAllowed(undefined, undefined)).toBe(false)
  })

  it('should write attributes only for what differs from the defaults', () => {
    expect(attributesOf(defaults)).toEqual([
      ['data-size', undefined],
      ['data-theme', undefined],
      ['data-english', undefined],
      ['data-pinyin', undefined]
    ])
    expect(attributesOf({size: 's', theme: 'light', english: false, pinyin: false})).toEqual([
      ['data-size', 's'],
      ['data-theme', 'light'],
      ['data-english', 'hidden'],
      ['data-pinyin', 'hidden']
    ])
  })

  it('should keep settings in storage, as JSON under one key', () => {
    const stored = new Map<string, string>()
    const storage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value)
    }
    const store = preferenceStore(() => storage)
    expect(store.read()).toEqual(defaults)
    store.write({...defaults, size: 'l'})
    expect(Object.fromEntries(stored)).toEqual({
      [storageKey]: '{"size":"l","theme":"auto","english":true,"pinyin":true}'
    })
    // Another page's store reads it.
    expect(preferenceStore(() => storage).read()).toEqual({...defaults, size: 'l'})
  })

  it('should keep settings in memory when storage throws or holds junk', () => {
    const throwing = preferenceStore(() => {
      throw new Error('SecurityError')
    })
    expect(throwing.read()).toEqual(defaults)
    throwing.write({...defaults, theme: 'dark'})
    expect(throwing.read()).toEqual({...defaults, theme: 'dark'})

    const junk = preferenceStore(() => ({getItem: () => '{not json', setItem() {}}))
    expect(junk.read()).toEqual(defaults)
  })
})

describe('search matching', () => {
  const blocks: SearchBlock[] = [
    [0, 'p-1', '大模型很大'],
    [0, 'p-2', '小模型', 'A small Model'],
    [1, 'p-3', '算力', 'Computing power']
  ]

  it('should split a query at white space, in lower case', () => {
    expect(terms('  模型  AI\tModel ')).toEqual(['模型', 'ai', 'model'])
    expect(terms(' \n')).toEqual([])
  })

  it('should find the blocks whose text has every part, or else whose English has', () => {
    expect(find(blocks, ['模型'])).toEqual([
      {block: blocks[0], text: '大模型很大', english: false},
      {block: blocks[1], text: '小模型', english: false}
    ])
    expect(find(blocks, ['small', 'model'])).toEqual([{block: blocks[1], text: 'A small Model', english: true}])
    // Every part in the same text: Chinese and English are not mixed.
    expect(find(blocks, ['模型', 'small'])).toEqual([])
    expect(find(blocks, [])).toEqual([])
  })

  it('should merge overlapping and touching matches', () => {
    expect(ranges('Model of models', ['model'])).toEqual([
      [0, 5],
      [9, 14]
    ])
    expect(ranges('abcd', ['bcd', 'abc'])).toEqual([[0, 4]])
    expect(ranges('abab', ['ab'])).toEqual([[0, 4]])
    expect(ranges('abc', ['x'])).toEqual([])
  })

  it('should show 90 characters of Chinese from 24 before the first match', () => {
    const text = '甲'.repeat(100) + '模型' + '乙'.repeat(98)
    expect(snippet(text, ['模型'], false)).toEqual([
      {text: '…', mark: false},
      {text: '甲'.repeat(24), mark: false},
      {text: '模型', mark: true},
      {text: '乙'.repeat(64), mark: false},
      {text: '…', mark: false}
    ])
  })

  it('should show 220 characters of English from a word start', () => {
    const text = 'word '.repeat(30) + 'needle' + ' tail'.repeat(50)
    expect(snippet(text, ['needle'], true)).toEqual([
      {text: '…', mark: false},
      {text: 'word '.repeat(14), mark: false},
      {text: 'needle', mark: true},
      {text: ' tail'.repeat(28) + ' tai', mark: false},
      {text: '…', mark: false}
    ])
  })

  it('should mark every match in the snippet, and cut nothing from a short text', () => {
    expect(snippet('Model and model', ['model'], true)).toEqual([
      {text: 'Model', mark: true},
      {text: ' and ', mark: false},
      {text: 'model', mark: true}
    ])
  })
})

describe('dictionary words', () => {
  const words = new Map([
    ['大', [['dà', 'big']] as Array<[string, string]>],
    ['大模型', [['dà mó xíng', 'large model']] as Array<[string, string]>],
    ['模型', [['mó xíng', 'model']] as Array<[string, string]>]
  ])

  it('should take the longest word that starts the text', () => {
    expect(longestWord(words)).toBe(3)
    expect(wordAt(words, '大模型的邏輯')).toBe('大模型')
    expect(wordAt(words, '大模')).toBe('大')
    expect(wordAt(words, '模型')).toBe('模型')
    expect(wordAt(words, '的')).toBe(undefined)
    expect(wordAt(words, '')).toBe(undefined)
    expect(longestWord(new Map())).toBe(1)
  })

  it('should know Han characters from punctuation, kana and Latin', () => {
    expect(['大', '㐀', '丽'].map(isHan)).toEqual([true, true, true])
    expect(['。', 'あ', 'a', '1', ''].map(isHan)).toEqual([false, false, false, false, false])
  })
})

describe('bundle', () => {
  it('should write the same bytes wherever and however often it runs', async () => {
    const folders = await Promise.all([0, 1].map(() => fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-bundle-'))))
    try {
      const [first, second] = await Promise.all(folders.map((folder) => bundle(folder)))
      expect(first).toEqual([
        'epub/content.css',
        'epub/style.css',
        'web/content.css',
        'web/dictionary-popup.js',
        'web/notes.js',
        'web/prefs.js',
        'web/search-page.js',
        'web/site.js',
        'web/style.css'
      ])
      expect(second).toEqual(first)
      for (const name of first!) {
        const bytes = await fs.readFile(path.join(folders[0]!, name), 'utf8')
        expect(await fs.readFile(path.join(folders[1]!, name), 'utf8'), name).toBe(bytes)
        expect(readAsset(name), name).toBe(bytes)
      }
    } finally {
      await Promise.all(folders.map((folder) => fs.rm(folder, {recursive: true, force: true})))
    }
  })

  it('should make classic scripts, ASCII only, and one stylesheet without imports', () => {
    for (const name of ['prefs.js', 'site.js', 'search-page.js', 'notes.js', 'dictionary-popup.js']) {
      const script = readAsset('web/' + name)
      expect(script, name).toMatch(/^"use strict";\n\(\(\) => \{\n/)
      expect(script, name).toMatch(/\n\}\)\(\);\n$/)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the range of ASCII
      expect(script, name).toMatch(/^[\u0000-\u007f]*$/)
    }
    expect(readAsset('web/style.css')).not.toMatch(/@import/)
  })
})
