import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { freePort } from './global-setup.js'

/** What to do when nginx is missing: the one line a test prints instead of a stack trace. */
export const NGINX_MISSING =
  'nginx is not installed: run `apt-get install -y nginx-light` (Debian; .ci/run installs it), or set NGINX=/path/to/nginx'

/** The nginx binary: $NGINX, Debian's /usr/sbin/nginx, or the first on PATH; null when there is none. */
export function nginxBinary(): string | null {
  const candidates = [process.env.NGINX, '/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'nginx'))]
  for (const c of candidates) if (c && existsSync(c)) return c
  return null
}

/** A running nginx of a test: its address on loopback, and how to stop it. */
export interface Nginx {
  url: string
  port: number
  /** The error log (temp dir), for a failing test's message. */
  errors(): Promise<string>
  stop(): Promise<void>
}

/**
 * The load balancer in front of several Hubwork processes, as a deployment would run it: round
 * robin without stickiness, WebSockets proxied (Upgrade/Connection headers, HTTP/1.1, long read
 * timeout), live streams unbuffered, a failed upstream skipped for the next one. Everything lives
 * in `dir` (prefix, config, pid file, temp paths, error log): no root path is touched, and it runs
 * in the foreground (`daemon off`) as the test's child, stopped by its PID.
 */
export async function startNginx(dir: string, upstreams: string[], opts: { httpSyncBySession?: boolean } = {}): Promise<Nginx> {
  const bin = nginxBinary()
  if (!bin) throw new Error(NGINX_MISSING)
  await mkdir(path.join(dir, 'logs'), { recursive: true })
  const port = await freePort()
  const errorLog = path.join(dir, 'logs', 'error.log')
  const conf = `
daemon off;
master_process on;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${errorLog} warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${path.join(dir, 'body')};
  proxy_temp_path ${path.join(dir, 'proxy')};
  fastcgi_temp_path ${path.join(dir, 'fastcgi')};
  uwsgi_temp_path ${path.join(dir, 'uwsgi')};
  scgi_temp_path ${path.join(dir, 'scgi')};
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream hubwork {
    # Round robin, no stickiness: consecutive requests and sockets of one client go to different processes.
    # max_fails=0: a process is never marked down. A killed one refuses the connection at once and
    # proxy_next_upstream moves on; marking it down instead (max_fails=1) kept a restarted process
    # "down" until a request to it completed, and a WebSocket completes only when it closes: after
    # two kills every process looked down ("no live upstreams", 502 to every reconnect).
${upstreams.map((u) => `    server ${u} max_fails=0;`).join('\n')}
  }
  upstream hubwork_http_sync {
    # The HTTP sync fallback: a stream and the POSTs that feed it must meet in one process, so they
    # go by the session (a process that dies moves its sessions on; their streams reconnect).
    hash $cookie_hubwork_session consistent;
${upstreams.map((u) => `    server ${u} max_fails=0;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location /collab-http/ {
      proxy_pass http://${opts.httpSyncBySession === false ? 'hubwork' : 'hubwork_http_sync'};
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_read_timeout 1h;
      proxy_connect_timeout 2s;
      proxy_next_upstream error timeout http_502 http_503;
    }
    location / {
      proxy_pass http://hubwork;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # Live streams (SSE) must not wait in a buffer.
      proxy_buffering off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_connect_timeout 2s;
      # A process that is down (kill -9) refuses the connection: try the next one.
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
`
  const confFile = path.join(dir, 'nginx.conf')
  await writeFile(confFile, conf)
  let out = ''
  const child: ChildProcess = spawn(bin, ['-p', dir, '-c', confFile, '-e', errorLog], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start: ${out.trim()} ${await readFile(errorLog, 'utf8').catch(() => '')}`)
    try {
      await fetch(`${url}/api/health`)
      break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`nginx did not listen within 15 s: ${out.trim()}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url,
    port,
    errors: () => readFile(errorLog, 'utf8').catch(() => ''),
    async stop() {
      process.off('exit', killOnExit)
      if (child.exitCode !== null) return
      // SIGQUIT: graceful; after 5 s, SIGKILL by the same PID.
      child.kill('SIGQUIT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
