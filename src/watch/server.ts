/**
 * The preview server of `zhbook watch`: serves the output folder on loopback
 * only, reloads open pages after a build, shows a failed build's messages. The
 * reload script is added as pages are served, so the files on disk stay a build's.
 */
import {createReadStream} from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'

/** Path prefix of the server's own endpoints. */
const internal = '/__zhbook/'

/** Most event streams open at once (one per page): a page opening them in a loop must not exhaust sockets. */
const maxClients = 64

/** Content types of the files a web edition holds. */
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.epub': 'application/epub+zip'
}

/** Options of the server. */
export interface ServerOptions {
  /** Folder to serve (the output folder: `web/` and the EPUBs are in it). */
  root: string
  /** Port (default: 0, any free port). */
  port?: number | undefined
  /** Host; only loopback addresses are accepted (default: `127.0.0.1`). */
  host?: string | undefined
}

/** A running preview server. */
export interface PreviewServer {
  /** Base URL, e.g. `http://127.0.0.1:4173/`. */
  url: string
  /** Tell open pages to reload. */
  reload(): void
  /** Show a failed build's messages over open pages (until the next reload). */
  showError(lines: readonly string[]): void
  /** Stop the server. */
  close(): Promise<void>
}

/** The script added to served pages: reload on a build, overlay on an error. */
const clientScript = `// zhbook watch: live reload and build errors.
(() => {
  const source = new EventSource('${internal}events')
  let overlay
  source.addEventListener('reload', () => location.reload())
  source.addEventListener('build-error', (event) => {
    const lines = JSON.parse(event.data)
    overlay ??= document.body.appendChild(document.createElement('div'))
    overlay.setAttribute('role', 'alert')
    overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#1b1b1b;color:#fafafa;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;border-top:4px solid #e5484d;z-index:2147483647'
    overlay.textContent = 'Build failed: the page shows the last good build.\\n\\n' + lines.join('\\n')
  })
})()
`

/**
 * Start the preview server.
 *
 * @param options
 *   Options.
 * @returns
 *   The running server.
 */
export async function startServer(options: ServerOptions): Promise<PreviewServer> {
  const root = path.resolve(options.root)
  const host = options.host ?? '127.0.0.1'
  if (!isLoopback(host)) {
    throw new Error(
      `Unexpected host \`${host}\`, expected a loopback address (127.0.0.1, ::1, localhost): the preview is for this machine only`
    )
  }

  const clients = new Set<http.ServerResponse>()
  let lastError: string[] | undefined
  /** The `Host` headers this server answers (known once it listens). */
  let hosts = new Set<string>()

  const server = http.createServer(async (request, response) => {
    // Why: a page on another site can point a name of its own at 127.0.0.1
    // (DNS rebinding) and read the unpublished book; its requests carry
    // that name, never one of these.
    if (!hosts.has((request.headers.host ?? '').toLowerCase())) return send(response, 421, 'Misdirected request')
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed')

    if (url.pathname === `${internal}events`) {
      if (clients.size >= maxClients) return send(response, 503, 'Too many event streams')
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive'
      })
      response.write(': connected\n\n')
      if (lastError) response.write(`event: build-error\ndata: ${JSON.stringify(lastError)}\n\n`)
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }

    if (url.pathname === `${internal}client.js`) {
      response.writeHead(200, {'content-type': types['.js']!, 'cache-control': 'no-store'})
      return response.end(clientScript)
    }

    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      return send(response, 400, 'Bad request')
    }

    // Refuse anything outside the served folder, however it is spelt.
    if (pathname.includes('\0')) return send(response, 400, 'Bad request')
    const normal = path.posix.normalize('/' + pathname)
    let file = path.resolve(root, '.' + normal)
    if (file !== root && !file.startsWith(root + path.sep)) return send(response, 403, 'Forbidden')

    try {
      let stat = await fs.stat(file)
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          // The path as served, one leading slash: never `//host/…`, which
          // a browser reads as another site.
          const location = normal.split('/').map(encodeURIComponent).join('/').replace(/\/*$/, '/')
          response.writeHead(301, {location})
          return response.end()
        }

        file = path.join(file, 'index.html')
        stat = await fs.stat(file)
      }

      // A link on disk pointing out of the folder is refused too.
      const real = await fs.realpath(file)
      const realRoot = await fs.realpath(root)
      if (!real.startsWith(realRoot + path.sep)) return send(response, 403, 'Forbidden')

      const type = types[path.extname(file)] ?? 'application/octet-stream'
      if (type.startsWith('text/html')) {
        const html = await fs.readFile(file, 'utf8')
        const tag = `<script src="${internal}client.js" defer></script>`
        const body = html.includes('</head>') ? html.replace('</head>', `${tag}\n</head>`) : html + tag
        response.writeHead(200, {'content-type': type, 'cache-control': 'no-store'})
        return response.end(request.method === 'HEAD' ? undefined : body)
      }

      response.writeHead(200, {'content-type': type, 'content-length': stat.size, 'cache-control': 'no-store'})
      if (request.method === 'HEAD') return response.end()
      createReadStream(file).pipe(response)
    } catch {
      send(response, 404, 'Not found')
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })

  const address = server.address() as AddressInfo
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
  hosts = new Set(['127.0.0.1', 'localhost', '[::1]', shown].map((name) => `${name}:${address.port}`))

  function broadcast(event: string, data: string) {
    for (const client of clients) client.write(`event: ${event}\ndata: ${data}\n\n`)
  }

  return {
    url: `http://${shown}:${address.port}/`,
    reload() {
      lastError = undefined
      broadcast('reload', '{}')
    },
    showError(lines) {
      lastError = [...lines]
      broadcast('build-error', JSON.stringify(lastError))
    },
    async close() {
      for (const client of clients) client.end()
      clients.clear()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
    }
  }
}

/** Whether a host names the loopback interface. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

/** Send a short plain-text response. */
function send(response: http.ServerResponse, status: number, text: string) {
  response.writeHead(status, {'content-type': 'text/plain; charset=utf-8'})
  response.end(text)
}
