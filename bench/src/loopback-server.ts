/**
 * A minimal `node:http` server answering canned JSON on loopback, run in its own process (forked
 * by `loopback.ts`) so that its CPU does not share the event loop of the client being measured.
 * The parent may add or replace answers (a JSON object, path → body, as the first argument).
 * It counts requests per path; `GET /__stats` returns the counts, `POST /__reset` clears them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const TOKEN = 'BENCH_ACCESS_TOKEN_0123456789abcdefghijklmnopqrstuvwxyz';

const canned: Record<string, string> = {
  '/cgi-bin/gettoken': JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: TOKEN, expires_in: 7200 }),
  '/cgi-bin/kf/account/list': JSON.stringify({
    errcode: 0,
    errmsg: 'ok',
    account_list: [
      {
        open_kfid: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q',
        name: '咨询客服',
        avatar:
          'https://wework.qpic.cn/wwhead/duc2TvpEgSSjibPZlNR6chpx9W3dtd9Ogp8XEmSNKGa6uufMWn2239HUPuwIFoYYZ7Ph580FPvo8/0',
        manage_privilege: false,
      },
      {
        open_kfid: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
        name: '售后服务',
        avatar:
          'https://wework.qpic.cn/wwhead/duc2TvpEgSSjibPZlNR6chpx9W3dtd9Ogp8XEmSNKGa6uufMWn2239HUPuwIFoYYZ7Ph580FPvo8/0',
        manage_privilege: true,
      },
    ],
  }),
  '/cgi-bin/kf/send_msg': JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: 'MSG_0123456789abcdef' }),
  // Answers given by the parent (`startLoopback(canned)`) replace these.
  ...(JSON.parse(process.argv[2] ?? '{}') as Record<string, string>),
};

const counts = new Map<string, number>();

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  req.resume();
  req.on('end', () => {
    if (path === '/__stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(Object.fromEntries(counts)));
      return;
    }
    if (path === '/__reset') {
      counts.clear();
      res.writeHead(204).end();
      return;
    }
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const body = canned[path];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no route');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ port, token: TOKEN });
});
// The parent closes the IPC channel (or dies): stop then, never linger.
process.on('disconnect', () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
});
