import { useEffect, useRef } from 'react'

/**
 * Escape closes the drawer or panel that calls this (the newest one first, as each listener
 * stops the key for those opened before it). A key already handled inside (a menu, a picker,
 * an in-place confirmation) is left alone.
 */
export function useEscape(onClose: () => void): void {
  const latest = useRef(onClose)
  latest.current = onClose
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return
      e.preventDefault()
      latest.current()
    }
    // Capture on window, added last: the most recently opened drawer hears it first.
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
