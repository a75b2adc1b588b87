import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { ApiError, request } from '../../api/request'
import { invalidateApi, useApi } from '../../api/query'
import { Link } from '../../app/router'
import { Table } from '../../ui/table'
import { Select } from '../../ui/select'
import { ErrorBanner, NoticeBanner } from '../../ui/error-banner'
import { TermPicker } from '../log/term-picker'
import { forgetTaxonomy, useTaxonomy } from '../log/use-log'
import { ggProjectPath, stageLabel } from '../references/reference-api'
import { useT } from '../../i18n/provider'
import { GG_STAGES, type GgStage } from '../../../shared/records'
import type { GgProjectView } from '../../../shared/schemas/references'
import type { TaxonomyTerm } from '../../../shared/taxonomy'

/**
 * Global Gateway projects (admins): the list, and a form to add one or edit one (name, countries,
 * themes, stage, Team Europe contributors, partnership). The API validates and audits; its
 * refusal names the field (`countries.0: …`), shown at that field.
 */

/** Who contributes on the Team Europe side: the EU, its Member States, the European banks. */
const MEMBER_STATES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']
const contributor = (id: string, en: string, fr = en, it = en): TaxonomyTerm => ({ id, label: en, labels: { en, fr, it }, parent: id })
const CONTRIBUTORS: TaxonomyTerm[] = [
  contributor('EU', 'EU', 'UE', 'UE'),
  contributor('EIB', 'EIB (European Investment Bank)', "BEI (Banque européenne d'investissement)", 'BEI (Banca europea per gli investimenti)'),
  contributor('EBRD', 'EBRD (European Bank for Reconstruction and Development)', 'BERD (Banque européenne pour la reconstruction et le développement)', 'BERS (Banca europea per la ricostruzione e lo sviluppo)'),
  ...MEMBER_STATES.map((c) => contributor(c, c)),
]

interface Draft {
  id: string
  name: string
  countries: string
  themes: string[]
  stage: GgStage | ''
  contributors: string[]
  partnership: string
}
const EMPTY: Draft = { id: '', name: '', countries: '', themes: [], stage: '', contributors: [], partnership: '' }

const draftOf = (g: GgProjectView): Draft => ({
  id: g.id, name: g.name, countries: g.countries.join(', '), themes: g.themes, stage: g.stage ?? '', contributors: g.contributors, partnership: g.partnership ?? '',
})
const bodyOf = (d: Draft) => ({
  name: d.name,
  countries: d.countries.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean),
  themes: d.themes,
  stage: d.stage || null,
  contributors: d.contributors,
  partnership: d.partnership || null,
})
/** A suggested id from the name: `Lobito corridor` → `gg-lobito-corridor`. */
const idFrom = (name: string) =>
  ('gg-' + name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')).slice(0, 64).replace(/-+$/, '')

/** The field an API refusal names (`countries.0: must…` → `countries`), and its message. */
function fieldError(err: unknown): { field: string; message: string } | null {
  if (!(err instanceof ApiError) || (err.status !== 400 && err.status !== 409)) return null
  const m = /^([A-Za-z]+)(?:\.\d+)?: (.+)$/.exec(err.detail)
  return m ? { field: m[1], message: m[2] } : null
}

export function GgProjectsPanel() {
  const projects = useApi<GgProjectView[]>('/api/gg-projects')
  const taxonomy = useTaxonomy()
  const [editing, setEditing] = useState<string | null>(null)
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [idTouched, setIdTouched] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const formId = useId()
  const t = useT()

  const start = (g: GgProjectView | null) => {
    setEditing(g?.id ?? null)
    setDraft(g ? draftOf(g) : EMPTY)
    setIdTouched(!!g)
    setErrors({})
    setError(null)
    setNotice(null)
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setErrors({})
    setError(null)
    setNotice(null)
    setBusy(true)
    try {
      const saved = editing
        ? await request<GgProjectView>('PATCH', `/api/gg-projects/${encodeURIComponent(editing)}`, bodyOf(draft))
        : await request<GgProjectView>('POST', '/api/gg-projects', { id: draft.id, ...bodyOf(draft) })
      // The pickers of the log forms offer it from now on.
      forgetTaxonomy()
      await invalidateApi('/api/gg-projects')
      start(null)
      setNotice(t(editing ? 'ggAdmin.saved' : 'ggAdmin.added', { name: saved.name }))
    } catch (err) {
      const f = fieldError(err)
      if (f && f.field in EMPTY) setErrors({ [f.field]: f.message })
      else setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))
  const described = (field: keyof Draft) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${formId}-${field}-error` } : {}

  return (
    <section className="panel" aria-labelledby="gg-admin-title" data-testid="gg-projects-admin">
      <h2 id="gg-admin-title">{t('refs.ggProjects')}</h2>
      {projects.isPending && <p className="muted" role="status">{t('common.loading')}</p>}
      <ErrorBanner message={projects.error?.message} />
      {projects.data && projects.data.length === 0 && <p className="muted">{t('ggAdmin.noProjects')}</p>}
      {projects.data && projects.data.length > 0 && (
        <Table
          caption={t('refs.ggProjects')}
          captionHidden
          columns={[t('refs.col.project'), t('refs.col.stage'), t('refs.col.countries'), t('refs.col.contributorsShort'), '']}
        >
          {projects.data.map((g) => (
            <tr key={g.id}>
              <th scope="row">
                <Link to={ggProjectPath(g.id)}>{g.name}</Link>
              </th>
              <td>{g.stage ? stageLabel(g.stage) : '—'}</td>
              <td>{g.countries.join(', ') || '—'}</td>
              <td>{g.contributors.join(', ') || '—'}</td>
              <td>
                <button type="button" onClick={() => start(g)} aria-label={t('ggAdmin.editAria', { name: g.name })}>
                  {t('common.edit')}
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <form onSubmit={(e) => void submit(e)} aria-labelledby={`${formId}-title`} noValidate>
        <h3 id={`${formId}-title`}>{editing ? t('ggAdmin.editTitle', { name: draft.name || editing }) : t('ggAdmin.addTitle')}</h3>
        <ErrorBanner message={error} />
        <NoticeBanner message={notice} />
        <Field id={`${formId}-name`} label={t('ggAdmin.name')} error={errors.name} errorId={`${formId}-name-error`}>
          <input
            id={`${formId}-name`}
            required
            value={draft.name}
            {...described('name')}
            onChange={(e) => set({ name: e.target.value, ...(!editing && !idTouched ? { id: idFrom(e.target.value) } : {}) })}
          />
        </Field>
        {!editing && (
          <Field id={`${formId}-id`} label={t('ggAdmin.id')} error={errors.id} errorId={`${formId}-id-error`}>
            <input id={`${formId}-id`} value={draft.id} {...described('id')} onChange={(e) => (setIdTouched(true), set({ id: e.target.value }))} />
          </Field>
        )}
        <Field id={`${formId}-countries`} label={t('ggAdmin.countries')} error={errors.countries} errorId={`${formId}-countries-error`}>
          <input id={`${formId}-countries`} value={draft.countries} placeholder={t('ggAdmin.countriesExample')} {...described('countries')} onChange={(e) => set({ countries: e.target.value })} />
        </Field>
        <TermPicker label={t('refs.themes')} terms={taxonomy?.themes ?? []} value={draft.themes} onChange={(themes) => set({ themes })} />
        {errors.themes && <p className="error small" id={`${formId}-themes-error`}>{t('ggAdmin.fieldError', { field: t('refs.themes'), message: errors.themes })}</p>}
        <Select
          label={t('refs.col.stage')}
          value={draft.stage}
          onChange={(stage) => set({ stage: stage as GgStage | '' })}
          empty={t('refs.notStated')}
          options={GG_STAGES.map((s) => ({ value: s, label: stageLabel(s) }))}
        />
        {errors.stage && <p className="error small">{t('ggAdmin.fieldError', { field: t('refs.col.stage'), message: errors.stage })}</p>}
        <TermPicker label={t('refs.col.contributors')} terms={withUnknown(CONTRIBUTORS, draft.contributors)} value={draft.contributors} onChange={(contributors) => set({ contributors })} />
        {errors.contributors && <p className="error small" id={`${formId}-contributors-error`}>{t('ggAdmin.fieldError', { field: t('refs.col.contributorsShort'), message: errors.contributors })}</p>}
        <Select
          label={t('refs.col.partnership')}
          value={draft.partnership}
          onChange={(partnership) => set({ partnership })}
          empty={t('ggAdmin.none')}
          options={(taxonomy?.partnerships ?? []).map((p) => ({ value: p.id, label: p.label }))}
        />
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {editing ? t('ggAdmin.save') : t('ggAdmin.add')}
          </button>
          {editing && (
            <button type="button" onClick={() => start(null)}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  )
}

/** The contributors on offer, with any code a project already names that is not among them. */
const withUnknown = (terms: TaxonomyTerm[], chosen: string[]) => [
  ...terms,
  ...chosen.filter((c) => !terms.some((t) => t.id === c)).map((c) => contributor(c, c)),
]

/** A labelled input with the API's refusal of it under it, tied to it for screen readers. */
function Field({ id, label, error, errorId, children }: { id: string; label: string; error?: string; errorId: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="error small" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
