/**
 * Walk every local link and image reference of a built book (the files of
 * an EPUB, or the web edition) and find each target: the file, and the id a
 * fragment names.
 */
import path from 'node:path'
import type {Root} from 'hast'
import rehypeRaw from 'rehype-raw'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'

/** Parses XHTML and HTML alike into hast. */
const parser = unified().use(rehypeRaw).freeze()

/** A reference of a document: what it points at, and where. */
interface Reference {
  /** Attribute value as written. */
  url: string
  /** Element and attribute (`a href`, `img src`). */
  kind: string
}

/** The references and ids of an (X)HTML document. */
function readDocument(text: string): {references: Reference[]; ids: Set<string>} {
  const tree = parser.runSync({type: 'root', children: [{type: 'raw', value: text}]}) as Root
  const references: Reference[] = []
  const ids = new Set<string>()
  visit(tree, 'element', (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
    for (const name of ['href', 'src', 'xLinkHref']) {
      const value = node.properties[name]
      if (typeof value === 'string') references.push({url: value, kind: `${node.tagName} ${name}`})
    }
  })
  return {references, ids}
}

/**
 * Check every local reference of a set of files: the target exists, and so
 * does the id a fragment names.
 *
 * @returns
 *   What failed, as `file: kind url`, and how many references were checked.
 */
export function walk(files: ReadonlyMap<string, string | Uint8Array>): {broken: string[]; checked: number} {
  const broken: string[] = []
  const documents = new Map<string, ReturnType<typeof readDocument>>()
  const read = (name: string) => {
    let document = documents.get(name)
    if (!document) {
      document = readDocument(String(new TextDecoder().decode(asBytes(files.get(name)!))))
      documents.set(name, document)
    }

    return document
  }

  let checked = 0
  for (const name of files.keys()) {
    if (!/\.x?html$/.test(name)) continue
    for (const reference of read(name).references) {
      // Remote links are the author's; the build never makes a reader fetch anything else.
      if (/^(?:https?:|mailto:)/.test(reference.url)) {
        if (reference.kind !== 'a href') broken.push(`${name}: ${reference.kind} ${reference.url} (remote)`)
        continue
      }

      checked++
      const [target, fragment] = reference.url.split('#') as [string, string | undefined]
      const resolved = target === '' ? name : path.posix.join(path.posix.dirname(name), decodeURIComponent(target))
      if (!files.has(resolved)) {
        broken.push(`${name}: ${reference.kind} ${reference.url}`)
        continue
      }

      if (fragment && !read(resolved).ids.has(decodeURIComponent(fragment))) {
        broken.push(`${name}: ${reference.kind} ${reference.url} (no such id)`)
      }
    }
  }

  return {broken, checked}
}

/** Bytes of an output's data. */
function asBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data
}
