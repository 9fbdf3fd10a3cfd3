/**
 * The script `web/search-page.js`, loaded after `search.js` and the chapters'
 * `search/<chapter>.js`. The query stays in the URL (`?q=`) so a search can be
 * reloaded, shared and carried to another edition; the words shown come from
 * the page (`data-prompt`, `data-found`, `data-none`) in the edition's script.
 */
import {find, snippet, terms} from './search-match.js'

/** Results shown; the count says how many there are. */
const limit = 200

const data = window.zhbookSearch
const form = document.getElementById('search-form')
const input = document.getElementById('search-input')
const status = document.getElementById('search-status')
const list = document.getElementById('search-results')

if (data && form && input instanceof HTMLInputElement && status && list) {
  // Each chapter's script added its blocks to data.parts, in reading order.
  data.blocks ??= data.parts.flat()
  const blocks = data.blocks
  let timer: ReturnType<typeof setTimeout> | undefined

  const message = (name: string, values: Record<string, string>): string => {
    let text = status.getAttribute('data-' + name) ?? ''
    for (const [key, value] of Object.entries(values)) text = text.split('{' + key + '}').join(value)
    return text
  }

  const render = (query: string): undefined => {
    const parts = terms(query)
    const found = find(blocks, parts)
    list.textContent = ''
    if (parts.length === 0) {
      status.textContent = message('prompt', {})
      return undefined
    }
    status.textContent =
      found.length === 0 ? message('none', {q: query.trim()}) : message('found', {n: String(found.length)})
    for (const result of found.slice(0, limit)) {
      const [chapter, id] = result.block
      const [file, heading] = data.chapters[chapter] ?? ['', '']
      const item = document.createElement('li')
      const link = document.createElement('a')
      link.href = encodeURIComponent(file) + '.html#' + id
      const title = document.createElement('span')
      title.className = 'search-chapter'
      title.textContent = heading
      const text = document.createElement('span')
      text.className = 'search-text'
      if (result.english) text.lang = 'en'
      for (const piece of snippet(result.text, parts, result.english)) {
        if (piece.mark) {
          const mark = document.createElement('mark')
          mark.textContent = piece.text
          text.appendChild(mark)
        } else {
          text.appendChild(document.createTextNode(piece.text))
        }
      }
      link.append(title, text)
      item.appendChild(link)
      list.appendChild(item)
    }
    return undefined
  }

  const remember = (query: string): undefined => {
    const url = query.trim() ? '?q=' + encodeURIComponent(query.trim()) : window.location.pathname
    try {
      window.history.replaceState(null, '', url)
    } catch {}
    return undefined
  }

  let query = ''
  try {
    query = new URLSearchParams(window.location.search).get('q') ?? ''
  } catch {}
  input.value = query
  render(query)

  // Not while an input method is composing: search once pinyin became characters.
  input.addEventListener('compositionend', () => input.dispatchEvent(new Event('input')))

  input.addEventListener('input', (event) => {
    if ((event as InputEvent).isComposing) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      render(input.value)
      remember(input.value)
    }, 150)
  })

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    clearTimeout(timer)
    render(input.value)
    remember(input.value)
  })
}
