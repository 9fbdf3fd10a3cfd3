/**
 * The script `web/site.js`: the reading tools of every page, shown only when it
 * runs (`.js-only`; without it every page is complete). The contents drawer
 * (`aria-expanded`; Escape, close button, a tap beside it or focus leaving
 * close it, and the first two return focus), the settings panel (buttons with
 * `aria-pressed`, through `prefs.js`), and the edition switch, which carries
 * the topmost block in view (`../hans/logic.html#p-12`) and a search query.
 */
import type {PreferenceName, Preferences} from './preferences.js'
import type {PreferencesApi} from './types.js'

const root = document.documentElement
const preferences: PreferencesApi | undefined = window.zhbookPreferences

root.classList.add('js')

for (const tool of document.querySelectorAll<HTMLElement>('.js-only')) tool.hidden = false

// Reading settings.
const settings = document.getElementById('settings')
const settingsButton = document.querySelector<HTMLElement>('.settings-button')

function sync(current: Preferences): undefined {
  if (!settings) return undefined
  for (const button of settings.querySelectorAll('button[data-preference]')) {
    const name = button.getAttribute('data-preference') as PreferenceName
    const value = button.getAttribute('data-value')
    const pressed = value === 'toggle' ? current[name] === true : current[name] === value
    button.setAttribute('aria-pressed', pressed ? 'true' : 'false')
  }
  return undefined
}

function settingsOpen(): boolean {
  return Boolean(settings && !settings.hidden)
}

function showSettings(open: boolean, restoreFocus: boolean): undefined {
  if (!settings || !settingsButton) return undefined
  settings.hidden = !open
  settingsButton.setAttribute('aria-expanded', open ? 'true' : 'false')
  if (open) closeDrawer(false)
  if (!open && restoreFocus) settingsButton.focus()
  return undefined
}

if (settings && settingsButton && preferences) {
  sync(preferences.get())

  settingsButton.addEventListener('click', () => showSettings(!settingsOpen(), false))

  settings.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-preference]') : null
    if (!button) return
    const name = button.getAttribute('data-preference') as PreferenceName
    const value = button.getAttribute('data-value')
    sync(preferences.set(name, value === 'toggle' ? !preferences.get()[name] : value))
  })

  document.addEventListener('zhbook:preferences', (event) => {
    if (event.detail) sync(event.detail)
  })
} else if (settingsButton) {
  // prefs.js did not load: a panel that cannot apply anything is no use.
  settingsButton.hidden = true
}

// Contents drawer.
const drawer = document.getElementById('drawer')
const drawerButton = document.querySelector<HTMLElement>('.drawer-button')
let backdrop: HTMLElement | undefined

function drawerOpen(): boolean {
  return root.classList.contains('drawer-open')
}

function openDrawer(): undefined {
  if (!drawer || !drawerButton) return undefined
  showSettings(false, false)
  if (!backdrop) {
    backdrop = document.createElement('div')
    backdrop.className = 'drawer-backdrop'
    backdrop.addEventListener('click', () => closeDrawer(true))
    document.body.appendChild(backdrop)
  }
  backdrop.hidden = false
  if (!root.classList.contains('drawer-animate')) {
    // Transitions only from the first opening on (none as the drawer takes its
    // place off screen); reading the width applies the class first.
    root.classList.add('drawer-animate')
    void drawer.offsetWidth
  }
  root.classList.add('drawer-open')
  drawerButton.setAttribute('aria-expanded', 'true')
  const target = drawer.querySelector<HTMLElement>('[aria-current="page"]') ?? drawer.querySelector('a')
  if (target) {
    target.focus()
    target.scrollIntoView({block: 'nearest'})
  }
  return undefined
}

function closeDrawer(restoreFocus: boolean): undefined {
  if (!drawerButton || !drawerOpen()) return undefined
  root.classList.remove('drawer-open')
  drawerButton.setAttribute('aria-expanded', 'false')
  if (backdrop) backdrop.hidden = true
  if (restoreFocus) drawerButton.focus()
  return undefined
}

if (drawer && drawerButton) {
  drawerButton.addEventListener('click', () => {
    if (drawerOpen()) closeDrawer(false)
    else openDrawer()
  })

  drawer.querySelector('.drawer-close')?.addEventListener('click', () => closeDrawer(true))

  drawer.addEventListener('focusout', (event) => {
    const next = event.relatedTarget
    if (drawerOpen() && next instanceof Node && !drawer.contains(next) && next !== drawerButton) {
      closeDrawer(false)
    }
  })
}

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return
  if (drawerOpen()) closeDrawer(true)
  else if (settingsOpen()) showSettings(false, true)
})

document.addEventListener('pointerdown', (event) => {
  const target = event.target
  if (settingsOpen() && target instanceof Node && !settings?.contains(target) && !settingsButton?.contains(target)) {
    showSettings(false, false)
  }
})

// Edition switch: open the other edition at the block being read.
function fileOf(pathname: string): string {
  return pathname.slice(pathname.lastIndexOf('/') + 1) || 'index.html'
}

/** The first numbered block whose bottom is below the header; its English counts as part of it. */
function topBlock(): Element | undefined {
  if (window.scrollY <= 0) return undefined
  const header = document.querySelector('.site-header')
  const top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0
  for (const block of document.querySelectorAll('main [id^="p-"]')) {
    let end = block
    let next = block.nextElementSibling
    while (next?.classList.contains('translation')) {
      end = next
      next = next.nextElementSibling
    }
    if (block.getBoundingClientRect().height > 0 && end.getBoundingClientRect().bottom > top + 24) return block
  }
  return undefined
}

function retarget(link: Element): undefined {
  if (!link.hasAttribute('data-href')) link.setAttribute('data-href', link.getAttribute('href') ?? '')
  const base = link.getAttribute('data-href') ?? ''
  let target: URL
  try {
    target = new URL(base, window.location.href)
  } catch {
    return undefined
  }
  // Only the same page in another edition: the glossary links to the other
  // editions' title pages.
  if (fileOf(target.pathname) !== fileOf(window.location.pathname)) return undefined
  const block = topBlock()
  link.setAttribute('href', base + window.location.search + (block ? '#' + block.id : ''))
  return undefined
}

function retargetEvent(event: Event): undefined {
  if (event.currentTarget instanceof Element) retarget(event.currentTarget)
  return undefined
}

for (const link of document.querySelectorAll('.editions a[hreflang]')) {
  // pointerdown: before a middle click or a context menu reads the href;
  // click: also made by Enter on a focused link.
  link.addEventListener('pointerdown', retargetEvent)
  link.addEventListener('click', retargetEvent)
}
