/**
 * Bounds of the requests that cost CPU rather than I/O (version diffs, previews, reports). Past a
 * size cap a request gets 413 before any work; past an effort cap, 422; either way in the error
 * shape. What stays heavy runs on a worker thread, so the event loop keeps answering others.
 */
export const CpuLimits = {
  /** Longest text (characters, each side) a version diff compares. */
  diffMaxChars: 200_000,
  /** Most words and spaces a diff may add or remove before it gives up (the `diff` library's `maxEditLength`). */
  diffMaxEditLength: 20_000,
  /** Time a diff may take before it gives up, in ms (the `diff` library's `timeout`). */
  diffTimeoutMs: 3_000,
  /** Time any task on the worker may take before the worker is ended and replaced, in ms. */
  taskDeadlineMs: 30_000,
  /**
   * A document state past this many bytes (about 2,000 words) is merged or read on the worker
   * thread (projection, compaction): O(document) work that would hold the event loop the sync
   * server relays on. Below it the worker's round trip costs more than the work.
   */
  docOnWorkerBytes: 32 * 1024,
  /** Worker threads for heavy tasks; tasks beyond them wait in line. */
  workers: 1,
} as const
