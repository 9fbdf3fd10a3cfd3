/**
 * Preload (`node --import`) that blocks the network in a process: every way
 * Node reaches another machine (name lookups, sockets, HTTP, TLS, `fetch`)
 * throws, and each attempt is appended to the file named by
 * `ZHBOOK_NETWORK_LOG`, so a test can prove that none was made.
 */
import {appendFileSync} from 'node:fs'
import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import {syncBuiltinESMExports} from 'node:module'
import net from 'node:net'
import tls from 'node:tls'

const log = process.env.ZHBOOK_NETWORK_LOG

/**
 * Make a function that records the attempt and throws.
 *
 * @param {string} name
 *   What was called, for the log.
 * @returns {(...args: unknown[]) => never}
 *   Replacement.
 */
function refuse(name) {
  return (...args) => {
    const target = args.map((arg) => (typeof arg === 'object' ? JSON.stringify(arg) : String(arg))).join(' ')
    if (log) appendFileSync(log, `${name} ${target}\n`)
    throw new Error(`Unexpected network access (${name}), expected none`)
  }
}

for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = refuse(`dns.${name}`)
  dns.promises[name] = refuse(`dns.promises.${name}`)
}

net.connect = refuse('net.connect')
net.createConnection = refuse('net.createConnection')
net.Socket.prototype.connect = refuse('net.Socket#connect')
tls.connect = refuse('tls.connect')
for (const [name, module] of [
  ['http', http],
  ['https', https]
]) {
  module.request = refuse(`${name}.request`)
  module.get = refuse(`${name}.get`)
}

globalThis.fetch = refuse('fetch')
// ESM imports of the built-in modules (`import {connect} from 'node:net'`)
// see the replacements too.
syncBuiltinESMExports()
