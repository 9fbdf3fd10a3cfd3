/**
 * One timed build for `scripts/bench-before.ts`, in a process of its own:
 * the clone's `build()`, compiled as its library ships it (with its threads),
 * builds a small warm-up book, then the book, whose step timings it prints
 * as JSON.
 *
 * Why a warm-up book of other text: the JIT is warm for the timed build, as
 * in `make bench`, but nothing keyed by the book's text, title or
 * translations is: code that kept memos in its modules (zhbook before its
 * build session) starts as cold as code that keeps them in the session.
 *
 * Usage: node --import tsx scripts/bench-steps-run.ts CLONE BOOK WARM-UP OUT
 */
import fs from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

const [clone, book, warm, out] = process.argv.slice(2) as [string, string, string, string]
// The library's entry, or the compiled build module before the library had one.
const module = ['dist/index.js', 'dist/build.js'].map((file) => path.join(clone, file)).find(fs.existsSync)
if (!module) throw new Error(`Missing dist/index.js in ${clone}: build it first (make)`)
const {build} = (await import(pathToFileURL(module).href)) as {
  build: (options: {
    input: string
    output: string
    env: Record<string, string>
  }) => Promise<{timings: Record<string, number>}>
}

const warmed = await build({input: warm, output: `${out}-warm-up`, env: {}})
if (!warmed.timings.render) throw new Error('The warm-up book did not build')
const result = await build({input: book, output: out, env: {}})
if (!result.timings.render) throw new Error('The book did not build')
console.log(JSON.stringify(result.timings))
