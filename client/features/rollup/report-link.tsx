import { useState } from 'react'
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
  // `period` (a reporting period, frozen once locked) or `from`–`to`, as the roll-up was asked.
  const href = `/api/reports/progress?${new URLSearchParams({ ...query, format })}`
  return (
    <span className="report">
      <Select label="Report format" value={format} onChange={setFormat} options={FORMATS} />
      <a className="button primary" href={href} download>
        Generate report
      </a>
    </span>
  )
}
