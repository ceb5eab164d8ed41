import { connect, createServer, type AddressInfo, type Socket } from "node:net";

/** A TCP proxy in front of a server that a test can cut, as a network partition or a dead server would. */
export interface TcpProxy {
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Resets every open connection and every new one until `restore()`. */
  cut(): void;
  restore(): void;
  stop(): Promise<void>;
}

/** Forwards 127.0.0.1:<free port> to `target` (a URL whose host and port are used, e.g. a Postgres URL). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let cut = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  };
  const server = createServer((client) => {
    if (cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(port || 5432), hostname);
    track(client);
    track(upstream);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxyPort = (server.address() as AddressInfo).port;
  const resetAll = () => {
    for (const socket of open) socket.resetAndDestroy();
  };
  return {
    via: (url) => {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(proxyPort);
      return parsed.toString();
    },
    cut: () => {
      cut = true;
      resetAll();
    },
    restore: () => {
      cut = false;
    },
    stop: async () => {
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
