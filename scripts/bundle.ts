/**
 * Bundle the reader's scripts and the stylesheets into `dist/assets/`, where
 * the renderers read them (`src/formats/shared/assets.ts`):
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
 * tests by their global setup: the tests run the renderers from `src/`.
 */
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

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
}
