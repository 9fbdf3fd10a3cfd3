/**
 * A lock file, so that processes started together (parallel test workers, two builds) derive the
 * dictionary's index once: the others wait, then read what the first wrote.
 */
import fs from 'node:fs/promises'
import {setTimeout as sleep} from 'node:timers/promises'

/** Options of `withLock`. */
export interface LockOptions {
  /** Age after which a lock is taken to be left by a crashed process, in ms (default: `30_000`). */
  readonly stale?: number | undefined
  /** Time to wait at most before going on without the lock, in ms (default: `60_000`). */
  readonly timeout?: number | undefined
  /** Time between two tries, in ms (default: `50`). */
  readonly interval?: number | undefined
}

/**
 * Run a task holding a lock file (made with `O_EXCL`, removed afterwards).
 *
 * The lock only saves work: when it cannot be had (a read-only folder, a lock held too long), the
 * task runs without it, since whatever it writes is written atomically anyway.
 *
 * @param file
 *   Lock file; its folder must exist.
 * @param task
 *   Task; it is told whether it waited for another holder (then what that holder made may now be
 *   there).
 * @param options
 *   Configuration (optional).
 * @returns
 *   What the task returns.
 */
export async function withLock<T>(
  file: string,
  task: (waited: boolean) => Promise<T>,
  options: LockOptions = {}
): Promise<T> {
  const stale = options.stale ?? 30_000
  const deadline = Date.now() + (options.timeout ?? 60_000)
  let waited = false

  for (;;) {
    try {
      await (await fs.open(file, 'wx')).close()
      break
    } catch (error) {
      if (!isExists(error) || Date.now() > deadline) return task(waited)
    }

    const stats = await fs.stat(file).catch(() => undefined)
    if (stats && Date.now() - stats.mtimeMs > stale) {
      await fs.rm(file, {force: true})
    } else {
      waited = true
      await sleep(options.interval ?? 50)
    }
  }

  try {
    return await task(waited)
  } finally {
    await fs.rm(file, {force: true})
  }
}

/** Whether an error says a file exists. */
function isExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST'
}
