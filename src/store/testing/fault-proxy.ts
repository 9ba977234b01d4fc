import net from 'node:net';

/**
 * A TCP proxy in front of a real server that a test can break: `forward` passes bytes both ways,
 * `refuse` cuts every connection (a server gone), `silent` accepts and never answers (a hung peer,
 * a half-open network). With no target it is a silent peer from the start.
 */
export class FaultProxy {
  private mode: 'forward' | 'refuse' | 'silent';
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    private readonly target: { readonly host: string; readonly port: number } | null,
  ) {
    this.mode = target ? 'forward' : 'silent';
    server.on('connection', (client) => this.accept(client));
  }

  static async start(target: { readonly host: string; readonly port: number } | null = null): Promise<FaultProxy> {
    const server = net.createServer();
    const proxy = new FaultProxy(server, target);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Changes what the proxy does; connections open now are cut, so that clients meet the new mode at once. */
  set(mode: 'forward' | 'refuse' | 'silent'): void {
    this.mode = mode;
    for (const s of this.sockets) {
      if (mode === 'silent') s.pause();
      else s.destroy();
    }
  }

  private accept(client: net.Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    if (this.mode === 'refuse' || !this.target) return void (this.mode === 'refuse' ? client.destroy() : client.pause());
    if (this.mode === 'silent') return void client.pause();
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
