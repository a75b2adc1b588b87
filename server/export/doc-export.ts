import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx'
import type { DocBlock } from '../editor/doc-blocks.js'
import { registerPdfFonts, taggedA4 } from './pdf-fonts.js'

/** A brief or a note as a file: its title, where it comes from, and its blocks. */
export interface DocExport {
  title: string
  /** "Nigeria — EU Digital Hub Nigeria · brief · exported 1 Dec 2026, 20:30 UTC". */
  subtitle: string
  blocks: DocBlock[]
}

const MARGIN = 56

/** A tagged PDF/UA document on A4: H1 title, the document's headings one level below, real lists. */
export async function docPdf(d: DocExport): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit')
  const doc = new PDFDocument(taggedA4(d.title, d.subtitle, MARGIN))
  registerPdfFonts(doc)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  const width = doc.page.width - 2 * MARGIN
  const root = doc.struct('Document')
  doc.addStructure(root)
  const block = (tag: string, font: string, size: number, text: string, indent = 0, color = 'black') => {
    doc.font(font).fontSize(size).fillColor(color)
    root.add(doc.struct(tag, {}, () => void doc.text(text, MARGIN + indent, doc.y, { width: width - indent })))
    doc.fillColor('black').moveDown(0.4)
  }
  block('H1', 'Bold', 18, d.title)
  block('P', 'Body', 9, d.subtitle, 0, '#444')
  let list: PDFKit.PDFStructureElement | null = null
  let n = 0
  for (const b of d.blocks) {
    const item = b.type === 'bullet' || b.type === 'number'
    if (!item && list) {
      list.end()
      list = null
    }
    if (item) {
      if (!list) {
        list = doc.struct('L')
        root.add(list)
        n = 0
      }
      const indent = 16 + 16 * (b.level ?? 0)
      const y = doc.y
      const li = doc.struct('LI')
      list.add(li)
      doc.font('Body').fontSize(10.5)
      li.add(doc.struct('Lbl', {}, () => void doc.text(b.type === 'number' ? `${++n}.` : '•', MARGIN + indent - 14, y, { width: 14, lineBreak: false })))
      li.add(doc.struct('LBody', {}, () => void doc.text(b.text, MARGIN + indent, y, { width: width - indent })))
      li.end()
      doc.moveDown(0.2)
    } else if (b.type === 'h1' || b.type === 'h2' || b.type === 'h3') {
      doc.moveDown(0.3)
      block(`H${Number(b.type[1]) + 1}`, 'Bold', { h1: 15, h2: 13, h3: 11.5 }[b.type], b.text)
    } else if (b.type === 'quote') block('BlockQuote', 'Italic', 10.5, b.text, 14, '#333')
    else block('P', 'Body', 10.5, b.text)
  }
  list?.end()
  root.end()
  doc.end()
  return done
}

const NUMBERED = 'doc-numbered'

/** A DOCX with Word's own headings and lists, to edit further. */
export async function docDocx(d: DocExport): Promise<Buffer> {
  let list = 0
  let prev: DocBlock['type'] | null = null
  const body = d.blocks.map((b) => {
    if (b.type === 'number' && prev !== 'number' && prev !== 'bullet') list++
    prev = b.type
    const level = Math.min(2, b.level ?? 0)
    if (b.type === 'h1') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 })
    if (b.type === 'h2') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_3 })
    if (b.type === 'h3') return new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_4 })
    if (b.type === 'bullet') return new Paragraph({ text: b.text, bullet: { level } })
    if (b.type === 'number') return new Paragraph({ text: b.text, numbering: { reference: NUMBERED, level, instance: list } })
    if (b.type === 'quote') return new Paragraph({ children: [new TextRun({ text: b.text, italics: true })], indent: { left: 360 } })
    return new Paragraph(b.text)
  })
  const doc = new Document({
    title: d.title,
    creator: 'Hubwork',
    numbering: { config: [{ reference: NUMBERED, levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } } })) }] },
    sections: [
      {
        children: [
          new Paragraph({ text: d.title, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun({ text: d.subtitle, italics: true })] }),
          ...body,
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
