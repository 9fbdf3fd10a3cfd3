/**
 * Run an edition's search index as the search page does: `search.js`, then
 * each chapter's script in the order the page lists them, and join their
 * blocks (as `search-page.js` does).
 */
import vm from 'node:vm'

/** The index as the search page sees it. */
export interface LoadedSearchIndex {
  chapters: Array<[string, string]>
  parts: unknown[][]
  blocks: unknown[]
}

/**
 * Load an edition's search index.
 *
 * @param page
 *   Reads a file of the build by its output path.
 * @param folder
 *   The edition's folder (`web/hans`).
 * @returns
 *   The index.
 */
export function loadSearchIndex(page: (name: string) => string, folder: string): LoadedSearchIndex {
  const sandbox: {window: {zhbookSearch?: LoadedSearchIndex}} = {window: {}}
  vm.runInNewContext(page(folder + '/search.js'), sandbox)
  const sources = [...page(folder + '/search.html').matchAll(/<script src="(search\/[^"]+\.js)" defer><\/script>/g)]
  for (const [, source] of sources) vm.runInNewContext(page(folder + '/' + source), sandbox)
  const index = sandbox.window.zhbookSearch!
  return {chapters: index.chapters, parts: index.parts, blocks: index.parts.flat()}
}
