import { useLayoutEffect, useRef, type ReactNode } from 'react'

interface TableProps {
  /** Every table says what it holds; `captionHidden` keeps it for screen readers only. */
  caption: ReactNode
  captionHidden?: boolean
  /** Column headings, one `<th scope="col">` each; leave out for a table of row headings only. */
  columns?: readonly ReactNode[]
  /** Heading cells of one's own instead (sortable headings), `<th scope="col">` each. */
  head?: ReactNode
  className?: string
  testId?: string
  /** The body rows. */
  children: ReactNode
}

/** A data table with its caption and column headings. */
export function Table({ caption, captionHidden, columns, head, className, testId, children }: TableProps) {
  const ref = useRef<HTMLTableElement>(null)
  // Each cell carries its column's name: on a phone the rows show as cards, a name before each value.
  useLayoutEffect(() => {
    const table = ref.current
    if (!table) return
    const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '')
    for (const row of table.querySelectorAll('tbody tr')) {
      ;[...row.children].forEach((cell, i) => {
        if (cell.tagName === 'TD' && names[i] && cell.getAttribute('colspan') === null) cell.setAttribute('data-label', names[i])
      })
    }
  })
  return (
    <table ref={ref} className={className} data-testid={testId}>
      <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
      {(columns || head) && (
        <thead>
          <tr>
            {head ??
              columns?.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
          </tr>
        </thead>
      )}
      <tbody>{children}</tbody>
    </table>
  )
}

/** A wide table's frame: it scrolls sideways and can be reached and scrolled with the keyboard. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
