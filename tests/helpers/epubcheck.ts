/**
 * Run epubcheck (the W3C EPUB validator) on a file and read its verdict.
 *
 * epubcheck is a Java program: Debian's `epubcheck` package installs the jar
 * at `/usr/share/java/epubcheck.jar` (its `/usr/bin/epubcheck` link does not
 * run as a script). Set `EPUBCHECK_JAR` to use another jar. A missing Java or
 * jar is an error, never a pass.
 */
import {spawn} from 'node:child_process'
import {access} from 'node:fs/promises'

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

const defaultJar = '/usr/share/java/epubcheck.jar'

/**
 * JVM flags: epubcheck is short-lived, so the quick tier-1 JIT and the serial
 * collector cut its start-up time.
 */
const jvmFlags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']

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
  const jar = process.env.EPUBCHECK_JAR || defaultJar

  try {
    await access(jar)
  } catch {
    throw new Error(
      'Cannot find epubcheck at `' + jar + '`: install it (`apt-get install epubcheck`) or set `EPUBCHECK_JAR`'
    )
  }

  const {code, stdout, stderr} = await run('java', [...jvmFlags, '-jar', jar, file])
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
 * Validate several EPUBs, concurrently (epubcheck checks one file per run).
 *
 * @param files
 *   Paths of `.epub` files.
 * @returns
 *   One result per file, in the same order.
 */
export async function epubcheckMany(files: readonly string[]): Promise<EpubcheckResult[]> {
  return Promise.all(files.map((file) => epubcheck(file)))
}

/**
 * Run a command and collect its output.
 *
 * @param command
 *   Program.
 * @param args
 *   Arguments.
 * @returns
 *   Exit code and output.
 */
async function run(
  command: string,
  args: readonly string[]
): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error('Cannot run `' + command + '`: epubcheck needs Java (`apt-get install default-jre-headless`)')
          : error
      )
    })
    child.on('close', (code) => {
      resolve({code, stdout, stderr})
    })
  })
}
