import { parentPort } from 'node:worker_threads'
import { cpuTasks, type CpuTaskName } from './cpu-tasks.js'

/** The worker thread's side: runs one task per message and answers with its id. */
export interface TaskMessage {
  id: number
  task: CpuTaskName
  input: unknown
}

parentPort?.on('message', async ({ id, task, input }: TaskMessage) => {
  try {
    const run = cpuTasks[task] as (input: unknown) => unknown
    parentPort!.postMessage({ id, ok: true, value: await run(input) })
  } catch (err) {
    parentPort!.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) })
  }
})
