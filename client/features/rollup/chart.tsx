import { useEffect, useRef, useState } from 'react'
import { localizeSpec } from './chart-words'
import { useLanguage, useT } from '../../i18n/provider'
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { expressionInterpreter } from 'vega-interpreter'

/**
 * A Vega-Lite chart rendered as SVG. It is a picture for sighted readers (role img + label); the
 * same figures are in the table next to it for everyone else. A click on a mark with a `drill`
 * datum field calls `onDrill`.
 */
export function Chart({ spec, label, onDrill }: { spec: TopLevelSpec; label: string; onDrill?: (datum: Record<string, unknown>) => void }) {
  const el = useRef<HTMLDivElement>(null)
  const [failed, setFailed] = useState(false)
  // Drawn again in a new language: the chart's words are in the spec.
  const { language } = useLanguage()
  const t = useT()
  useEffect(() => {
    if (!el.current) return
    // Vega compiles its expressions with Function() unless they are interpreted: the page's CSP
    // allows no eval, so the spec is parsed to an AST and run by vega-interpreter. An error thrown
    // in an effect would unmount the whole app (there is no error boundary): a chart that cannot be
    // drawn leaves its table.
    let view: vega.View
    try {
      view = new vega.View(vega.parse(compile(localizeSpec(spec)).spec, undefined, { ast: true }), {
        renderer: 'svg',
        container: el.current,
        hover: true,
        expr: expressionInterpreter,
      })
    } catch (err) {
      console.error(err)
      setFailed(true)
      return
    }
    if (onDrill) view.addEventListener('click', (_e, item) => item?.datum && onDrill(item.datum as Record<string, unknown>))
    // The container is the image (role img, labelled); the drawing inside is presentation only,
    // or a screen reader meets an unlabelled svg within it (axe: svg-img-alt on sparse charts).
    view
      .runAsync()
      .then(() => el.current?.querySelectorAll('svg').forEach((svg) => svg.setAttribute('aria-hidden', 'true')))
      .catch((err: unknown) => (console.error(err), setFailed(true)))
    return () => {
      view.finalize()
    }
  }, [spec, onDrill, language])
  if (failed) return <p className="muted small">{t('rollup.chartFailed')}</p>
  return <div ref={el} className="chart" role="img" aria-label={label} />
}
