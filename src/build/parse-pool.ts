/**
 * Chapters read on worker threads, under a time budget: the parser
 * (micromark) can take minutes on a small hostile input, and only a thread
 * of its own can be stopped while it runs. The pool also reads chapters side
 * by side, while the main thread runs the stages of those already read.
 *
 * The pool lives as long as its build session (`BuildSession.readers`):
 * watch mode keeps its threads warm from one build to the next.
 */
import os from 'node:os'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'
import {Worker} from 'node:worker_threads'
import {VFileMessage} from 'vfile-message'
import type {ReadAnswer, ReadRequest} from './parse-worker.js'
import type {ChapterText, ParsedChapter} from './read-chapter.js'
import {runsFromSources} from '../core/package-root.js'

/** Options of a pool. */
export interface ReadPoolOptions {
  /**
   * Most threads (optional, default: one fewer than the machine's cores, as
   * the build's own thread runs the stages meanwhile; at least 1, at most 4).
   */
  readonly size?: number | undefined
}

/**
 * A thread that read a chapter longer than this (UTF-16 units) is stopped
 * after it: its heap grew to a few times the chapter's tree (a 50 MB chapter:
 * about a gigabyte), which V8 does not give back soon.
 */
export const retireLength = 1024 * 1024

/** A chapter waiting for a thread, or being read. */
interface Job {
  chapter: ChapterText
  seconds: number
  resolve: (parsed: ParsedChapter) => undefined
}

/** A thread and what it reads now. */
interface Reader {
  worker: Worker
  /** Whether its modules are loaded. */
  ready: boolean
  job?: {id: number; job: Job; timer: NodeJS.Timeout; started: number} | undefined
}

/** Threads that read chapters, each under a time budget. */
export class ReadPool {
  readonly #size: number
  readonly #readers: Reader[] = []
  readonly #queue: Job[] = []
  #next = 0
  #closed = false

  /**
   * Make a pool; threads start on the first chapters.
   *
   * @param options
   *   Options (optional).
   */
  constructor(options: ReadPoolOptions = {}) {
    this.#size = Math.max(1, options.size ?? Math.min(os.availableParallelism() - 1, 4))
  }

  /**
   * How many threads are running (started or starting).
   *
   * @returns
   *   Count.
   */
  get threads(): number {
    return this.#readers.length
  }

  /**
   * Read a chapter on a thread of the pool.
   *
   * @param chapter
   *   The chapter.
   * @param seconds
   *   Time budget once a thread takes the chapter, in seconds: past it the
   *   thread is stopped, and the answer is `{timeout: seconds}`.
   * @returns
   *   What reading gave.
   */
  read(chapter: ChapterText, seconds: number): Promise<ParsedChapter> {
    if (this.#closed) return Promise.reject(new Error('Unexpected read on a closed pool, expected an open one'))
    return new Promise((resolve) => {
      this.#queue.push({
        chapter,
        seconds,
        resolve(parsed) {
          resolve(parsed)
        }
      })
      this.#dispatch()
    })
  }

  /**
   * Stop every thread; chapters still waiting are answered as failures.
   *
   * @returns
   *   Nothing.
   */
  async close(): Promise<undefined> {
    this.#closed = true
    for (const job of this.#queue.splice(0)) job.resolve({failure: 'the build was stopped'})
    const readers = this.#readers.splice(0)
    for (const reader of readers) {
      if (reader.job) {
        clearTimeout(reader.job.timer)
        reader.job.job.resolve({failure: 'the build was stopped'})
      }
    }

    await Promise.all(readers.map((reader) => reader.worker.terminate()))
    return undefined
  }

  /** Give waiting chapters to idle threads, starting threads up to the size. */
  #dispatch(): undefined {
    for (const reader of this.#readers) {
      if (this.#queue.length === 0) break
      if (reader.ready && !reader.job) this.#assign(reader, this.#queue.shift()!)
    }

    // Threads for what still waits; each takes a chapter once ready.
    const starting = this.#readers.filter((reader) => !reader.ready).length
    let missing = Math.min(this.#queue.length - starting, this.#size - this.#readers.length)
    while (missing-- > 0) this.#start()
    // A thread starting or at work keeps the process alive; an idle one does not.
    for (const reader of this.#readers) {
      if (reader.ready && !reader.job) reader.worker.unref()
      else reader.worker.ref()
    }

    return undefined
  }

  /** Start a thread. */
  #start(): Reader {
    const reader: Reader = {worker: spawn(), ready: false}
    reader.worker.on('message', (answer: ReadAnswer | 'ready') => {
      if (answer === 'ready') {
        reader.ready = true
        this.#dispatch()
        return
      }

      const current = reader.job
      if (!current || current.id !== answer.id) return
      clearTimeout(current.timer)
      reader.job = undefined
      // A thread whose heap grew to hold a long chapter's tree keeps that
      // memory: it is stopped, and a fresh one starts when needed.
      if (current.job.chapter.value.length > retireLength) {
        this.#readers.splice(this.#readers.indexOf(reader), 1)
        void reader.worker.terminate()
      }

      // An answer that comes after the budget ran out is a time-out, as the
      // timer would have said had this thread been free to run it: which of
      // the two this thread sees first must not decide.
      const late = performance.now() - current.started > current.job.seconds * 1000
      current.job.resolve(late ? {timeout: current.job.seconds} : revive(answer.parsed))
      this.#dispatch()
    })
    // A thread that dies (out of memory, say) fails its chapter only.
    // One that cannot start fails what waits: another would fail the same way.
    reader.worker.on('error', (cause) => {
      if (!reader.ready) {
        for (const job of this.#queue.splice(0)) job.resolve({failure: String(cause)})
      }

      this.#replace(reader, {failure: String(cause)})
    })
    reader.worker.on('exit', () => {
      if (this.#readers.includes(reader)) this.#replace(reader, {failure: 'the reading thread stopped'})
    })
    this.#readers.push(reader)
    return reader
  }

  /** Give a chapter to a thread, with its budget. */
  #assign(reader: Reader, job: Job): undefined {
    const id = this.#next++
    const timer = setTimeout(() => {
      this.#replace(reader, {timeout: job.seconds})
    }, job.seconds * 1000)
    reader.job = {id, job, timer, started: performance.now()}
    reader.worker.postMessage({id, chapter: job.chapter} satisfies ReadRequest)
    return undefined
  }

  /** Stop a thread, answer its chapter, and go on with the others. */
  #replace(reader: Reader, parsed: ParsedChapter): undefined {
    const index = this.#readers.indexOf(reader)
    if (index === -1) return
    this.#readers.splice(index, 1)
    const current = reader.job
    reader.job = undefined
    void reader.worker.terminate()
    if (current) {
      clearTimeout(current.timer)
      current.job.resolve(parsed)
    }

    this.#dispatch()
    return undefined
  }
}

/**
 * The worker's code bundled from its TypeScript source, made once when zhbook
 * runs from its sources (its tests), where no compiled worker exists and
 * Node 20 does not apply a TypeScript loader to a worker's modules.
 */
let sourceBundle: string | undefined

/**
 * Start a reading thread: the compiled worker beside this module (in
 * `dist/build/`, or the bundled command's own entry in `dist/bin/`, beside
 * its chunks), or, when zhbook runs from its TypeScript sources, the source
 * bundled by esbuild (a development tool).
 */
function spawn(): Worker {
  if (!runsFromSources(import.meta.url)) return new Worker(new URL('./parse-worker.js', import.meta.url))
  if (sourceBundle === undefined) {
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild')
    const bundled = esbuild.buildSync({
      entryPoints: [fileURLToPath(new URL('./parse-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent'
    })
    sourceBundle = bundled.outputFiles[0]!.text
  }

  return new Worker(sourceBundle, {eval: true})
}

/** An answer with its messages made `VFileMessage`s again. */
function revive(parsed: ReadAnswer['parsed']): ParsedChapter {
  if (!('tree' in parsed)) return parsed
  return {
    tree: parsed.tree as Extract<ParsedChapter, {tree: unknown}>['tree'],
    messages: parsed.messages.map((fields) => Object.assign(new VFileMessage(String(fields.reason)), fields))
  }
}
