import { getRequestListener } from '@hono/node-server';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
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

/**
 * What every resource here takes: the answer to `OPTIONS *`, which RFC 9110
 * §9.3.7 makes a question about the server in general. It is a well-formed
 * request, so it gets a 204 with `Allow`, not a 4xx.
 */
export const SERVER_METHODS = 'GET, HEAD, POST, OPTIONS';

const jsonError = (res: ServerResponse, status: number, code: string, message: string) => {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
};

/**
 * The app behind Node's server, with the two answers it cannot give because
 * no URL can be built for them: `*` as a target (OPTIONS: 204; any other
 * method: 400), and a target or Host header the adapter refuses (400). Both
 * are JSON like every other error, never an empty body.
 */
function listenerFor(fetch: (req: Request) => Response | Promise<Response>, host: string) {
  const listener = getRequestListener(fetch, {
    hostname: host,
    errorHandler: async (err) => {
      const detail = err instanceof Error ? err.message : 'unreadable request';
      const body = { error: { code: 'invalid_input', message: `the request line or Host header cannot be read: ${detail}` } };
      return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json', connection: 'close' } });
    },
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '*') return listener(req, res);
    req.resume();
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { allow: SERVER_METHODS });
      return res.end();
    }
    jsonError(res, 400, 'invalid_input', `the request target * is for OPTIONS only, not ${req.method}`);
  };
}

/**
 * Node's parser refuses some requests before any handler sees them (a header
 * block or request line over its limit: 431; bytes that are not HTTP: 400) and
 * by default answers with an empty body. The same answers, as JSON errors.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'the request line and headers are over the server limit (16 KiB)']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'the request was not received in time']
        : [400, 'Bad Request', 'the request is not well-formed HTTP'];
  const body = JSON.stringify({ error: { code: status === 400 ? 'invalid_input' : status === 431 ? 'too_large' : 'timeout', message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

export function startHttp(ctx: AppContext, port = ctx.config.port, host = ctx.config.host): Promise<RunningServer> {
  const app = createApp(ctx);
  return new Promise((resolve) => {
    const server = createServer(listenerFor(app.fetch, host));
    server.on('clientError', answerClientError);
    server.listen(port, host, () => {
      const info = server.address() as AddressInfo;
      const http: Server = server;
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
