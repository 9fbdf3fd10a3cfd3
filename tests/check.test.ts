/**
 * `zhbook check`: the script check of a Traditional text, on a fixture of
 * mixed text (`tests/fixtures/check/mixed.md`) and on the transcript as it
 * was scraped.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterEach, describe, expect, it, vi} from 'vitest'
import * as check from '../src/check/check.js'
import {applyFixes, checkFile, isTraditional, reportMixedVocabulary} from '../src/check/check.js'
import {punctuationProblems} from '../src/check/punctuation.js'
import {scriptProblems} from '../src/check/script.js'
import {vocabularyWords} from '../src/check/vocabulary.js'
import {checkCommand} from '../src/cli/check.js'
import {formatMessages} from '../src/core/diagnostics.js'

const fixtures = path.join(import.meta.dirname, 'fixtures')
const mixedPath = path.join(fixtures, 'check', 'mixed.md')
const mixed = fs.readFileSync(mixedPath, 'utf8')

/** Check a text as one file; messages as `line:col: message [rule]`. */
function messagesOf(value: string, markdown = true): string[] {
  const file = new VFile({path: 'x.md', value})
  const {vocabulary} = checkFile(file, {markdown})
  reportMixedVocabulary([{file, vocabulary}])
  return formatMessages([file], '.').map((line) => line.replace(/^x\.md:/, '').replace(': warning', ''))
}

describe('api', () => {
  it('should expose the check', () => {
    expect(Object.keys(check).sort()).toEqual([
      'applyFixes',
      'checkBook',
      'checkFile',
      'isTraditional',
      'reportMixedVocabulary'
    ])
  })
})

describe('scriptProblems', () => {
  it('should find Simplified characters, with the Taiwan form', () => {
    expect(scriptProblems('對于創業者')).toEqual([
      {offset: 1, actual: '于', expected: '於', ruleId: 'S001', fixable: true}
    ])
  })

  it('should find OpenCC variants that are not the Taiwan standard', () => {
    expect(scriptProblems('伴隨着')).toEqual([{offset: 2, actual: '着', expected: '著', ruleId: 'S002', fixable: true}])
  })

  it('should find a Traditional character in the wrong word where Simplified merges two', () => {
    expect(scriptProblems('關系、制作、注冊、分鍾、收獲、喂大、特征、采購').map((p) => p.actual + p.expected)).toEqual([
      '系係',
      '制製',
      '注註',
      '鍾鐘',
      '獲穫',
      '喂餵',
      '征徵',
      '采採'
    ])
  })

  it('should leave characters right in their word, and vocabulary, alone', () => {
    expect(
      scriptProblems(
        '群眾、沈教授、硅谷、平台、局限、分布、內卷、皇后、干擾、公里、系統、制度、注意、第一個註、征服、風采'
      )
    ).toEqual([])
  })

  it('should fix a character with several forms only where a phrase decides', () => {
    expect(scriptProblems('頭发').map((p) => [p.expected, p.fixable])).toEqual([['髮', true]])
    expect(scriptProblems('他发了').map((p) => [p.expected, p.fixable])).toEqual([['發', false]])
  })
})

describe('punctuationProblems', () => {
  it('should find half-width marks next to Han characters', () => {
    expect(punctuationProblems('好,很好? (OK) "對"')).toEqual([
      {offset: 1, actual: ',', expected: '，', fixable: true},
      {offset: 4, actual: '?', expected: '？', fixable: true},
      {offset: 11, actual: '"', expected: '「 or 」', fixable: false},
      {offset: 13, actual: '"', expected: '「 or 」', fixable: false}
    ])
  })

  it('should leave punctuation in Latin text alone', () => {
    expect(punctuationProblems('RLHF (Reinforcement Learning, from Human Feedback)')).toEqual([])
  })
})

describe('vocabularyWords', () => {
  it('should tell mainland words from Taiwan words, with their counterparts', () => {
    expect(
      vocabularyWords('數據在螢幕上，芯片和作業系統').map((w) => `${w.vocabulary} ${w.word} ${w.counterpart}`)
    ).toEqual(['mainland 數據 資料', 'taiwan 螢幕 屏幕', 'mainland 芯片 晶片', 'taiwan 作業系統 操作系統'])
  })

  it('should not count words both vocabularies use', () => {
    expect(vocabularyWords('互動、影像、設定、攝影機')).toEqual([])
  })
})

describe('checkFile', () => {
  it('should report the fixture of mixed text, each problem with its place and rule', () => {
    expect(messagesOf(mixed)).toEqual([
      '3:2: Unexpected Simplified character `于`, expected `於` [S001]',
      '3:10: Unexpected `系` in `關系很重`, expected `係` [S003]',
      '3:16: Unexpected Simplified character `随`, expected `隨` [S001]',
      '3:17: Unexpected variant `着`, expected the Taiwan standard form `著` [S002]',
      '5:3: Unexpected `鍾` in `每分鍾都在`, expected `鐘` [S003]',
      '5:9: Unexpected Simplified character `发`, expected `髮` [S001]',
      '5:13: Unexpected half-width `,` next to Han characters, expected `，` [S004]',
      '5:14: Unexpected Taiwan word `螢幕` in a text of mainland vocabulary (4 mainland, 1 Taiwan words), expected `屏幕` [S005]',
      '5:20: Unexpected half-width `"` next to Han characters, expected `「 or 」` [S004]',
      '7:2: Unexpected Simplified character `发`, expected `發` [S001]'
    ])
  })

  it('should check code and link targets only in plain text', () => {
    expect(messagesOf('`于是` [a](https://example.com/于)')).toEqual([])
    expect(messagesOf('`于是`', false)).toEqual(['1:2: Unexpected Simplified character `于`, expected `於` [S001]'])
  })

  it('should fix only what has one answer', () => {
    const file = new VFile({path: 'x.md', value: mixed})
    const {fixes} = checkFile(file)
    expect(
      fixes.map((fix) => `${fix.place.line}:${fix.place.column} ${fix.actual}→${fix.expected} ${fix.ruleId}`)
    ).toEqual([
      '3:2 于→於 S001',
      '3:10 系→係 S003',
      '3:16 随→隨 S001',
      '3:17 着→著 S002',
      '5:3 鍾→鐘 S003',
      '5:9 发→髮 S001',
      '5:13 ,→， S004'
    ])
    expect(applyFixes(mixed, fixes).split('\n').slice(2, 5)).toEqual([
      '對於創業者來說，關係很重要，伴隨著數據和數據的增長。',
      '',
      '每分鐘都在變，頭髮也白了，螢幕上寫著 "AI"。'
    ])
  })
})

describe('isTraditional', () => {
  it('should tell Traditional Chinese tags', () => {
    expect(['zh-Hant', 'zh-TW', 'zh-Hant-TW', 'zh-Hans', 'zh', 'en'].map(isTraditional)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false
    ])
  })
})

describe('zhbook check', () => {
  const logs: string[] = []
  afterEach(() => {
    vi.restoreAllMocks()
    logs.length = 0
  })

  function capture() {
    vi.spyOn(console, 'log').mockImplementation((line: string) => logs.push(line))
    vi.spyOn(console, 'error').mockImplementation((line: string) => logs.push(line))
  }

  it('should find every stray character of the transcript as scraped', async () => {
    capture()
    const code = await checkCommand(path.join(fixtures, 'transcript.txt'), {})
    expect(code).toBe(1)
    const counts = new Map<string, number>()
    for (const line of logs) {
      const match =
        /: Unexpected (?:Simplified character |variant )?`(.)`.* expected (?:the Taiwan standard form )?`(.)` \[S00[123]\]$/.exec(
          line
        )
      if (match) counts.set(`${match[1]}→${match[2]}`, (counts.get(`${match[1]}→${match[2]}`) ?? 0) + 1)
    }

    expect(Object.fromEntries(counts)).toEqual({
      '于→於': 25,
      '内→內': 22,
      '将→將': 10,
      '着→著': 9,
      '并→並': 9,
      '制→製': 6,
      '确→確': 6,
      '拟→擬': 6,
      '别→別': 4,
      '系→係': 4,
      '注→註': 3,
      '争→爭': 3,
      '随→隨': 2,
      '适→適': 2,
      '讨→討': 2,
      '财→財': 1,
      '征→徵': 1,
      '标→標': 1,
      '颠→顛': 1,
      '采→採': 1,
      '饪→飪': 1,
      '态→態': 1,
      '鍾→鐘': 1,
      '獲→穫': 1,
      '喂→餵': 1
    })
    // Each word of the smaller vocabulary once, at its first place, with its count.
    expect(
      logs
        .filter((line) => line.endsWith('[S005]'))
        .map((line) => /`(.+?)`( \(\d+ times\))?/.exec(line)!.slice(1, 3).join(''))
    ).toEqual(['矽 (2 times)', '作業系統 (5 times)', '螢幕 (4 times)'])
    expect(logs.at(-1)).toMatch(
      /^517 problems in 1 file \(vocabulary: 87 mainland, 11 Taiwan words\); 470 with one answer/
    )
  })

  it('should apply the fixes with one answer, say what it changed, and report the rest', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-check-'))
    const file = path.join(folder, 'mixed.md')
    fs.writeFileSync(file, mixed)
    capture()
    const code = await checkCommand(file, {fix: true})
    expect(code).toBe(1)
    expect(logs.filter((line) => line.includes(': fixed ')).map((line) => line.replace(/^.*mixed\.md:/, ''))).toEqual([
      '3:2: fixed `于` → `於` [S001]',
      '3:10: fixed `系` → `係` [S003]',
      '3:16: fixed `随` → `隨` [S001]',
      '3:17: fixed `着` → `著` [S002]',
      '5:3: fixed `鍾` → `鐘` [S003]',
      '5:9: fixed `发` → `髮` [S001]',
      '5:13: fixed `,` → `，` [S004]'
    ])
    expect(logs.at(-1)).toBe('3 problems in 1 file (vocabulary: 4 mainland, 1 Taiwan words)')
    expect(fs.readFileSync(file, 'utf8')).toBe(applyFixes(mixed, checkFile(new VFile({value: mixed})).fixes))
    fs.rmSync(folder, {recursive: true})
  })

  it('should find nothing in the manuscript', async () => {
    capture()
    const code = await checkCommand(path.join(import.meta.dirname, '..', 'manuscript'), {})
    expect(logs).toEqual(['0 problems in 5 files (vocabulary: 107 mainland, 0 Taiwan words)'])
    expect(code).toBe(0)
  })
})
