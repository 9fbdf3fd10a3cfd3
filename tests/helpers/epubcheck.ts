/**
 * Run epubcheck (the W3C EPUB validator) on a file and read its verdict.
 *
 * epubcheck is a Java program: Debian's `epubcheck` package installs the jar
 * at `/usr/share/java/epubcheck.jar` (its `/usr/bin/epubcheck` link does not
 * run as a script). Set `EPUBCHECK_JAR` to use another jar. A missing Java or
 * jar is an error, never a pass.
 *
 * The checks of a test run share a few JVMs and are made once per distinct
 * EPUB (`validator-pool.ts`).
 */
import path from 'node:path'
import {epubcheckRun} from './validator-client.js'

/** epubcheck's verdict on one file. */
export interface EpubcheckResult {
  /** Fatal errors plus errors. */
  errors: number
  /** Warnings. */
  warnings: number
  /** The `FATAL(…)`, `ERROR(…)` and `WARNING(…)` lines. */
  messages: string[]
  /** Everything epubcheck printed (stdout, then stderr). */
  output: string
}

const summaryExpression = /Messages:\s*(\d+)\s+fatals?\s*\/\s*(\d+)\s+errors?\s*\/\s*(\d+)\s+warnings?/

/**
 * Validate one EPUB with epubcheck.
 *
 * @param file
 *   Path of the `.epub`.
 * @returns
 *   Counts, messages and raw output.
 */
export async function epubcheck(file: string): Promise<EpubcheckResult> {
  const {code, stdout, stderr} = await epubcheckRun(path.resolve(file))
  const output = stdout + stderr
  const messages = output.split('\n').filter((line) => /^(?:FATAL|ERROR|WARNING)\(/.test(line))
  const summary = summaryExpression.exec(output)

  if (summary) {
    return {
      errors: Number(summary[1]) + Number(summary[2]),
      warnings: Number(summary[3]),
      messages,
      output
    }
  }

  // A clean run prints no `Messages:` tally, only this line.
  if (code === 0 && /No errors or warnings detected/.test(output)) {
    return {errors: 0, warnings: 0, messages, output}
  }

  throw new Error('Unexpected epubcheck output (exit code ' + code + '), expected a summary:\n' + output)
}

/**
 * Validate several EPUBs (queued for the run's epubcheck JVMs).
 *
 * @param files
 *   Paths of `.epub` files.
 * @returns
 *   One result per file, in the same order.
 */
export async function epubcheckMany(files: readonly string[]): Promise<EpubcheckResult[]> {
  return Promise.all(files.map((file) => epubcheck(file)))
}
