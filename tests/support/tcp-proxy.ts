import net from 'node:net'

/**
 * A userspace TCP proxy on 127.0.0.1 in front of `targetPort`, whose links can be frozen: a frozen
 * link forwards nothing either way and closes nothing, like a NAT or a mobile network that lost the
 * route. Both ends keep their sockets open: the real "half-open" connection of a dropped network.
 */
export async function startTcpProxy(targetPort: number) {
  const links: { client: net.Socket; upstream: net.Socket }[] = []
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    client.pipe(upstream)
    upstream.pipe(client)
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end)
    upstream.on('error', end)
    client.on('close', end)
    upstream.on('close', end)
    links.push({ client, upstream })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    /** Stops forwarding on every open link, in both directions, without closing anything. */
    freeze() {
      for (const { client, upstream } of links) {
        client.unpipe(upstream)
        upstream.unpipe(client)
        client.pause()
        upstream.pause()
        // A close of either end must not reach the other any more.
        client.removeAllListeners('close')
        upstream.removeAllListeners('close')
        client.removeAllListeners('end')
        upstream.removeAllListeners('end')
      }
    },
    async close() {
      for (const { client, upstream } of links) {
        client.destroy()
        upstream.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
