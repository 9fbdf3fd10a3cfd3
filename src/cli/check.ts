/** `zhbook check [PATH] [--fix]`: the script check of a Traditional manuscript or one text file. */
import fs from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {applyFixes, checkFile, isTraditional, reportMixedVocabulary, type Fix} from '../check/check.js'
import {formatMessages} from '../core/diagnostics.js'
import {loadProject} from '../load/project.js'

/**
 * Run the check command.
 *
 * @param target
 *   Manuscript folder, or a text or Markdown file.
 * @param options
 *   `fix`: apply the fixes that have one answer.
 * @returns
 *   Exit code: 0 when nothing is found, 1 when something is (or the
 *   manuscript cannot be read).
 */
export async function checkCommand(target: string, options: {fix?: boolean}): Promise<number> {
  const files = await textsOf(target)
  if (!files) return 1
  let fixed = 0
  const checked = files.map((file) => ({file, ...checkFile(file, {markdown: file.extname === '.md'})}))
  if (options.fix) {
    for (const {file, fixes} of checked) {
      if (fixes.length === 0) continue
      await fs.writeFile(file.path, applyFixes(String(file.value), fixes))
      for (const fix of fixes) console.log(describe(file, fix))
      fixed += fixes.length
    }

    // What is left is checked again on the fixed text.
    if (fixed > 0) {
      console.log(`fixed ${fixed} (each with one answer); what is left:`)
      return checkCommand(target, {})
    }
  }

  const counts = reportMixedVocabulary(checked)
  const fixable = checked.reduce((sum, {fixes}) => sum + fixes.length, 0)
  const lines = formatMessages(checked.map(({file}) => file))
  for (const line of lines) console.log(line)
  console.log(
    `${lines.length} problem${lines.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}` +
      ` (vocabulary: ${counts.mainland} mainland, ${counts.taiwan} Taiwan words)` +
      (fixable > 0 ? `; ${fixable} with one answer, which \`zhbook check --fix\` applies` : '')
  )
  return lines.length > 0 ? 1 : 0
}

/** The texts to check: a file, or a manuscript's chapters (`undefined` when it cannot be read, reported). */
async function textsOf(target: string): Promise<VFile[] | undefined> {
  const stats = await fs.stat(target).catch(() => undefined)
  if (stats?.isFile()) return [new VFile({path: path.resolve(target), value: await fs.readFile(target, 'utf8')})]
  const loaded = await loadProject(target)
  if (!loaded.project) {
    for (const line of formatMessages(loaded.files)) console.error(line)
    console.error('zhbook: check failed: the manuscript could not be read')
    return undefined
  }

  if (!isTraditional(loaded.project.meta.language)) {
    console.log(`nothing to check: the manuscript is in ${loaded.project.meta.language}, not Traditional Chinese`)
    return []
  }

  return loaded.project.chapters.map(
    (chapter) => new VFile({path: chapter.file.path, value: String(chapter.file.value)})
  )
}

/** A fix as a line: `file:line:col: fixed X → Y [rule]`. */
function describe(file: VFile, fix: Fix): string {
  const name = path.relative(process.cwd(), file.path)
  return `${name}:${fix.place.line}:${fix.place.column}: fixed \`${fix.actual}\` → \`${fix.expected}\` [${fix.ruleId}]`
}
