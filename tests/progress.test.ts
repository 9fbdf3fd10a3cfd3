/**
 * What a build tells as it goes: the messages as printed (the author's rule
 * levels, repeated warnings summed up, the totals line), the progress
 * display on a terminal (a stand-in stream that says it is one), and the
 * steps a build reports (only the editions and formats asked for).
 */
import path from 'node:path'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {buildFiles, type BuildProgress} from '../src/build/build.js'
import {formatMessages, note, warn, error} from '../src/core/diagnostics.js'
import {epub} from '../src/formats/epub/epub.js'
import {createProgress} from '../src/cli/progress.js'

const smallBook = path.join(import.meta.dirname, 'fixtures', 'books', 'small-book', 'manuscript')

/** Files with messages: `count` H001 warnings in each of three files, one T001 note, one M001 error. */
function files(count: number): VFile[] {
  const result = ['a.md', 'b.md', 'c.md'].map((name) => {
    const file = new VFile({path: `/book/${name}`})
    for (let line = 1; line <= count; line++) warn(file, 'Unexpected HTML', {line, column: 1}, 'H001')
    return file
  })
  note(result[0]!, 'Unexpected paragraph without a translation', {line: 9, column: 1}, 'T001')
  error(result[2]!, 'Unexpected missing chapter', {line: 9, column: 1}, 'M001')
  return result
}

describe('formatMessages', () => {
  it('should print every message by default, without totals', () => {
    expect(formatMessages(files(1), '/book')).toEqual([
      'a.md:1:1: warning: Unexpected HTML [H001]',
      'a.md:9:1: info: Unexpected paragraph without a translation [T001]',
      'b.md:1:1: warning: Unexpected HTML [H001]',
      'c.md:1:1: warning: Unexpected HTML [H001]',
      'c.md:9:1: error: Unexpected missing chapter [M001]'
    ])
  })

  it('should sum up the warnings of a rule after the limit, and count by rule', () => {
    expect(formatMessages(files(3), '/book', {limit: 2, totals: true})).toEqual([
      'a.md:1:1: warning: Unexpected HTML [H001]',
      'a.md:2:1: warning: Unexpected HTML [H001]',
      '… and 7 more H001 in 3 files',
      'a.md:9:1: info: Unexpected paragraph without a translation [T001]',
      'c.md:9:1: error: Unexpected missing chapter [M001]',
      'zhbook: 1 error (M001), 9 warnings (H001 ×9), 1 note (T001)'
    ])
  })

  it('should apply the author’s levels to warnings and notes, never to errors', () => {
    const rules = {H001: 'off', T001: 'warning', M001: 'off'} as const
    expect(formatMessages(files(1), '/book', {rules, totals: true})).toEqual([
      'a.md:9:1: warning: Unexpected paragraph without a translation [T001]',
      'c.md:9:1: error: Unexpected missing chapter [M001]',
      'zhbook: 1 error (M001), 1 warning (T001)'
    ])
    expect(formatMessages(files(1), '/book', {rules: {H001: 'info'}, limit: 1, totals: true})).toEqual([
      'a.md:1:1: info: Unexpected HTML [H001]',
      '… and 2 more H001 in 2 files',
      'a.md:9:1: info: Unexpected paragraph without a translation [T001]',
      'c.md:9:1: error: Unexpected missing chapter [M001]',
      'zhbook: 1 error (M001), 0 warnings, 4 notes (H001 ×3, T001)'
    ])
  })

  it('should print no totals line when there is no message', () => {
    expect(formatMessages([new VFile({path: '/book/a.md'})], '/book', {totals: true})).toEqual([])
  })
})

describe('createProgress', () => {
  /** A stand-in for a terminal's stream: what is written, in order. */
  function terminal(isTTY: boolean) {
    const written: string[] = []
    return {stream: {isTTY, write: (text: string) => written.push(text)}, written}
  }

  const steps: BuildProgress[] = [
    {kind: 'chapters', edition: 'hant', done: 1, total: 2},
    {kind: 'chapters', edition: 'hans', done: 1, total: 2},
    {kind: 'chapters', edition: 'hant', done: 2, total: 2},
    {kind: 'chapters', edition: 'hans', done: 2, total: 2},
    {kind: 'rendered', edition: 'hant', format: 'epub'},
    {kind: 'rendered', edition: 'hans', format: 'epub'},
    {kind: 'written', files: 2}
  ]

  it('should rewrite one line with the chapters per edition, then write a line per output', () => {
    const {stream, written} = terminal(true)
    const progress = createProgress(stream, {delay: 0})
    for (const step of steps) progress.update(step)
    progress.stop()
    expect(written.join('')).toBe(
      '\r\u001B[Kprocessing chapters: hant 1/2' +
        '\r\u001B[Kprocessing chapters: hant 1/2, hans 1/2' +
        '\r\u001B[Kprocessing chapters: hant 2/2, hans 1/2' +
        '\r\u001B[Kprocessing chapters: hant 2/2, hans 2/2' +
        '\r\u001B[Khant: epub made\n' +
        '\r\u001B[Khans: epub made\n' +
        '\r\u001B[Kwrote 2 files\n'
    )
  })

  it('should show nothing of a build that ends before the delay', () => {
    const {stream, written} = terminal(true)
    const progress = createProgress(stream, {delay: 60_000})
    for (const step of steps) progress.update(step)
    progress.stop()
    expect(written).toEqual([])
  })

  it('should write nothing to a stream that is not a terminal', () => {
    const {stream, written} = terminal(false)
    const progress = createProgress(stream, {delay: 0})
    for (const step of steps) progress.update(step)
    progress.stop()
    expect(written).toEqual([])
  })

  it('should clear the chapters line when stopped during it', () => {
    const {stream, written} = terminal(true)
    const progress = createProgress(stream, {delay: 0})
    progress.update(steps[0]!)
    progress.stop()
    expect(written).toEqual(['\r\u001B[Kprocessing chapters: hant 1/2', '\r\u001B[K'])
  })
})

describe('a build of some editions in some formats', () => {
  it('should process and render only those', async () => {
    const events: BuildProgress[] = []
    const result = await buildFiles({
      input: smallBook,
      editions: ['hans'],
      renderers: [epub],
      env: {},
      onProgress(event) {
        events.push(event)
        return undefined
      }
    })
    expect(result.ok).toBe(true)
    // Each chapter's stages say when they start and when they end, with the
    // budget; chapters are read side by side, so only each one's order holds.
    const stages = events.filter((event) => event.kind === 'stages')
    for (const name of ['1-one.md', '2-two.md']) {
      const chapter = path.join(smallBook, name)
      expect(stages.filter((event) => event.chapter === chapter)).toEqual([
        {kind: 'stages', chapter, edition: 'hans', seconds: 300, running: true},
        {kind: 'stages', chapter, edition: 'hans', seconds: 300, running: false}
      ])
    }

    expect(events.filter((event) => event.kind !== 'stages')).toEqual([
      {kind: 'chapters', edition: 'hans', done: 1, total: 2},
      {kind: 'chapters', edition: 'hans', done: 2, total: 2},
      {kind: 'rendered', edition: 'hans', format: 'epub'}
    ])
    expect(result.editions.map((edition) => edition.edition.id)).toEqual(['hans'])
    expect(result.outputs.map((file) => file.path)).toEqual([
      'reports/conversion-hans.json',
      'reports/conversion-hans.md',
      'small-hans.epub'
    ])
  })
})
