/**
 * The standalone mock of benchmark 5, in its own process (forked by `bench-mock-server.ts`) like
 * the bare baseline server, so that neither shares the event loop of the load generator. It
 * starts `start()` of `@kf/mock/server` on a port from the OS with two accounts and 128 customers
 * who each wrote once, and sends `{ url, open_kfid, customers }` over IPC. The message `'refill'`
 * makes every customer write again (so each may receive 5 more `send_msg`, the platform's quota),
 * answered with `'refilled'`.
 */
import { start } from '@kf/mock/server';

const CUSTOMERS = 128;

const server = await start({ seed: 'bench-mock-server' });
const { mock } = server;
const open_kfid = mock.scenario.createAccount({ name: '咨询客服' });
mock.scenario.createAccount({ name: '售后服务' });
const customers = Array.from({ length: CUSTOMERS }, (_, i) =>
  mock.scenario.createCustomer({ nickname: `c${i}` }),
);
const refill = (): void => {
  for (const external_userid of customers) {
    mock.scenario.customerSends({
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: '在吗' } },
    });
  }
};
refill();
process.on('message', (message) => {
  if (message === 'refill') {
    refill();
    process.send?.('refilled');
  }
});
process.send?.({ url: server.url, open_kfid, customers });
// The parent closes the IPC channel (or dies): stop then, never linger.
process.on('disconnect', () => {
  server.close().finally(() => process.exit(0));
});
