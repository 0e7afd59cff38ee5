import { type ServerType, serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../context.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  /** stop at once: every connection is closed, in flight or not (tests) */
  close(): Promise<void>;
  /**
   * Graceful stop: new connections are refused at once, idle keep-alive
   * connections are closed as they go idle, requests in flight are answered.
   * Connections still busy at `deadline` (epoch ms) are cut. True when every
   * request finished in time.
   */
  drain(deadline: number): Promise<boolean>;
}

/** how often connections that went idle during a drain are closed */
const IDLE_SWEEP_MS = 50;

export function startHttp(ctx: AppContext, port = ctx.config.port, host = ctx.config.host): Promise<RunningServer> {
  const app = createApp(ctx);
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const http = server as Server;
      // closing the listener first: the callback runs once the last connection has ended
      const closed = () => new Promise<void>((r) => http.close(() => r()));
      resolve({
        url: `http://${host}:${info.port}`,
        close: async () => {
          const done = closed();
          http.closeAllConnections();
          await done;
        },
        drain: async (deadline) => {
          const done = closed();
          // a keep-alive connection between requests holds nothing: close it, now and whenever one goes idle
          http.closeIdleConnections();
          const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), Math.max(0, deadline - Date.now()))));
          const finished = await Promise.race([done.then(() => true as const), late]);
          clearInterval(sweep);
          clearTimeout(timer);
          if (!finished) {
            http.closeAllConnections();
            await done;
          }
          return finished;
        },
      });
    });
  });
}
