/**
 * Helpers for tests that make manuscripts on the fly and look at every byte a
 * build produced: write a folder of files, take a snapshot of a folder, open
 * the EPUBs among a build's files, check documents as XML.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'
import {SaxesParser} from 'saxes'
import type {OutputFile} from '../../src/core/model.js'

/** Files to write, by path relative to a folder. */
export type Files = Record<string, string | Uint8Array>

/**
 * Write files below a folder, making sub-folders.
 *
 * @param dir
 *   Folder.
 * @param files
 *   Files.
 */
export async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [name, value] of Object.entries(files)) {
    const full = path.join(dir, name)
    await fs.mkdir(path.dirname(full), {recursive: true})
    await fs.writeFile(full, value)
  }
}

/**
 * Every file below a folder with its bytes, by relative path.
 *
 * @param dir
 *   Folder.
 * @returns
 *   Bytes by path, sorted by path.
 */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const entries = await fs.readdir(dir, {recursive: true, withFileTypes: true})
  const names = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
  const result = new Map<string, Buffer>()
  for (const name of names) result.set(name, await fs.readFile(path.join(dir, name)))
  return result
}

/**
 * The text of every file a build made, with each EPUB opened: an entry of
 * `book.epub` is named `book.epub!OEBPS/one.xhtml`.
 *
 * @param outputs
 *   Files of a build.
 * @returns
 *   Text by name.
 */
export async function outputTexts(outputs: readonly OutputFile[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>()
  for (const file of outputs) {
    if (!file.path.endsWith('.epub')) {
      texts.set(file.path, typeof file.data === 'string' ? file.data : Buffer.from(file.data).toString('utf8'))
      continue
    }

    const zip = await JSZip.loadAsync(file.data)
    for (const name of Object.keys(zip.files).sort()) {
      const entry = zip.file(name)
      if (entry) texts.set(`${file.path}!${name}`, await entry.async('string'))
    }
  }

  return texts
}

/**
 * Well-formedness errors of an XML document (namespaces checked), from a
 * strict parser: unbalanced tags, characters XML does not allow, undeclared
 * prefixes, unknown entities.
 *
 * @param text
 *   Document.
 * @returns
 *   Errors (empty when the document is well-formed).
 */
export function xmlErrors(text: string): string[] {
  const errors: string[] = []
  const parser = new SaxesParser({xmlns: true})
  parser.on('error', (cause) => {
    errors.push(cause.message)
  })
  parser.write(text).close()
  return errors
}
