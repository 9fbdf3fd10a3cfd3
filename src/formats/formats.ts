/**
 * The output formats a build writes, in the order they render. A format is a
 * folder beside this file whose renderer (`Renderer`) makes its files; adding
 * one is adding it here.
 */
import type {Renderer} from '../core/model.js'
import {epub} from './epub/epub.js'
import {web} from './web/web.js'

/** The formats of a default build. */
export const formats: readonly Renderer[] = [epub, web]
