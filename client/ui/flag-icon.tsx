/// <reference types="vite/client" />
/**
 * Flags as SVG images from the flag-icons package (MIT; pinned in package.json), one file per
 * country loaded when shown: an emoji flag is an empty box without an emoji font and two letters
 * on Windows. The image is decoration (alt=""): the country or mission is always written beside it.
 */
const FILES = import.meta.glob('../../node_modules/flag-icons/flags/4x3/*.svg', { query: '?no-inline', import: 'default', eager: true }) as Record<string, string>
const BY_CODE = new Map(Object.entries(FILES).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1, -4).toUpperCase(), url]))

/** The flag of a country (ISO 3166 alpha-2) or `EU`; nothing for a code without one. */
export function Flag({ code }: { code: string }) {
  const src = BY_CODE.get(code === 'EL' ? 'GR' : code === 'UK' ? 'GB' : code.toUpperCase())
  if (!src) return null
  return <img className="flag" src={src} alt="" width={20} height={15} loading="lazy" decoding="async" />
}
