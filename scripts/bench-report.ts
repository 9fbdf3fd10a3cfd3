/**
 * What the benchmark scripts share: medians, the command of a built clone,
 * and writing one section of BENCHMARKS.md.
 */
import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Median of numbers (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

/** A built clone: where it is, its command, its commit. */
export interface Clone {
  dir: string
  command: string
  label: string
}

/**
 * The command of a built clone: bundled (`dist/bin/zhbook.js`), compiled
 * (`dist/cli/main.js`), or as before the redesign's layout (`dist/cli.js`).
 */
export function builtClone(dir: string): Clone {
  const entries = ['dist/bin/zhbook.js', 'dist/cli/main.js', 'dist/cli.js'].map((file) => path.join(dir, file))
  const command = entries.find((file) => fs.existsSync(file))
  if (!command) throw new Error(`Missing the command in ${dir}: build it first (make)`)
  const label = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], {encoding: 'utf8'}).trim()
  return {dir, command, label}
}

/**
 * Replace one section of BENCHMARKS.md (from its `## title` to the next
 * `## `), or add it at the end; the rest is kept.
 *
 * @param title
 *   The section's heading, without `## `.
 * @param lines
 *   The section, from its heading line on.
 */
export function writeSection(title: string, lines: readonly string[]): undefined {
  const file = path.join(root, 'BENCHMARKS.md')
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = current.indexOf(`\n## ${title}\n`)
  const next = start === -1 ? -1 : current.indexOf('\n## ', start + 1)
  const head = (start === -1 ? current : current.slice(0, start)).trimEnd()
  const tail = next === -1 ? '' : current.slice(next)
  fs.writeFileSync(file, `${head}\n\n${lines.join('\n')}${tail}`)
  return undefined
}
