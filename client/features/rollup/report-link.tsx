import { useState } from 'react'
import { useLanguage, useT } from '../../i18n/provider'
import { Select } from '../../ui/select'

const FORMATS = [
  { value: 'pdf', label: 'PDF' },
  { value: 'docx', label: 'Word (DOCX)' },
  { value: 'md', label: 'Markdown' },
  { value: 'csv', label: 'CSV' },
]

/** The progress report of the dashboard's period and filters, in the chosen format. */
export function ReportLink({ query }: { query: Record<string, string> }) {
  const [format, setFormat] = useState('pdf')
  const t = useT()
  const { language } = useLanguage()
  // `period` (a reporting period, frozen once locked) or `from`–`to`, as the roll-up was asked.
  // The report exists in English and French (the server's `lang`); an Italian reader gets the English one.
  const href = `/api/reports/progress?${new URLSearchParams({ ...query, format, lang: language === 'fr' ? 'fr' : 'en' })}`
  return (
    <span className="report">
      <Select label={t('rollup.reportFormat')} value={format} onChange={setFormat} options={FORMATS} />
      <a className="button primary" href={href} download>
        {t('rollup.generateReport')}
      </a>
    </span>
  )
}
