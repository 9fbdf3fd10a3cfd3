/**
 * Stage: keep the build off the network and inside the manuscript folder.
 *
 * A build never fetches anything: an image that is remote, outside the
 * manuscript folder or missing is replaced by its alt text, with a warning
 * that points at it.
 */
import {existsSync} from 'node:fs'
import path from 'node:path'
import type {Root, Text} from 'mdast'
import type {VFile} from 'vfile'
import {SKIP, visit} from 'unist-util-visit'
import {warn} from '../diagnostics.js'

/** Options of `remarkLocalImages`. */
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
export default function remarkLocalImages(options: Options) {
  const root = path.resolve(options.root)

  return function (tree: Root, file: VFile) {
    visit(tree, 'image', function (node, index, parent) {
      if (!parent || index === undefined) return
      const url = node.url
      let reason: string | undefined
      let ruleId: 'I001' | 'I002' = 'I002'

      if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//')) {
        reason = `Unexpected remote image \`${url}\`, expected a file in the manuscript folder (builds never fetch)`
      } else {
        const resolved = path.resolve(path.dirname(file.path || root), decodeURI(url.split(/[?#]/)[0]!))
        if (path.isAbsolute(url) || !resolved.startsWith(root + path.sep)) {
          reason = `Unexpected image path \`${url}\` outside the manuscript folder, expected a relative path inside it`
        } else if (existsSync(resolved)) {
          // To do: copy local images into the EPUB and the web edition; until
          // then they are shown as their alt text, like a missing one.
          reason = `Unexpected image \`${url}\`: images are not yet packaged, its alt text is shown instead`
          ruleId = 'I001'
        } else {
          reason = `Unexpected missing image \`${url}\`, expected a file at \`${path.relative(root, resolved)}\``
          ruleId = 'I001'
        }
      }

      warn(file, reason, node.position?.start, ruleId)
      const replacement: Text = {type: 'text', value: node.alt ?? '', position: node.position}
      parent.children.splice(index, 1, replacement)
      return [SKIP, index + 1]
    })
  }
}
