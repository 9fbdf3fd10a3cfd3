/**
 * Cold start (`make bench-cold`): the transcript (`manuscript/`) built cold
 * by the `zhbook` command, as a user runs it (`--no-cache`, a new output
 * folder, a new process each time): every edition and format, one edition in
 * one format, and `--version` (the command's start alone). 5 runs each,
 * medians; writes the "Cold start" section of BENCHMARKS.md.
 *
 * `--before DIR`: also time the command of another built clone (its
 * `dist/bin/zhbook.js`, else its `dist/cli/main.js`), its runs interleaved
 * with this one's, so both see the same load on the machine.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {builtClone, type Clone, median, writeSection} from './bench-report.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const runs = 5
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-cold-'))

const at = process.argv.indexOf('--before')
const commands = [...(at === -1 ? [] : [builtClone(path.resolve(process.argv[at + 1]!))]), builtClone(root)]

/**
 * The builds timed: a label, the arguments after `build manuscript --out OUT
 * --no-cache -q`, and the environment. The EPUB's cover drawn without text
 * (`ZHBOOK_COVER_FONTS=`, no fonts) shows what drawing its title costs.
 */
const builds: ReadonlyArray<{label: string; args: string[] | undefined; env?: Record<string, string>}> = [
  {label: '`--version`', args: undefined},
  {label: 'every edition and format', args: []},
  {label: '`--edition hans --format epub`', args: ['--edition', 'hans', '--format', 'epub']},
  {
    label: '`--edition hans --format epub`, the cover without text (`ZHBOOK_COVER_FONTS=`)',
    args: ['--edition', 'hans', '--format', 'epub'],
    env: {ZHBOOK_COVER_FONTS: ''}
  },
  {label: '`--edition hans --format web`', args: ['--edition', 'hans', '--format', 'web']}
]

/** Milliseconds of one run of a command, in its clone, on its own manuscript. */
function time(which: Clone, args: string[] | undefined, env: Record<string, string> = {}): number {
  const out = path.join(tmp, 'out')
  fs.rmSync(out, {recursive: true, force: true})
  const argv = args === undefined ? ['--version'] : ['build', 'manuscript', '--out', out, '--no-cache', '-q', ...args]
  const started = performance.now()
  const result = spawnSync(process.execPath, [which.command, ...argv], {
    cwd: which.dir,
    encoding: 'utf8',
    env: {...process.env, ...env}
  })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${which.command} ${argv.join(' ')} failed: ${result.stderr}`)
  return ms
}

const load = os.loadavg()[0]!
const rows: string[] = []
for (const build of builds) {
  const times = commands.map(() => [] as number[])
  for (let run = 0; run < runs; run++) {
    for (const [index, which] of commands.entries()) times[index]!.push(time(which, build.args, build.env))
  }

  const medians = times.map((values) => `${Math.round(median(values))} ms`)
  rows.push(`| ${build.label} | ${medians.join(' | ')} |`)
  console.log(build.label, medians.join(' → '))
}

const lines = [
  '',
  '## Cold start',
  '',
  'Made by `make bench-cold` (`scripts/bench-cold.ts`): the transcript (`manuscript/`), built cold',
  'by the command as a user runs it, a new process each time:',
  '`node dist/bin/zhbook.js build manuscript --out OUT --no-cache -q [ARGS]`, OUT new each time.',
  `${runs} runs each, medians${commands.length > 1 ? ', the runs of the two commands interleaved' : ''}.`,
  `${new Date().toISOString().slice(0, 10)} with Node ${process.version}, at a load average of ${load.toFixed(1)} on ${os.cpus().length} cores.`,
  '',
  `| build | ${commands.map((which) => (which.dir === root ? 'now' : `before (${which.label})`)).join(' | ')} |`,
  `| --- | ${commands.map(() => '--:').join(' | ')} |`,
  ...rows,
  ''
]

writeSection('Cold start', lines.slice(1))
fs.rmSync(tmp, {recursive: true, force: true})
