import { useEffect, useRef, useState } from 'react'
import type { View } from 'vega'
import type { TopLevelSpec } from 'vega-lite'
import { localizeSpec } from './chart-words'
import { useLanguage, useT } from '../../i18n/provider'

/**
 * Vega, Vega-Lite and their expression interpreter (about 250 kB gzipped) come with the first chart
 * drawn, not with the page: the dashboard's tables, filters and figures are usable before them.
 */
const loadVega = () => Promise.all([import('vega'), import('vega-lite'), import('vega-interpreter')])

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
    let view: View | null = null
    let gone = false
    const fail = (err: unknown) => {
      console.error(err)
      if (!gone) setFailed(true)
    }
    loadVega().then(([vega, { compile }, { expressionInterpreter }]) => {
      if (gone || !el.current) return
      // Vega compiles its expressions with Function() unless they are interpreted: the page's CSP
      // allows no eval, so the spec is parsed to an AST and run by vega-interpreter. An error thrown
      // here leaves the table: a chart that cannot be drawn (or whose code could not be loaded,
      // offline before it was ever cached) says so.
      try {
        view = new vega.View(vega.parse(compile(localizeSpec(spec)).spec, undefined, { ast: true }), {
          renderer: 'svg',
          container: el.current,
          hover: true,
          expr: expressionInterpreter,
        })
      } catch (err) {
        return fail(err)
      }
      if (onDrill) view.addEventListener('click', (_e, item) => item?.datum && onDrill(item.datum as Record<string, unknown>))
      // The container is the image (role img, labelled); the drawing inside is presentation only,
      // or a screen reader meets an unlabelled svg within it (axe: svg-img-alt on sparse charts).
      view
        .runAsync()
        .then(() => el.current?.querySelectorAll('svg').forEach((svg) => svg.setAttribute('aria-hidden', 'true')))
        .catch(fail)
    }, fail)
    return () => {
      gone = true
      view?.finalize()
    }
  }, [spec, onDrill, language])
  if (failed) return <p className="muted small">{t('rollup.chartFailed')}</p>
  return <div ref={el} className="chart" role="img" aria-label={label} />
}
