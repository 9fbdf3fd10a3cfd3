/**
 * Run the Nu HTML Checker (npm `vnu-jar`) on files, once for all of them: each
 * run starts a JVM, which costs seconds, so callers collect their files first.
 * The run waits for a free JVM slot of the test run (`validator-pool.ts`).
 */
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {javaRun} from './validator-client.js'

/** One message of the checker. */
export interface VnuMessage {
  /** Path of the file the message is about. */
  file: string
  /** `error`, `info` or `non-document-error`. */
  type: string
  /** `warning` for warnings (`info` messages), `fatal`, `io` … (optional). */
  subType?: string
  /** The message. */
  message: string
  /** 1-based line (optional). */
  line?: number
}

/** Result of a run. */
export interface VnuResult {
  /** Errors, including files the checker could not read. */
  errors: number
  /** Warnings (`info` messages with subType `warning`). */
  warnings: number
  /** Every message, including plain `info`. */
  messages: VnuMessage[]
}

/** A message as the checker writes it with `--format json`. */
interface RawMessage {
  type: string
  subType?: string
  url?: string
  message?: string
  lastLine?: number
  firstLine?: number
}

/**
 * Extensions the checker reads, and the flag each needs. The checker skips
 * other files, and files that do not exist, without a word: the helper refuses
 * them itself rather than report them as clean.
 */
const kinds: Readonly<Record<string, string | undefined>> = {
  '.html': undefined,
  '.htm': undefined,
  '.xhtml': undefined,
  '.css': '--also-check-css',
  '.svg': '--also-check-svg'
}

/**
 * Check files with the Nu HTML Checker.
 *
 * `.css` and `.svg` files are checked too (`--also-check-css`,
 * `--also-check-svg`). Nothing is filtered: every error and warning counts.
 *
 * @param files
 *   Paths of the files to check.
 * @returns
 *   Counts and messages.
 * @throws
 *   When Java or the jar is missing, or the checker's output is not its JSON
 *   report: a check that did not run must not pass.
 */
export async function vnu(files: string[]): Promise<VnuResult> {
  if (files.length === 0) {
    throw new Error('Unexpected empty list of files, expected files to check')
  }

  const flags = new Set<string>()

  for (const file of files) {
    const extension = path.extname(file).toLowerCase()

    if (!(extension in kinds)) {
      throw new Error(
        'Unexpected file `' +
          file +
          '`, expected `.html`, `.htm`, `.xhtml`, `.css` or `.svg`: the checker skips other files silently'
      )
    }

    if (!existsSync(file)) {
      throw new Error('Cannot find `' + file + '`: the checker skips missing files silently')
    }

    const flag = kinds[extension]
    if (flag) flags.add(flag)
  }

  const jar = jarPath()
  const java = spawnSync('java', ['-version'], {encoding: 'utf8'})

  if (java.error || java.status !== 0) {
    throw new Error(
      'Cannot run `java -version` (' +
        (java.error?.message ?? java.stderr) +
        '): the Nu HTML Checker needs Java 11 or later (Debian: `apt-get install default-jre-headless`)'
    )
  }

  const args = [
    // C1-only code (`TieredStopAtLevel=1`, which halves start-up) uses bigger
    // stack frames: with the default 1 MB stack the checker's schema
    // evaluation overflows ("StackOverflowError while evaluating HTML
    // schema") and exits without a report.
    '-Xss4m',
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-jar',
    jar,
    '--format',
    'json',
    '--exit-zero-always',
    ...flags,
    ...files
  ]

  const {code, stdout, stderr} = await javaRun(args)
  if (code !== 0) {
    throw new Error('Unexpected exit code ' + code + ' of the Nu HTML Checker, expected 0:\n' + stderr.slice(0, 2000))
  }

  const report = parseReport(stderr.trim() || stdout.trim())
  const messages = report.map((raw): VnuMessage => {
    const message: VnuMessage = {
      file: raw.url ? urlToPath(raw.url) : '',
      type: raw.type,
      message: raw.message ?? ''
    }
    if (raw.subType) message.subType = raw.subType
    const line = raw.lastLine ?? raw.firstLine
    // The checker writes line 0 when it has no line for a message.
    if (line) message.line = line
    return message
  })

  return {
    errors: messages.filter((message) => message.type === 'error' || message.type === 'non-document-error').length,
    warnings: messages.filter((message) => message.type === 'info' && message.subType === 'warning').length,
    messages
  }
}

/**
 * Find the checker's jar: the default export of `vnu-jar` is its path.
 *
 * @returns
 *   Absolute path of `vnu.jar`.
 */
function jarPath(): string {
  const require = createRequire(import.meta.url)
  let jar: string

  try {
    jar = String(require('vnu-jar'))
  } catch (error) {
    throw new Error('Cannot load the npm package `vnu-jar` (' + String(error) + '): install it as a dev dependency', {
      cause: error
    })
  }

  if (!existsSync(jar)) {
    throw new Error('Cannot find the Nu HTML Checker at `' + jar + '`: reinstall `vnu-jar`')
  }

  return jar
}

/**
 * Parse the checker's JSON report.
 *
 * @param output
 *   What the checker wrote.
 * @returns
 *   Its messages.
 */
function parseReport(output: string): RawMessage[] {
  let report: unknown

  try {
    report = JSON.parse(output)
  } catch {
    throw new Error('Unexpected output from the Nu HTML Checker, expected JSON:\n' + output.slice(0, 2000))
  }

  if (typeof report !== 'object' || report === null || !('messages' in report) || !Array.isArray(report.messages)) {
    throw new Error('Unexpected report from the Nu HTML Checker, expected `{messages: […]}`:\n' + output.slice(0, 2000))
  }

  return report.messages as RawMessage[]
}

/**
 * Turn the checker's `file:` URL back into a path.
 *
 * @param url
 *   URL, e.g. `file:/tmp/x/index.html`.
 * @returns
 *   Path, or the URL itself if it is not a `file:` URL.
 */
function urlToPath(url: string): string {
  if (!url.startsWith('file:')) return url
  // The checker writes `file:/tmp/…` (one slash), which `fileURLToPath` takes.
  return path.normalize(fileURLToPath(url))
}
