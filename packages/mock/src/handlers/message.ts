import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { liveAccount } from '../internal/accounts.js';
import { fail } from '../internal/api-failure.js';
import { decodeCursor, encodeCursor } from '../internal/message-log.js';
import { route } from '../internal/pipeline.js';
import { RETENTION_MS } from '../internal/retention.js';
import {
  checkContentMedia,
  checkCustomerCap,
  checkSendAllowed,
  claimMsgid,
  logSendFail,
  recordSent,
} from '../internal/send-rules.js';
import { knownCustomer, sessionOf } from '../internal/sessions.js';
import type { AccountState, World } from '../internal/world.js';

/** Code kinds whose message may be a menu; the queue and take-over notices are text only. */
const MENU_ALLOWED = new Set(['welcome', 'end']);

/** A valid callback token of this account (95007 otherwise), or the strict tokenless rate limit (45009). */
function admitSync(world: World, account: AccountState, token: string | undefined): void {
  const now = world.clock.now();
  if (token !== undefined) {
    const state = world.state.syncTokens.get(token);
    if (state === undefined || state.open_kfid !== account.open_kfid || now >= state.expiresAt) {
      fail(KfErrorCode.InvalidMsgToken, 'invalid msg token');
    }
    return;
  }
  const { maxCalls, windowSeconds } = world.options.behaviour.syncMsgWithoutToken;
  account.tokenlessSyncCalls = account.tokenlessSyncCalls.filter((at) => now - at < windowSeconds * 1000);
  if (account.tokenlessSyncCalls.length >= maxCalls) {
    fail(KfErrorCode.ApiRateLimitExceeded, 'api freq out of limit (sync_msg without token)');
  }
  account.tokenlessSyncCalls.push(now);
}

/** The content part of a send request: `{ msgtype, <msgtype>: {...} }`. */
function contentOf(request: Record<string, unknown>): Record<string, unknown> {
  const { touser: _touser, open_kfid: _open_kfid, msgid: _msgid, code: _code, ...content } = request;
  return content;
}

/** `sync_msg`, `send_msg` and `send_msg_on_event`. */
export function messageHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'syncMsg', ({ request }) => {
      const account = liveAccount(world, request.open_kfid);
      admitSync(world, account, request.token);
      const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
      if (request.cursor !== undefined && (cursor === undefined || cursor.account !== account.no)) {
        return fail(KfErrorCode.InvalidRequestParameter, 'invalid cursor');
      }
      const after = cursor?.seq ?? 0;
      const cutoff = world.clock.now() - RETENTION_MS;
      const pending = account.log.filter((entry) => entry.seq > after && entry.at > cutoff);
      if (world.options.behaviour.syncMsgEmptyPageBeforeData && pending.length > 0 && !cursor?.primed) {
        return {
          next_cursor: encodeCursor({ account: account.no, seq: after, primed: true }),
          has_more: 1,
          msg_list: [],
        };
      }
      const page = pending.slice(0, request.limit ?? 1000);
      return {
        next_cursor: encodeCursor({ account: account.no, seq: page.at(-1)?.seq ?? after, primed: false }),
        has_more: pending.length > page.length ? 1 : 0,
        msg_list: page.map((entry) => entry.message),
      };
    }),
    route(world, 'sendMsg', ({ request }) => {
      const account = liveAccount(world, request.open_kfid);
      knownCustomer(world, request.touser);
      const content = contentOf(request);
      checkContentMedia(world, request);
      const session = sessionOf(world, account.open_kfid, request.touser);
      checkSendAllowed(world, session);
      const overCap = checkCustomerCap(world, request.touser);
      const msgid = claimMsgid(world, account, request.msgid);
      recordSent(world, account, session, {
        msgid,
        open_kfid: account.open_kfid,
        external_userid: request.touser,
        via: 'send_msg',
        sentAt: world.clock.now(),
        content,
      });
      if (overCap === undefined) world.state.servedCustomers.add(request.touser);
      else logSendFail(world, account, request.touser, msgid, overCap);
      return { msgid };
    }),
    route(world, 'sendMsgOnEvent', ({ request }) => {
      const code = world.state.codes.get(request.code);
      if (code === undefined || code.used || world.clock.now() >= code.expiresAt) {
        return fail(KfErrorCode.InvalidMsgToken, 'invalid msg code');
      }
      const account = liveAccount(world, code.open_kfid);
      const session = sessionOf(world, code.open_kfid, code.external_userid);
      if (
        code.kind !== 'welcome' &&
        (session.instance !== code.instance || session.state !== code.boundState)
      ) {
        return fail(
          KfErrorCode.InvalidMsgToken,
          'the session is no longer in the state the code was issued for',
        );
      }
      if (request.msgtype === 'msgmenu' && !MENU_ALLOWED.has(code.kind)) {
        return fail(KfErrorCode.InvalidMsgType, 'this code only allows a text message');
      }
      const msgid = claimMsgid(world, account, request.msgid);
      code.used = true;
      if (code.kind === 'welcome') session.lastWelcomeAt = world.clock.now();
      recordSent(world, account, session, {
        msgid,
        open_kfid: account.open_kfid,
        external_userid: code.external_userid,
        via: 'send_msg_on_event',
        sentAt: world.clock.now(),
        content: contentOf(request),
        code: request.code,
      });
      return { msgid };
    }),
  ];
}
