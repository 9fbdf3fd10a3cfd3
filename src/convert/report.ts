/** The conversion report: every phrase-level change and override applied, for an editor to review. */
import type {VFile} from 'vfile'
import type {BuildSession} from '../build/session.js'
import type {StageContext} from '../core/editions.js'
import type {OutputFile} from '../core/model.js'
import type {PlacedHit} from '../stages/rehype-hant-to-hans.js'
import type {HitKind} from './converter.js'

/** One distinct change (same kind, source and result), with its count. */
export interface ReportEntry {
  /** Kind of change. */
  kind: Exclude<HitKind, 'character'>
  /** Traditional source text. */
  from: string
  /** Simplified result. */
  to: string
  /** How often it occurs. */
  count: number
  /** First occurrence, `file:line:column` relative to the manuscript. */
  first: string
  /** Text around the first occurrence. */
  context: string
  /** For overrides: where the entry stands in the dictionary (`overrides.yaml:3`). */
  entry?: string | undefined
}

/** The whole report. */
export interface ConversionReport {
  /** Edition id. */
  edition: string
  /** Number of single-character conversions (not listed one by one). */
  characters: number
  /** Distinct changes by layer: overrides, zhbook's vocabulary, OpenCC's vocabulary, its phrases. */
  entries: ReportEntry[]
  /** Dictionary entries that matched nothing (stale or misspelt). */
  unusedOverrides: string[]
}

const order: Record<ReportEntry['kind'], number> = {override: 0, zhbook: 1, vocabulary: 2, phrase: 3}

/**
 * A chapter's distinct changes with first hit and count, kept by the session:
 * an unchanged chapter hands back the same hits, so the report is rebuilt from summaries.
 */
function chapterChanges(hits: readonly PlacedHit[], session: BuildSession): Map<string, Change> {
  return session.chapterMemo<Map<string, Change>>('report.changes')(hits, '', () => {
    const changes = new Map<string, Change>()
    for (const hit of hits) {
      if (hit.kind === 'character') continue
      const key = `${hit.kind}\u0000${hit.from}\u0000${hit.to}`
      const known = changes.get(key)
      if (known) known.count++
      else changes.set(key, {hit, count: 1})
    }

    return changes
  })
}

/** A distinct change, with its first hit and count. */
type Change = {hit: PlacedHit; count: number}

/**
 * Collect the report from the converted chapters and the metadata.
 *
 * @param edition
 *   Edition id.
 * @param chapters
 *   Chapter files processed by `remarkHantToHans` (with `data.conversion`).
 * @param context
 *   Stage context (book, converter).
 * @returns
 *   The report.
 */
export function collectReport(
  edition: string,
  chapters: ReadonlyArray<{path: string; file: VFile}>,
  context: StageContext
): ConversionReport {
  const {book} = context
  const entries = new Map<string, ReportEntry>()
  let characters = 0

  function add(hit: PlacedHit, where: string) {
    if (hit.kind === 'character') return
    const key = `${hit.kind}\u0000${hit.from}\u0000${hit.to}`
    const existing = entries.get(key)
    if (existing) {
      existing.count++
      return
    }

    entries.set(key, {
      kind: hit.kind,
      from: hit.from,
      to: hit.to,
      count: 1,
      first: `${where}:${hit.line}:${hit.column}`,
      context: hit.context,
      entry: hit.override ? `${hit.override.path}:${hit.override.line}` : undefined
    })
  }

  // Metadata first: it is what readers see first.
  const fields = ['title', 'subtitle', 'author', 'host', 'source'] as const
  for (const field of fields) {
    const value = book.meta[field]
    if (!value) continue
    const result = context.converter().convert(value)
    characters += result.characters
    for (const hit of result.hits) {
      add({...hit, line: book.metaLines[field] ?? 1, column: 1, context: value}, 'book.yaml')
    }
  }

  for (const {path, file} of chapters) {
    const data = file.data.conversion
    if (!data) continue
    characters += data.characters
    for (const [key, {hit, count}] of chapterChanges(data.hits, context.session)) {
      const existing = entries.get(key)
      if (existing) {
        existing.count += count
      } else {
        add(hit, path)
        entries.get(key)!.count = count
      }
    }
  }

  const list = [...entries.values()].sort(
    (a, b) => order[a.kind] - order[b.kind] || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)
  )
  const used = new Set(list.filter((e) => e.kind === 'override').map((e) => e.from))
  return {
    edition,
    characters,
    entries: list,
    unusedOverrides: book.overrides
      .filter((entry) => !used.has(entry.from))
      .map((entry) => `${entry.path}:${entry.line}: ${entry.from}`)
  }
}

/**
 * Write the report as Markdown (to read) and JSON (for tools).
 *
 * @param report
 *   The report.
 * @returns
 *   Files under `reports/`.
 */
export function renderReport(report: ConversionReport): OutputFile[] {
  const base = `reports/conversion-${report.edition}`
  return [
    {path: `${base}.json`, data: JSON.stringify(report, null, 2) + '\n'},
    {path: `${base}.md`, data: reportMarkdown(report)}
  ]
}

const headings: Record<ReportEntry['kind'], string> = {
  override: 'Overrides applied (editor’s dictionary, matched before OpenCC)',
  zhbook: 'zhbook vocabulary: Taiwan words replaced by current mainland words (zhbook’s own table)',
  vocabulary: 'Vocabulary: Taiwan words replaced by mainland words (OpenCC TWPhrasesRev)',
  phrase: 'Phrases: characters chosen by context (OpenCC TSPhrases)'
}

function reportMarkdown(report: ConversionReport): string {
  const lines = [
    `# Conversion report: ${report.edition}`,
    '',
    `${report.entries.length} distinct phrase-level changes and overrides; ` +
      `${report.characters} single-character conversions (not listed).`,
    ''
  ]

  for (const kind of ['override', 'zhbook', 'vocabulary', 'phrase'] as const) {
    const rows = report.entries.filter((entry) => entry.kind === kind)
    lines.push(`## ${headings[kind]}`, '')
    if (rows.length === 0) {
      lines.push('None.', '')
      continue
    }

    lines.push(
      `| From | To | Count | First | Context |${kind === 'override' ? ' Entry |' : ''}`,
      `| --- | --- | --: | --- | --- |${kind === 'override' ? ' --- |' : ''}`
    )
    for (const row of rows) {
      const cells = [row.from, row.to, String(row.count), row.first, row.context]
      if (kind === 'override') cells.push(row.entry ?? '')
      lines.push(`| ${cells.map(cell).join(' | ')} |`)
    }

    lines.push('')
  }

  lines.push('## Unused overrides', '')
  if (report.unusedOverrides.length === 0) lines.push('None.')
  for (const entry of report.unusedOverrides) lines.push(`- ${markdownText(entry)}`)
  return lines.join('\n') + '\n'
}

/** Escape a table cell. */
function cell(value: string): string {
  return markdownText(value).replace(/\n/g, ' ')
}

/**
 * Escape quoted text so every Markdown viewer shows it as text: HTML as
 * character references, inline syntax with a backslash.
 *
 * @param value
 *   Text.
 * @returns
 *   Markdown of the text.
 */
export function markdownText(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
}
