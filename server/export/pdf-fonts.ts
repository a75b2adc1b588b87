import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * Fonts every PDF embeds (PDF/UA wants each glyph embedded; the standard 14 fonts cover only
 * Latin-1, not "ł", "ő" or "—" in every viewer): DejaVu, from the dejavu-fonts-ttf package.
 */
export const PDF_FONTS = {
  body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
}

/** Registers them as Body, Bold and Italic. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont('Body', PDF_FONTS.body)
  doc.registerFont('Bold', PDF_FONTS.bold)
  doc.registerFont('Italic', PDF_FONTS.italic)
}

/** The options of a tagged PDF/UA document on A4 (pdfkit's types lag behind its PDF/UA support). */
export function taggedA4(title: string, subject: string, margin: number, lang = 'en-GB'): PDFKit.PDFDocumentOptions {
  return {
    size: 'A4',
    margin,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/UA',
    tagged: true,
    displayTitle: true,
    lang,
    info: { Title: title, Author: 'Hubwork', Subject: subject, Producer: 'Hubwork' },
  } as unknown as PDFKit.PDFDocumentOptions
}
