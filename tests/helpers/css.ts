/**
 * Read a stylesheet as tests want to: one line, no comments, and the custom
 * properties of a rule.
 */

/**
 * A stylesheet on one line: comments dropped, white space collapsed.
 *
 * @param css
 *   Stylesheet.
 * @returns
 *   Its rules, on one line.
 */
export function flatCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The custom properties (`--name: value`) of the first rule that starts
 * with a selector.
 *
 * @param css
 *   Stylesheet, flat (`flatCss`).
 * @param selector
 *   The rule's selector, as written there.
 * @returns
 *   Values by name (without `--`).
 */
export function customProperties(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(' ' + selector + ' {')
  if (start === -1) throw new Error('Unexpected missing rule `' + selector + '`')
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start))
  return Object.fromEntries([...body.matchAll(/--([\w-]+): ([^;]+);/g)].map((match) => [match[1]!, match[2]!.trim()]))
}
