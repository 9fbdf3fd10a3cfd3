/**
 * `zhbook watch`: build, serve the web edition, rebuild on every change of
 * what the build reads, and reload the open pages.
 *
 * A failed build changes nothing on disk: the last good output stays served,
 * its messages go to the terminal and over the open pages, and watching goes
 * on until the file is fixed.
 *
 * A rebuild writes the formats that are quick first (the web edition, which
 * the open pages reload), then those that say they take long
 * (`Renderer.deferred`: the EPUBs) in the background. The next rebuild waits
 * for them, so two builds never write at once. What the session keeps between
 * builds is its `BuildSession`, disposed on `close`.
 */
import path from 'node:path'
import {watch as chokidar} from 'chokidar'
import {build, type BuildOptions, type BuildResult} from '../build/build.js'
import {BuildSession} from '../build/session.js'
import {formatMessages} from '../core/diagnostics.js'
import {startServer, type PreviewServer} from './server.js'

/** Options of `watch`. */
export interface WatchOptions {
  /** Manuscript folder. */
  input: string
  /** Output folder. */
  output: string
  /** Port of the preview server (default: 4173; 0 for any free port). */
  port?: number | undefined
  /** Host of the preview server, loopback only (default: `127.0.0.1`). */
  host?: string | undefined
  /** Folder of the chapter cache (optional: memory only without it). */
  cacheDir?: string | undefined
  /**
   * Quiet time after the last change before a rebuild, in ms (default: 10).
   * An editor's save is one write, or a write and a rename, a few ms apart;
   * a longer burst costs at most one more build (changes during a build
   * queue one more), while every ms here is a ms of every rebuild.
   */
  debounce?: number | undefined
  /** Where to print (default: the console). */
  log?: ((line: string) => void) | undefined
  /** Told each step of each build (optional: `zhbook watch` keeps the stages' clock with it). */
  onProgress?: BuildOptions['onProgress']
}

/** A running watch session. */
export interface WatchSession {
  /** The preview server. */
  server: PreviewServer
  /**
   * Resolves with the result of the next build that finishes, once its quick
   * formats are written (call it before making the change it should see);
   * its `deferred` resolves once the others are too.
   */
  nextBuild(): Promise<BuildResult | undefined>
  /** Stop watching and serving. */
  close(): Promise<void>
}

/**
 * Start watching.
 *
 * @param options
 *   Options.
 * @returns
 *   The session.
 */
export async function watch(options: WatchOptions): Promise<WatchSession> {
  const log = options.log ?? ((line: string) => console.log(line))
  const input = path.resolve(options.input)
  const output = path.resolve(options.output)
  // Entries go to disk when the editor pauses for a second (and on close),
  // not during the rebuild that made them.
  const session = new BuildSession({cacheDir: options.cacheDir, writeDelay: 1000, rebuilds: true})
  const cache = session.chapters
  const debounce = options.debounce ?? 10
  let running: Promise<BuildResult | undefined> = Promise.resolve(undefined)
  let queued = false
  let timer: NodeJS.Timeout | undefined
  let waiters: Array<(result: BuildResult | undefined) => void> = []
  /** The formats the last build left for later, once written. */
  let deferred: Promise<unknown> = Promise.resolve()
  /** Stops them: a newer change is coming, whose build writes them anyway. */
  let stopDeferred = new AbortController()

  /** Report a failure of the build itself (not of the manuscript). */
  function internalError(cause: unknown) {
    const line = `zhbook: internal error: ${cause instanceof Error ? cause.message : String(cause)}`
    log(line)
    server?.showError([line])
  }

  async function rebuild(reason: string, defer = true): Promise<BuildResult | undefined> {
    const started = performance.now()
    // The last build's slow formats are still being written: never two
    // writes at once.
    await deferred
    stopDeferred = new AbortController()
    let result: BuildResult
    try {
      result = await build({input, output, session, defer, signal: stopDeferred.signal, onProgress: options.onProgress})
    } catch (cause) {
      internalError(cause)
      const waiting = waiters
      waiters = []
      for (const resolve of waiting) resolve(undefined)
      return undefined
    }

    // The author's levels (`rules:` in book.yaml) apply here as in `zhbook build`.
    const rules = result.rules
    const lines = formatMessages(result.messages, undefined, {rules})
    for (const line of lines) log(line)
    const ms = Math.round(performance.now() - started)
    if (result.ok) {
      log(`Rebuilt (${reason}) in ${ms} ms; ${cache.stats.hits} chapters from cache`)
      server?.reload()
    } else {
      log(`Build failed (${reason}); still serving the last good build`)
      server?.showError(lines.filter((line) => line.includes(': error: ')))
    }

    cache.stats.hits = 0
    cache.stats.misses = 0
    deferred =
      result.deferred?.then(
        (late) => {
          for (const line of formatMessages(late.messages, undefined, {rules})) log(line)
          const names = late.renderers.join(', ')
          const ms = Math.round(performance.now() - started)
          log(
            late.aborted
              ? `Stopped ${names} (${reason}): a newer change follows`
              : `Rebuilt ${names} (${reason}) in ${ms} ms`
          )
        },
        (cause: unknown) => internalError(cause)
      ) ?? Promise.resolve()
    const waiting = waiters
    waiters = []
    for (const resolve of waiting) resolve(result)
    return result
  }

  function schedule(reason: string) {
    clearTimeout(timer)
    timer = setTimeout(() => {
      // The formats still being written for the last change would only be
      // written again: the web edition of this one comes first.
      stopDeferred.abort()
      // One build at a time; changes during a build queue one more.
      if (queued) return
      queued = true
      running = running.then(() => {
        queued = false
        return rebuild(reason)
      })
    }, debounce)
  }

  let server: PreviewServer | undefined
  // The first build writes everything before the server starts.
  await rebuild('start', false)
  server = await startServer({root: path.join(output, 'web'), port: options.port ?? 4173, host: options.host})
  log(`Serving ${server.url} (Ctrl-C to stop)`)

  const watcher = chokidar(input, {
    ignoreInitial: true,
    // Editors' swap and backup files are not input, nor the book's cache.
    ignored: (file) =>
      /(?:^|[/\\])(?:\.#|#.*#$|.*~$|.*\.sw[px]$|\.git$|node_modules$|\.zhbook-cache$)/.test(file) ||
      file.startsWith(output + path.sep)
  })
  watcher.on('all', (event, file) => schedule(`${event} ${path.relative(input, file)}`))
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  // Changes before this line are not seen: scripts wait for it.
  log(`Watching ${path.relative(process.cwd(), input) || '.'} for changes`)

  return {
    server,
    nextBuild: () => new Promise((resolve) => waiters.push(resolve)),
    async close() {
      clearTimeout(timer)
      await watcher.close()
      await running
      await deferred
      await session.dispose()
      await server!.close()
    }
  }
}
