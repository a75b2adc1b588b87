import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError } from '../errors.js'
import { CpuLimits } from './cpu-limits.js'
import type { CpuTaskName, CpuTasks, Refusal } from './cpu-tasks.js'
import type { TaskMessage } from './cpu-worker.js'

type Input<K extends CpuTaskName> = Parameters<CpuTasks[K]>[0]
type Output<K extends CpuTaskName> = Awaited<ReturnType<CpuTasks[K]>>

interface Job {
  message: TaskMessage
  resolve(value: unknown): void
  reject(err: Error): void
}

interface Slot {
  worker: Worker
  job: Job | null
  timer: NodeJS.Timeout | null
}

/**
 * A worker thread running the worker script. In the build it is the `cpu-worker.js` entry esbuild
 * writes beside the bundle's chunks. From source (tsx, vitest) it is the .ts file beside this one:
 * Node 20 does not pass `--import tsx` on to a worker, so a small bootstrap registers tsx's loader
 * inside the worker first and then imports the script.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./cpu-worker.js', import.meta.url))
  const script = new URL('./cpu-worker.ts', import.meta.url).href
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs')
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}) })`
  return new Worker(bootstrap, { eval: true })
}

/**
 * Heavy tasks off the event loop: a few worker threads, each running one task at a time, the
 * rest waiting in line. A task past its deadline has its worker ended (the only way to stop
 * synchronous code) and answers 422; a fresh worker takes the next task.
 */
class CpuPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 1

  constructor(private readonly size: number) {}

  run<K extends CpuTaskName>(task: K, input: Input<K>): Promise<Output<K>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message: { id: this.nextId++, task, input }, resolve: resolve as (v: unknown) => void, reject })
      this.pump()
    })
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.job === null)
      if (!slot && this.slots.length < this.size) slot = this.spawn()
      if (!slot) return
      const job = this.queue.shift()!
      slot.job = job
      slot.worker.ref()
      slot.timer = setTimeout(() => this.fail(slot, new AppError(422, 'too_complex', 'the request needs more work than one request may take'), true), CpuLimits.taskDeadlineMs)
      slot.worker.postMessage(job.message)
    }
  }

  private spawn(): Slot {
    const worker = startWorker()
    // Idle workers must not keep a process (a CLI, a test run) alive.
    worker.unref()
    const slot: Slot = { worker, job: null, timer: null }
    worker.on('message', (m: { id: number; ok: boolean; value?: unknown; message?: string }) => {
      const job = slot.job
      if (!job || job.message.id !== m.id) return
      this.settle(slot)
      if (m.ok) job.resolve(m.value)
      else job.reject(new Error(m.message))
      this.pump()
    })
    worker.on('error', (err) => this.fail(slot, err, false))
    worker.on('exit', () => this.fail(slot, new Error('the worker thread stopped'), false))
    this.slots.push(slot)
    return slot
  }

  private settle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    slot.job = null
    slot.worker.unref()
  }

  /** Ends the slot's task with `err` and drops the worker; the next task gets a fresh one. */
  private fail(slot: Slot, err: Error, terminate: boolean): void {
    const i = this.slots.indexOf(slot)
    if (i === -1) return
    this.slots.splice(i, 1)
    const job = slot.job
    this.settle(slot)
    if (terminate) void slot.worker.terminate()
    job?.reject(err)
    this.pump()
  }
}

let pool: CpuPool | null = null

/** Runs a heavy task on a worker thread. @throws AppError 422 when it takes past its deadline */
export function runHeavy<K extends CpuTaskName>(task: K, input: Input<K>): Promise<Output<K>> {
  pool ??= new CpuPool(CpuLimits.workers)
  return pool.run(task, input)
}

/** The answer of a task that refused its input, as the error the client gets (413 or 422). */
export function refusalError(r: Refusal): AppError {
  return new AppError(r.refused === 'too_large' ? 413 : 422, r.refused, r.message)
}
