import { type ServerType, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../context.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function startHttp(ctx: AppContext, port = ctx.config.port, host = ctx.config.host): Promise<RunningServer> {
  const app = createApp(ctx);
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
    // keep-alive sockets must not hold a shutdown open
    if ('closeIdleConnections' in server) {
      const close = server.close.bind(server);
      server.close = ((cb?: (err?: Error) => void) => {
        close(cb);
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
        return server;
      }) as typeof server.close;
    }
  });
}
