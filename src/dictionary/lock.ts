/** A lock file, so processes started together derive the dictionary's index once. */
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
 * Run a task holding a lock file (`O_EXCL`). The lock only saves work: without it (a read-only
 * folder, a lock held too long) the task runs anyway, as it writes atomically.
 *
 * @param file
 *   Lock file; its folder must exist.
 * @param task
 *   Task; told whether it waited for another holder (whose work may now be there).
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

function isExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST'
}
