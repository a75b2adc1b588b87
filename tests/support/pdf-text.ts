import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** The text of every page of a PDF, read with pdfjs-dist (its Node build): what a reader's viewer shows. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  // pdfjs-dist 6 expects Node 22's Promise.withResolvers; this machine runs Node 20.
  const P = Promise as unknown as { withResolvers?: () => unknown }
  P.withResolvers ??= () => {
    let resolve!: (v: unknown) => void
    let reject!: (e: unknown) => void
    const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)))
    return { promise, resolve, reject }
  }
  const file = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs')
  const pdfjs = (await import(pathToFileURL(file).href)) as typeof import('pdfjs-dist')
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false })
  const doc = await task.promise
  try {
    const pages: string[] = []
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent()
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '))
    }
    return pages.join('\n')
  } finally {
    await task.destroy()
  }
}
