/**
 * The preview server of `zhbook watch` against a page elsewhere: a `Host`
 * it does not answer to (DNS rebinding), a path that would redirect off the
 * site, and more event streams than pages a person opens.
 */
import fs from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startServer, type PreviewServer} from '../src/watch/server.js'

let tmp: string
let server: PreviewServer
let port: number

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-server-'))
  await fs.mkdir(path.join(tmp, 'hant'), {recursive: true})
  await fs.writeFile(path.join(tmp, 'index.html'), '<!doctype html><html><head></head><body>首頁</body></html>')
  await fs.writeFile(path.join(tmp, 'hant', 'index.html'), '<!doctype html><html><head></head><body>正體</body></html>')
  server = await startServer({root: tmp, port: 0})
  port = Number(new URL(server.url).port)
})

afterAll(async () => {
  await server.close()
  await fs.rm(tmp, {recursive: true, force: true})
})

/** A request with a `Host` of its own; the status, the location and the body. */
function request(pathname: string, host: string): Promise<{status: number; location?: string; body: string}> {
  return new Promise((resolve, reject) => {
    // An empty `host` sends none at all.
    const headers = host ? {host} : {}
    const sent = http.request({host: '127.0.0.1', port, path: pathname, headers, setHost: false}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        body += chunk
      })
      response.on('end', () => resolve({status: response.statusCode!, location: response.headers.location, body}))
    })
    sent.on('error', reject)
    sent.end()
  })
}

describe('preview server', () => {
  it('should answer only 127.0.0.1, localhost and [::1] with its port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const response = await request('/', host)
      expect([host, response.status, response.body.includes('首頁')]).toEqual([host, 200, true])
    }

    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, 'localhost']) {
      const response = await request('/', host)
      expect([host, response.status, response.body]).toEqual([host, 421, 'Misdirected request'])
    }

    // Without a `Host`, Node's server answers 400 itself.
    expect((await request('/', '')).status).toBe(400)
    // The event stream too: it carries the build's messages, with paths.
    expect((await request('/__zhbook/events', `evil.example:${port}`)).status).toBe(421)
  })

  it('should redirect a folder to itself on the site, never to another host', async () => {
    const host = `127.0.0.1:${port}`
    for (const [raw, location] of [
      ['/.//evil.example/..%2fhant', '/hant/'],
      ['//evil.example/..%2fhant', '/hant/'],
      ['/hant', '/hant/'],
      ['/%2f%2fhant', '/hant/']
    ]) {
      const response = await request(raw!, host)
      expect([raw, response.status, response.location]).toEqual([raw, 301, location])
    }
  })

  it('should cap the event streams open at once', async () => {
    const open: http.ClientRequest[] = []
    try {
      const statuses: number[] = []
      for (let index = 0; index < 65; index++) {
        const stream = await events()
        open.push(stream.sent)
        statuses.push(stream.status)
      }

      expect(statuses.filter((status) => status === 200)).toHaveLength(64)
      expect(statuses.at(-1)).toBe(503)
      // A closed page's stream makes room for another (once the server sees it close).
      open.shift()!.destroy()
      let status = 503
      while (status === 503) {
        const stream = await events()
        open.push(stream.sent)
        status = stream.status
      }

      expect(status).toBe(200)
    } finally {
      for (const sent of open) sent.destroy()
    }
  })
})

/** Open an event stream; its status, and the request to close it with. */
function events(): Promise<{status: number; sent: http.ClientRequest}> {
  return new Promise((resolve, reject) => {
    const sent = http.request(
      {host: '127.0.0.1', port, path: '/__zhbook/events', headers: {host: `127.0.0.1:${port}`}},
      (response) => resolve({status: response.statusCode!, sent})
    )
    sent.on('error', reject)
    sent.end()
  })
}
