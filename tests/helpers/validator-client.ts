/**
 * The validator pool as the tests see it: the run's shared pool, over the
 * socket its global setup opened (`validators-setup.ts`), or, outside a
 * Vitest run, a pool of this process.
 */
import http from 'node:http'
import {inject} from 'vitest'
import {type JavaRun, ValidatorPool} from './validator-pool.js'

export type {JavaRun} from './validator-pool.js'

let local: ValidatorPool | undefined

/**
 * Run epubcheck's command line on an EPUB (once per distinct EPUB in a run).
 *
 * @param file
 *   Absolute path of the `.epub`.
 * @returns
 *   What it printed.
 */
export async function epubcheckRun(file: string): Promise<JavaRun> {
  const socket = pool()
  return typeof socket === 'string' ? request(socket, '/epubcheck', {file}) : socket.epubcheck(file)
}

/**
 * Run `java` once a JVM slot of the run is free.
 *
 * @param args
 *   Arguments of `java`.
 * @returns
 *   What it printed.
 */
export async function javaRun(args: readonly string[]): Promise<JavaRun> {
  const socket = pool()
  return typeof socket === 'string' ? request(socket, '/java', {args}) : socket.java(args)
}

/** The run's socket, or a pool of this process. */
function pool(): string | ValidatorPool {
  let socket: string | undefined
  try {
    socket = inject('validators')
  } catch {}

  if (socket) return socket
  local ??= new ValidatorPool()
  return local
}

/**
 * Send a request to the pool.
 *
 * @param socket
 *   Path of its socket.
 * @param route
 *   `/epubcheck` or `/java`.
 * @param body
 *   Request.
 * @returns
 *   What the run printed.
 */
async function request(socket: string, route: string, body: unknown): Promise<JavaRun> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({socketPath: socket, path: route, method: 'POST'}, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        if (response.statusCode === 200) resolve(JSON.parse(text) as JavaRun)
        else reject(new Error('Unexpected failure of the validator pool:\n' + text))
      })
    })
    outgoing.on('error', reject)
    outgoing.end(JSON.stringify(body))
  })
}
