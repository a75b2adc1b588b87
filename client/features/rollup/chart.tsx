import { useEffect, useRef } from 'react'
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

/**
 * A Vega-Lite chart rendered as SVG. It is a picture for sighted readers (role img + label); the
 * same figures are in the table next to it for everyone else. A click on a mark with a `drill`
 * datum field calls `onDrill`.
 */
export function Chart({ spec, label, onDrill }: { spec: TopLevelSpec; label: string; onDrill?: (datum: Record<string, unknown>) => void }) {
  const el = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!el.current) return
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'svg', container: el.current, hover: true })
    if (onDrill) view.addEventListener('click', (_e, item) => item?.datum && onDrill(item.datum as Record<string, unknown>))
    void view.runAsync()
    return () => {
      view.finalize()
    }
  }, [spec, onDrill])
  return <div ref={el} className="chart" role="img" aria-label={label} />
}
