import {Resvg} from '@resvg/resvg-js'
import type {Element} from 'hast'
import {s} from 'hastscript'
import {beforeAll, describe, expect, it} from 'vitest'
import {svgDocument} from '../src/formats/epub/cover.js'
import {type CoverFaces, loadFaces, outlineText} from '../src/formats/epub/cover-text.js'

const regular = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'
const bold = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'
const fontFamily = "'Noto Serif CJK SC', serif"

let fonts: CoverFaces

beforeAll(async () => {
  fonts = await loadFaces([regular, bold])
})

/** A 600×200 SVG with one `<text>` of one line per entry of `lines`. */
function svg(lines: string[], properties: Record<string, number | string> = {}): Element {
  return s('svg', {xmlns: 'http://www.w3.org/2000/svg', width: 600, height: 200, xmlLang: 'zh-Hans', fontFamily}, [
    s('rect', {width: 600, height: 200, fill: '#ffffff'}),
    s(
      'text',
      {x: 300, y: 80, fontSize: 48, textAnchor: 'middle', fill: '#000000', ...properties},
      lines.map((line, index) => s('tspan', {x: properties.x ?? 300, dy: index === 0 ? 0 : 60}, line))
    )
  ])
}

/** Draw an SVG with resvg: with font files its own text, without only paths. */
function pixels(tree: Element, files: string[] = []): Uint8Array {
  const resvg = new Resvg(svgDocument(tree), {font: {loadSystemFonts: false, fontFiles: files}, logLevel: 'off'})
  return resvg.render().pixels
}

/** Pixels darker than mid grey. */
function ink(data: Uint8Array): boolean[] {
  const result: boolean[] = []
  for (let index = 0; index < data.length; index += 4) result.push(data[index]! < 128)
  return result
}

/** Leftmost and rightmost inked columns of a 600-pixel-wide picture. */
function inkColumns(data: Uint8Array): [number, number] {
  const inked = ink(data)
  let left = 600
  let right = -1
  for (const [index, dark] of inked.entries()) {
    if (!dark) continue
    left = Math.min(left, index % 600)
    right = Math.max(right, index % 600)
  }
  return [left, right]
}

/** Paths of an outlined SVG's first group. */
function paths(tree: Element): Element[] {
  const group = tree.children.find((child): child is Element => child.type === 'element' && child.tagName === 'g')!
  return group.children.filter((child): child is Element => child.type === 'element')
}

describe('outlineText', () => {
  it('should draw what resvg draws from the fonts', () => {
    const tree = svg(['混沌创新院 AI 系列', '与中美 AIGC 赚钱的差异'])
    const own = ink(pixels(tree, [regular, bold]))
    const outlined = ink(pixels(outlineText(tree, fonts)))
    const inked = own.filter(Boolean).length
    const differing = own.filter((dark, index) => dark !== outlined[index]).length
    expect(inked).toBeGreaterThan(5000)
    // Anti-aliasing may round a pixel either way where an edge falls on the threshold.
    expect(differing / inked).toBeLessThan(0.005)
  })

  it('should set bold text in the bold face', () => {
    const normal = paths(outlineText(svg(['大']), fonts))
    const heavy = paths(outlineText(svg(['大'], {fontWeight: 'bold'}), fonts))
    expect(normal).toHaveLength(1)
    expect(heavy).toHaveLength(1)
    expect(heavy[0]!.properties.d).not.toBe(normal[0]!.properties.d)
    // Bold draws more ink.
    expect(ink(pixels(outlineText(svg(['大'], {fontWeight: 'bold'}), fonts))).filter(Boolean).length).toBeGreaterThan(
      ink(pixels(outlineText(svg(['大']), fonts))).filter(Boolean).length
    )
  })

  it('should take the face of the family named first', () => {
    // 骨 is drawn differently in mainland and Taiwan type: without a language, by the face's own.
    const face = (family: string) =>
      paths(outlineText(svg(['骨'], {fontFamily: `'${family}', serif`, xmlLang: ''}), fonts))[0]!.properties.d
    expect(face('Noto Serif CJK SC')).not.toBe(face('Noto Serif CJK TC'))
    // A language picks its forms in any face.
    const lang = (family: string, xmlLang: string) =>
      paths(outlineText(svg(['骨'], {fontFamily: `'${family}', serif`, xmlLang}), fonts))[0]!.properties.d
    expect(lang('Noto Serif CJK TC', 'zh-Hans')).toBe(face('Noto Serif CJK SC'))
  })

  it('should centre letter-spaced text on its `x` less half a spacing', () => {
    // The cover moves a letter-spaced line right by half its spacing, as spacing follows the last character.
    const tree = svg(['章鹏'], {letterSpacing: 40, x: 320})
    const [left, right] = inkColumns(pixels(outlineText(tree, fonts)))
    expect(Math.abs((left + right) / 2 - 300)).toBeLessThanOrEqual(2)
  })

  it('should leave out a character no face has, and keep the others', () => {
    const drawn = paths(outlineText(svg(['大\u{10FFFD}小']), fonts))
    expect(drawn).toHaveLength(2)
  })

  it('should not change the tree it is given', () => {
    const tree = svg(['大'])
    const before = svgDocument(tree)
    outlineText(tree, fonts)
    expect(svgDocument(tree)).toBe(before)
  })
})
