/**
 * The reading tools of every page: the script `web/site.js`.
 *
 * * shows the tools that need it (`.js-only`, written `hidden`);
 * * the contents drawer: its button (`aria-expanded`) opens it, moves focus
 *   to the current chapter; Escape, the close button, a tap beside it or
 *   moving focus out closes it, and Escape or the close button return focus
 *   to the button. On wide screens the stylesheet shows the drawer as a side
 *   column and hides the button;
 * * the reading settings panel: buttons with `aria-pressed`, stored through
 *   `window.zhbookPreferences` (`prefs.js`);
 * * the edition switch: a link to the same page in another edition gets the
 *   id of the topmost block in view as its fragment when it is followed
 *   (`../hans/logic.html#p-12`), and the query of a search page. Without the
 *   script the link opens the same chapter at its start.
 *
 * Plain JavaScript, no dependencies, no requests, no inline code: it works
 * from `file://` and under `script-src 'self'`.
 */
export const siteScript = `/* zhbook: contents drawer, reading settings, edition switch.
 * Progressive enhancement: without this script every page is complete and
 * readable; the tools it drives are hidden until it shows them. */
(function () {
  'use strict'

  var root = document.documentElement
  var preferences = window.zhbookPreferences
  var index

  root.classList.add('js')

  var tools = document.querySelectorAll('.js-only')
  for (index = 0; index < tools.length; index++) tools[index].hidden = false

  // Reading settings.
  var settings = document.getElementById('settings')
  var settingsButton = document.querySelector('.settings-button')

  function sync(current) {
    var buttons = settings.querySelectorAll('button[data-preference]')
    for (var index = 0; index < buttons.length; index++) {
      var button = buttons[index]
      var name = button.getAttribute('data-preference')
      var value = button.getAttribute('data-value')
      var pressed = value === 'toggle' ? current[name] === true : current[name] === value
      button.setAttribute('aria-pressed', pressed ? 'true' : 'false')
    }
  }

  function settingsOpen() {
    return Boolean(settings && !settings.hidden)
  }

  function showSettings(open, restoreFocus) {
    if (!settings || !settingsButton) return
    settings.hidden = !open
    settingsButton.setAttribute('aria-expanded', open ? 'true' : 'false')
    if (open) closeDrawer(false)
    if (!open && restoreFocus) settingsButton.focus()
  }

  if (settings && settingsButton && preferences) {
    sync(preferences.get())

    settingsButton.addEventListener('click', function () {
      showSettings(!settingsOpen(), false)
    })

    settings.addEventListener('click', function (event) {
      var button = event.target instanceof Element
        ? event.target.closest('button[data-preference]')
        : null
      if (!button) return
      var name = button.getAttribute('data-preference')
      var value = button.getAttribute('data-value')
      if (value === 'toggle') value = !preferences.get()[name]
      sync(preferences.set(name, value))
    })

    document.addEventListener('zhbook:preferences', function (event) {
      if (event.detail) sync(event.detail)
    })
  } else if (settingsButton) {
    // prefs.js did not load: a panel that cannot apply anything is no use.
    settingsButton.hidden = true
  }

  // Contents drawer.
  var drawer = document.getElementById('drawer')
  var drawerButton = document.querySelector('.drawer-button')
  var backdrop = null

  function drawerOpen() {
    return root.classList.contains('drawer-open')
  }

  function openDrawer() {
    if (!drawer || !drawerButton) return
    showSettings(false, false)
    if (!backdrop) {
      backdrop = document.createElement('div')
      backdrop.className = 'drawer-backdrop'
      backdrop.addEventListener('click', function () {
        closeDrawer(true)
      })
      document.body.appendChild(backdrop)
    }
    backdrop.hidden = false
    if (!root.classList.contains('drawer-animate')) {
      // Transitions only from the first opening on: none when the page
      // loads and the drawer takes its place off screen.
      root.classList.add('drawer-animate')
      void drawer.offsetWidth
    }
    root.classList.add('drawer-open')
    drawerButton.setAttribute('aria-expanded', 'true')
    var target = drawer.querySelector('[aria-current="page"]') || drawer.querySelector('a')
    if (target) {
      target.focus()
      target.scrollIntoView({block: 'nearest'})
    }
  }

  function closeDrawer(restoreFocus) {
    if (!drawerButton || !drawerOpen()) return
    root.classList.remove('drawer-open')
    drawerButton.setAttribute('aria-expanded', 'false')
    if (backdrop) backdrop.hidden = true
    if (restoreFocus) drawerButton.focus()
  }

  if (drawer && drawerButton) {
    drawerButton.addEventListener('click', function () {
      if (drawerOpen()) closeDrawer(false)
      else openDrawer()
    })

    var close = drawer.querySelector('.drawer-close')
    if (close) {
      close.addEventListener('click', function () {
        closeDrawer(true)
      })
    }

    drawer.addEventListener('focusout', function (event) {
      var next = event.relatedTarget
      if (drawerOpen() && next instanceof Node && !drawer.contains(next) && next !== drawerButton) {
        closeDrawer(false)
      }
    })
  }

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return
    if (drawerOpen()) closeDrawer(true)
    else if (settingsOpen()) showSettings(false, true)
  })

  document.addEventListener('pointerdown', function (event) {
    var target = event.target
    if (
      settingsOpen() &&
      target instanceof Node &&
      !settings.contains(target) &&
      !settingsButton.contains(target)
    ) {
      showSettings(false, false)
    }
  })

  // Edition switch: open the other edition at the block being read.
  function fileOf(pathname) {
    return pathname.slice(pathname.lastIndexOf('/') + 1) || 'index.html'
  }

  // The first numbered block whose bottom is below the header. A block's
  // English (the bilingual edition's .translation after it) counts as part
  // of it: a reader of the English is at that paragraph.
  function topBlock() {
    if (window.scrollY <= 0) return null
    var header = document.querySelector('.site-header')
    var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0
    var blocks = document.querySelectorAll('main [id^="p-"]')
    for (var index = 0; index < blocks.length; index++) {
      var block = blocks[index]
      var end = block
      var next = block.nextElementSibling
      while (next && next.classList.contains('translation')) {
        end = next
        next = next.nextElementSibling
      }
      var box = block.getBoundingClientRect()
      if (box.height > 0 && end.getBoundingClientRect().bottom > top + 24) return block
    }
    return null
  }

  function retarget(link) {
    if (!link.hasAttribute('data-href')) {
      link.setAttribute('data-href', link.getAttribute('href') || '')
    }
    var base = link.getAttribute('data-href')
    var target
    try {
      target = new URL(base, window.location.href)
    } catch (error) {
      return
    }
    // Only the same page in another edition: the glossary links to the
    // other editions' title pages.
    if (fileOf(target.pathname) !== fileOf(window.location.pathname)) return
    var block = topBlock()
    link.setAttribute('href', base + window.location.search + (block ? '#' + block.id : ''))
  }

  var switches = document.querySelectorAll('.editions a[hreflang]')
  for (index = 0; index < switches.length; index++) {
    var link = switches[index]
    // pointerdown: before a middle click or a context menu reads the href;
    // click: also made by Enter on a focused link.
    link.addEventListener('pointerdown', retargetEvent)
    link.addEventListener('click', retargetEvent)
  }

  function retargetEvent(event) {
    retarget(event.currentTarget)
  }
})()
`
