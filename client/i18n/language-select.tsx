import { LANGUAGES, isLanguage, type Language } from '../../shared/languages'
import { LANGUAGE_NAMES } from './language'
import { useT } from './provider'

/**
 * English / Français / Italiano, each named in its own language (a person who cannot read the
 * current one still finds theirs), and "the browser's language" (value '').
 */
export function LanguageSelect({ label, value, onChange, disabled, className }: {
  label: string
  value: Language | null
  onChange: (language: Language | null) => void
  disabled?: boolean
  className?: string
}) {
  const t = useT()
  return (
    <label className={className}>
      {label}
      <select value={value ?? ''} disabled={disabled} onChange={(e) => onChange(isLanguage(e.target.value) ? e.target.value : null)}>
        <option value="">{t('language.browser')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  )
}
