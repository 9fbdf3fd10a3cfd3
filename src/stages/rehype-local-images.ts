/**
 * Stage: keep the build off the network and inside the manuscript folder.
 *
 * A build never fetches anything, and no page makes a reader's device fetch
 * anything: an image (from Markdown or the manuscript's HTML) that is remote,
 * outside the manuscript folder or missing is replaced by its alt text, with
 * a warning that points at it.
 */
import {existsSync, realpathSync} from 'node:fs'
import path from 'node:path'
import type {Root, Text} from 'hast'
import type {VFile} from 'vfile'
import {SKIP, visit} from 'unist-util-visit'
import {isInside} from '../load/read-text.js'
import {warn, type RuleId} from '../core/diagnostics.js'

/** Options of `rehypeLocalImages`. */
export interface Options {
  /** Manuscript folder: images must be inside it (required). */
  readonly root: string
}

/**
 * Check images.
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
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined) return
      const url = typeof node.properties.src === 'string' ? node.properties.src : ''
      const [reason, ruleId] = problem(url, file)
      warn(file, reason, node.position?.start, ruleId)
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
      const replacement: Text = {type: 'text', value: alt, position: node.position}
      parent.children.splice(index, 1, replacement)
      return [SKIP, index + 1]
    })
  }

  /** What is wrong with an image URL. */
  function problem(url: string, file: VFile): [string, RuleId] {
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

    if (existsSync(resolved)) {
      // A symbolic link inside the folder can lead out of it.
      if (!isInside(realRoot(), realpathSync(resolved))) {
        return [`Unexpected image \`${url}\` linking outside the manuscript folder, expected a file inside it`, 'I002']
      }

      // To do: copy local images into the EPUB and the web edition; until
      // then they are shown as their alt text, like a missing one.
      return [`Unexpected image \`${url}\`: images are not yet packaged, its alt text is shown instead`, 'I001']
    }

    return [`Unexpected missing image \`${url}\`, expected a file at \`${path.relative(root, resolved)}\``, 'I001']
  }
}
