/**
 * Stage: package the manuscript's own images, and keep the build off the
 * network and inside the manuscript folder. A local image (`![]()`, `<img>`,
 * `<source srcset>`) becomes a resource (`file.data.images`) under a name safe
 * in a zip and a URL. One that is remote, `data:`, outside the folder, missing
 * or in a format not every reader shows is replaced by its alt text (its
 * `srcset` or `<source>` removed) with a warning: a build never fetches
 * anything, and no page makes a reader's device fetch anything.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import type {Root, Text} from 'hast'
import {imageSize} from 'image-size'
import type {VFile} from 'vfile'
import {SKIP, visit} from 'unist-util-visit'
import {isInside} from '../load/read-text.js'
import {formatSize, warn, type RuleId} from '../core/diagnostics.js'
import type {BookResource} from '../core/model.js'

declare module 'vfile' {
  interface DataMap {
    /** The local images of the chapter, each once, in order of first use. */
    images: BookResource[]
  }
}

/** Options of `rehypeLocalImages`. */
export interface Options {
  /** Manuscript folder: images must be inside it (required). */
  readonly root: string
}

/** Folder of the images in a book, next to its chapter documents. */
export const imageFolder = 'images'

/** Size from which an image is named in a warning (I005). */
export const largeImage = 1024 * 1024

/** Formats every EPUB 3 reader and browser shows (core media types), by image-size's name: type and extension. */
const formats: Readonly<Record<string, {mediaType: string; extension: string}>> = {
  png: {mediaType: 'image/png', extension: 'png'},
  jpg: {mediaType: 'image/jpeg', extension: 'jpg'},
  gif: {mediaType: 'image/gif', extension: 'gif'},
  svg: {mediaType: 'image/svg+xml', extension: 'svg'}
}

/**
 * Package local images; replace the others by their alt text.
 *
 * @param options
 *   Configuration (required).
 * @returns
 *   Transform.
 */
export default function rehypeLocalImages(options: Options) {
  const root = path.resolve(options.root)
  let real: string | undefined

  /** Real path of the manuscript folder, found once. */
  function realRoot(): string {
    real ??= realpathSync(root)
    return real
  }

  return (tree: Root, file: VFile) => {
    const images = new Map<string, BookResource>()
    visit(tree, 'element', (node, index, parent) => {
      if (!parent || index === undefined) return
      if (node.properties.srcSet !== undefined && (node.tagName === 'img' || node.tagName === 'source')) {
        const list = descriptorList(node.properties.srcSet)
        const problems: Array<[string, RuleId]> = []
        const names: string[] = []
        for (const [url, ...rest] of list) {
          const found = resolve(url!, file)
          if (typeof found !== 'string') {
            problems.push(found)
            continue
          }

          // A local `srcset` of an `<img>` is the sanitiser's to report
          // (H001); one of a `<source>` is packaged like a `src`.
          if (node.tagName !== 'source') continue
          const resource = images.get(found) ?? describe(found, url!)
          if (typeof resource === 'string') {
            problems.push([resource, 'I004'])
            continue
          }

          images.set(found, resource)
          names.push([resource.name, ...rest].join(' '))
        }

        if (problems.length === 0 && node.tagName === 'source') node.properties.srcSet = names.join(', ')
        if (problems.length > 0) {
          for (const [reason, ruleId] of problems) warn(file, reason, node.position?.start, ruleId)
          delete node.properties.srcSet
          // A `<source>` is nothing without its `srcset`; an `<img>` keeps its `src`.
          if (node.tagName === 'source') {
            parent.children.splice(index, 1)
            return [SKIP, index]
          }
        }
      }

      if (node.tagName !== 'img') return
      const url = typeof node.properties.src === 'string' ? node.properties.src : ''
      const place = node.position?.start
      const found = resolve(url, file)
      if (typeof found !== 'string') {
        warn(file, found[0], place, found[1])
        const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
        const replacement: Text = {type: 'text', value: alt, position: node.position}
        parent.children.splice(index, 1, replacement)
        return [SKIP, index + 1]
      }

      let resource = images.get(found)
      if (!resource) {
        const described = describe(found, url)
        if (typeof described === 'string') {
          warn(file, described, place, 'I004')
          const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
          parent.children.splice(index, 1, {type: 'text', value: alt, position: node.position})
          return [SKIP, index + 1]
        }

        resource = described
        images.set(found, resource)
        if (resource.size > largeImage) {
          warn(
            file,
            `Unexpected image \`${resource.path}\` of ${formatSize(resource.size)}, expected at most 1 MB (readers load every image of a chapter)`,
            place,
            'I005'
          )
        }
      }

      node.properties.src = resource.name
      return undefined
    })

    file.data.images = [...images.values()]
  }

  /** Absolute path of a local image, or what is wrong with its URL. */
  function resolve(url: string, file: VFile): string | [string, RuleId] {
    if (url === '') return ['Unexpected image without a source, expected a file', 'I001']
    if (/^data:/i.test(url)) {
      return [
        `Unexpected \`data:\` URL image \`${url.length > 40 ? url.slice(0, 40) + '…' : url}\`, expected a file in the manuscript folder`,
        'I002'
      ]
    }

    if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//')) {
      return [
        `Unexpected remote image \`${url}\`, expected a file in the manuscript folder (builds never fetch)`,
        'I002'
      ]
    }

    let decoded = url.split(/[?#]/)[0]!
    try {
      decoded = decodeURI(decoded)
    } catch {}

    const resolved = path.resolve(path.dirname(file.path || path.join(root, 'x')), decoded)
    if (path.isAbsolute(decoded) || !resolved.startsWith(root + path.sep)) {
      return [
        `Unexpected image path \`${url}\` outside the manuscript folder, expected a relative path inside it`,
        'I002'
      ]
    }

    if (!existsSync(resolved) || !statSync(resolved).isFile()) {
      return [`Unexpected missing image \`${url}\`, expected a file at \`${path.relative(root, resolved)}\``, 'I001']
    }

    // A symbolic link inside the folder can lead out of it.
    if (!isInside(realRoot(), realpathSync(resolved))) {
      return [`Unexpected image \`${url}\` linking outside the manuscript folder, expected a file inside it`, 'I002']
    }

    return resolved
  }

  /** The resource of an image file, or why it cannot be one. */
  function describe(source: string, url: string): BookResource | string {
    const data = readFileSync(source)
    let type: string | undefined
    try {
      type = imageSize(data).type
    } catch {}

    const format = type === undefined ? undefined : formats[type]
    if (!format) {
      return `Unexpected image \`${url}\` in ${type ? `${type.toUpperCase()} format` : 'an unknown format'}, expected PNG, JPEG, GIF or SVG (the formats every reader shows)`
    }

    const relative = path.relative(root, source).split(path.sep).join('/')
    return {
      source,
      path: relative,
      name: resourceName(relative, format.extension),
      mediaType: format.mediaType,
      size: data.byteLength
    }
  }
}

/** Each candidate of a `srcset` (`a.png 1x, b.png 2x`) as its words (hast keeps the list as an array). */
function descriptorList(value: unknown): string[][] {
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',')
  return list.map((entry) => entry.trim().split(/\s+/)).filter((words) => words[0] !== '')
}

/**
 * Name of an image in a book: `images/` and its path, kept to characters that
 * need no escaping in a zip or URL; when that changes anything (`圖一.png`), a
 * digest of the path is added, so two files never share a name.
 *
 * @param relative
 *   Path relative to the manuscript folder, with `/`.
 * @param extension
 *   Extension of the file's format (`png`, `jpg`, `gif`, `svg`).
 * @returns
 *   Name, e.g. `images/assets/image-1-0f3a9c2e.png`.
 */
export function resourceName(relative: string, extension: string): string {
  const segments = relative.split('/')
  const file = segments.pop()!
  const stem = file.replace(/\.[^.]*$/, '')
  const safe = (value: string) =>
    value
      .normalize('NFKD')
      .replace(/[^A-Za-z\d._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
  const folders = segments.map((segment) => safe(segment) || 'folder')
  let name = safe(stem)
  const changed =
    name !== stem || folders.some((folder, index) => folder !== segments[index]) || file !== stem + '.' + extension
  if (changed) {
    const digest = createHash('sha256').update(relative).digest('hex').slice(0, 8)
    name = (name ? name + '-' : '') + digest
  }

  return [imageFolder, ...folders, name + '.' + extension].join('/')
}
