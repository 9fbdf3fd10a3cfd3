/**
 * Global setup of the test run: the shared validator pool
 * (`validator-pool.ts`), served to the test files' worker processes over a
 * Unix socket (`validator-client.ts` is the other end).
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type {TestProject} from 'vitest/node'
import {ValidatorPool} from './validator-pool.js'

declare module 'vitest' {
  interface ProvidedContext {
    /** Socket of the validator pool. */
    validators: string
  }
}

/**
 * Start the pool and its socket.
 *
 * @param project
 *   The test project (to hand the socket's path to the tests).
 * @returns
 *   Teardown: stops the JVMs, closes the socket.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pool = new ValidatorPool()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-validators-'))
  const socket = path.join(dir, 'socket')
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      answer(pool, request.url ?? '', Buffer.concat(chunks).toString('utf8')).then(
        (body) => {
          response.writeHead(200, {'content-type': 'application/json'})
          response.end(JSON.stringify(body))
        },
        (error: unknown) => {
          response.writeHead(500, {'content-type': 'text/plain; charset=utf-8'})
          response.end(error instanceof Error ? (error.stack ?? error.message) : String(error))
        }
      )
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socket, resolve)
  })
  project.provide('validators', socket)

  return async () => {
    await pool.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    fs.rmSync(dir, {recursive: true, force: true})
  }
}

/**
 * Answer one request.
 *
 * @param pool
 *   The pool.
 * @param url
 *   `/epubcheck` (body: `{file}`) or `/java` (body: `{args}`).
 * @param body
 *   JSON body.
 * @returns
 *   What the run printed.
 */
async function answer(pool: ValidatorPool, url: string, body: string) {
  const value: unknown = JSON.parse(body)
  if (url === '/epubcheck' && typeof value === 'object' && value && 'file' in value && typeof value.file === 'string') {
    return pool.epubcheck(value.file)
  }

  if (url === '/java' && typeof value === 'object' && value && 'args' in value && Array.isArray(value.args)) {
    return pool.java(value.args.map(String))
  }

  throw new Error('Unexpected request `' + url + '`, expected `/epubcheck` or `/java`')
}
