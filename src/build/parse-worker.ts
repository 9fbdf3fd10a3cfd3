/**
 * The worker thread of `parse-pool.ts`: reads the chapters it is sent and
 * posts back each tree with its messages.
 *
 * Messages are posted as plain objects: a structured clone of a
 * `VFileMessage` keeps only what an `Error` has (its reason and stack), not
 * its place or rule id.
 */
import {parentPort} from 'node:worker_threads'
import type {VFileMessage} from 'vfile-message'
import {type ChapterText, createChapterReader, failureReason, type ParsedChapter} from './read-chapter.js'

/** A chapter to read, as the pool sends it. */
export interface ReadRequest {
  /** Number of the request, sent back with its answer. */
  id: number
  /** The chapter. */
  chapter: ChapterText
}

/** What a worker answers: a message of a tree as a plain object. */
export type PlainMessage = Record<string, unknown>

/** What a worker answers a request with. */
export interface ReadAnswer {
  /** Number of the request. */
  id: number
  /** What reading gave, its messages as plain objects. */
  parsed: Exclude<ParsedChapter, {tree: unknown}> | {tree: unknown; messages: PlainMessage[]}
}

const read = createChapterReader()

parentPort?.on('message', (request: ReadRequest) => {
  let parsed: ReadAnswer['parsed']
  try {
    const result = read(request.chapter)
    parsed = 'tree' in result ? {tree: result.tree, messages: result.messages.map((m) => plain(m))} : result
  } catch (cause) {
    parsed = {failure: failureReason(cause)}
  }

  parentPort!.postMessage({id: request.id, parsed} satisfies ReadAnswer)
})

// Ready: a chapter's budget starts when it is sent, not while this thread
// loads its modules.
parentPort?.postMessage('ready')

/**
 * A message as a plain object: its own fields but the nodes it names
 * (`ancestors`) and what caused it, which do not cross threads.
 *
 * @param message
 *   Message.
 * @returns
 *   Its fields.
 */
function plain(message: VFileMessage): PlainMessage {
  const fields: PlainMessage = {}
  for (const [key, value] of Object.entries(message)) {
    if (key !== 'ancestors' && key !== 'cause') fields[key] = value
  }

  return fields
}
