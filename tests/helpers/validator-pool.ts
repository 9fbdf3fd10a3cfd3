/**
 * The Java validators of the test suite (epubcheck, the Nu HTML Checker),
 * shared by every test file of a run: at most one JVM at work per core, and
 * each distinct EPUB checked once.
 *
 * epubcheck runs in long-lived JVMs (`EpubcheckServer.java`), started when
 * first needed, one more while requests wait, up to the number of slots:
 * starting a JVM and loading epubcheck costs about 4 s of CPU, a check in a
 * warm one a tenth of that. Results are kept by the file's bytes and name.
 *
 * Vitest runs test files in worker processes, so the pool lives in the main
 * process (`validators-setup.ts`) and workers reach it over a socket
 * (`validator-client.ts`).
 */
import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {access, readFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/** What a Java run printed. */
export interface JavaRun {
  /** Exit code (`null` when killed). */
  code: number | null
  /** Standard output. */
  stdout: string
  /** Standard error. */
  stderr: string
}

/** Flags for a short-lived JVM: the quick tier-1 JIT and the serial collector cut start-up. */
export const jvmFlags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']

const defaultJar = '/usr/share/java/epubcheck.jar'
const server = path.join(import.meta.dirname, 'EpubcheckServer.java')

/**
 * Number of JVMs at work at once: `ZHBOOK_TEST_JVMS`, or one per core.
 *
 * @returns
 *   Slots.
 */
export function jvmSlots(): number {
  return Math.max(1, Number(process.env.ZHBOOK_TEST_JVMS) || os.availableParallelism())
}

/** A counting semaphore. */
class Slots {
  #free: number
  readonly #waiting: Array<() => void> = []

  constructor(count: number) {
    this.#free = count
  }

  /** Wait for a free slot; call the returned function to give it back. */
  async take(): Promise<() => void> {
    if (this.#free > 0) this.#free--
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    let given = false
    return () => {
      if (given) return
      given = true
      const next = this.#waiting.shift()
      if (next) next()
      else this.#free++
    }
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length
  }
}

/** One long-lived epubcheck JVM, answering one file at a time. */
class EpubcheckProcess {
  readonly #child: ChildProcessWithoutNullStreams
  #buffer = Buffer.alloc(0)
  #pending: {resolve: (run: JavaRun) => void; reject: (error: Error) => void} | undefined
  #stderr = ''
  #failure: Error | undefined
  readonly #closed: Promise<void>
  /** Whether it answered once (it started). */
  answered = false

  constructor(jar: string) {
    let ended = () => {}
    this.#closed = new Promise((resolve) => {
      ended = resolve
    })
    this.#child = spawn('java', [...jvmFlags, '-cp', jar, server], {stdio: ['pipe', 'pipe', 'pipe']})
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk])
      this.#read()
    })
    this.#child.stderr.setEncoding('utf8')
    this.#child.stderr.on('data', (chunk: string) => {
      this.#stderr += chunk
    })
    // Writing to a JVM that is gone fails; the `close` event says why.
    this.#child.stdin.on('error', () => {})
    this.#child.on('error', (error: NodeJS.ErrnoException) => {
      this.#fail(
        error.code === 'ENOENT'
          ? new Error('Cannot run `java`: epubcheck needs Java (`apt-get install default-jre-headless`)')
          : error
      )
      ended()
    })
    this.#child.on('close', (code) => {
      this.#fail(new Error('Unexpected end of the epubcheck JVM (exit code ' + code + '):\n' + this.#stderr))
      ended()
    })
  }

  /** Whether the JVM is gone. */
  get dead(): boolean {
    return this.#failure !== undefined
  }

  /**
   * Check one file.
   *
   * @param file
   *   Path of the EPUB.
   * @returns
   *   What epubcheck's command line printed for it.
   */
  async check(file: string): Promise<JavaRun> {
    if (this.#failure) throw this.#failure
    if (this.#pending) throw new Error('Unexpected request to a busy epubcheck JVM')
    return new Promise<JavaRun>((resolve, reject) => {
      this.#pending = {resolve, reject}
      this.#child.stdin.write(file + '\n')
    })
  }

  /**
   * Stop the JVM (it ends when its input does).
   *
   * @returns
   *   Once it ended.
   */
  async stop(): Promise<void> {
    this.#child.stdin.end()
    await this.#closed
  }

  /** Take an answer off the buffer once it is whole. */
  #read(): void {
    const end = this.#buffer.indexOf(0x0a)
    if (end === -1) return
    const header = /^(-?\d+) (\d+) (\d+)$/.exec(this.#buffer.subarray(0, end).toString('utf8'))
    if (!header) {
      this.#fail(new Error('Unexpected answer from the epubcheck JVM: ' + this.#buffer.toString('utf8', 0, 200)))
      return
    }

    const outLength = Number(header[2])
    const errLength = Number(header[3])
    if (this.#buffer.byteLength < end + 1 + outLength + errLength) return
    const body = this.#buffer.subarray(end + 1)
    const run: JavaRun = {
      code: Number(header[1]),
      stdout: body.toString('utf8', 0, outLength),
      stderr: body.toString('utf8', outLength, outLength + errLength)
    }
    this.#buffer = Buffer.from(body.subarray(outLength + errLength))
    const pending = this.#pending
    this.#pending = undefined
    this.answered = true
    pending?.resolve(run)
  }

  #fail(error: Error): void {
    this.#failure ??= error
    const pending = this.#pending
    this.#pending = undefined
    pending?.reject(this.#failure)
  }
}

/** The validators of one test run. */
export class ValidatorPool {
  readonly #slots: Slots
  readonly #idle: EpubcheckProcess[] = []
  readonly #all: EpubcheckProcess[] = []
  /** Results by the file's bytes and name, with the path they were made for. */
  readonly #results = new Map<string, Promise<{file: string; run: JavaRun}>>()

  /** Set when a JVM could not run `EpubcheckServer.java`: one JVM per file then. */
  #oneShot = false

  constructor(size = jvmSlots()) {
    this.#slots = new Slots(size)
  }

  /**
   * Run epubcheck's command line on an EPUB, or give the result of an EPUB
   * with the same bytes and name (its path replaced by this one).
   *
   * @param file
   *   Absolute path of the `.epub`.
   * @returns
   *   What epubcheck printed.
   */
  async epubcheck(file: string): Promise<JavaRun> {
    if (/[\r\n]/.test(file)) throw new Error('Unexpected line break in `' + file + '`, expected a path on one line')
    const jar = process.env.EPUBCHECK_JAR || defaultJar

    try {
      await access(jar)
    } catch {
      throw new Error(
        'Cannot find epubcheck at `' + jar + '`: install it (`apt-get install epubcheck`) or set `EPUBCHECK_JAR`'
      )
    }

    const key = createHash('sha256')
      .update(await readFile(file))
      .update('\0' + path.basename(file) + '\0' + jar)
      .digest('hex')
    let result = this.#results.get(key)

    if (!result) {
      result = this.#check(jar, file).then((run) => ({file, run}))
      this.#results.set(key, result)
      // A check that did not run is tried again next time.
      result.catch(() => this.#results.delete(key))
    }

    const {file: checked, run} = await result
    if (checked === file) return run
    return {code: run.code, stdout: run.stdout.replaceAll(checked, file), stderr: run.stderr.replaceAll(checked, file)}
  }

  /**
   * Run `java` with arguments once a slot is free (for the Nu HTML Checker,
   * which checks all its files in one run).
   *
   * @param args
   *   Arguments of `java`.
   * @returns
   *   What it printed.
   */
  async java(args: readonly string[]): Promise<JavaRun> {
    const release = await this.#slots.take()
    try {
      return await run('java', args)
    } finally {
      release()
    }
  }

  /**
   * Stop every JVM.
   *
   * @returns
   *   Once they ended.
   */
  async close(): Promise<void> {
    const all = this.#all.splice(0)
    this.#idle.length = 0
    await Promise.all(all.map(async (process) => process.stop()))
  }

  /** Check a file in a JVM of the pool, once a slot is free. */
  async #check(jar: string, file: string): Promise<JavaRun> {
    const release = await this.#slots.take()

    try {
      if (this.#oneShot) return await run('java', [...jvmFlags, '-jar', jar, file])
      // Never more JVMs than slots: a new one only when every other is at work.
      let process = this.#idle.pop()
      while (process?.dead) process = this.#idle.pop()
      process ??= this.#start(jar)

      try {
        const result = await process.check(file)
        this.#idle.push(process)
        return result
      } catch (error) {
        if (process.answered) throw error
        // A Java runtime without its compiler cannot run a source file:
        // check each file with epubcheck's own command line instead.
        this.#oneShot = true
        return await run('java', [...jvmFlags, '-jar', jar, file])
      }
    } finally {
      release()
    }
  }

  /** Start an epubcheck JVM. */
  #start(jar: string): EpubcheckProcess {
    const process = new EpubcheckProcess(jar)
    this.#all.push(process)
    return process
  }
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
async function run(command: string, args: readonly string[]): Promise<JavaRun> {
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
          ? new Error('Cannot run `' + command + '`: install Java (`apt-get install default-jre-headless`)')
          : error
      )
    })
    child.on('close', (code) => {
      resolve({code, stdout, stderr})
    })
  })
}
