/**
 * The message log (消息记录) of each kf account: what `sync_msg` serves, appended to by sends,
 * customers and events. Named for what it holds, not a logger (the mock logs through `options.logger`).
 */
import { KF_LIFETIMES_MS, KfMsg } from '@kf/types';
import { KfMockError } from '../errors.js';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { pruneIfDue } from './retention.js';
import type { AccountState, WireMessage, World } from './world.js';
import { nowSeconds } from './world.js';

/** A `sync_msg` token from a `kf_msg_or_event` callback is valid 10 minutes. */
export const SYNC_TOKEN_TTL_MS = KF_LIFETIMES_MS.callbackToken;

export { RETENTION_MS } from './retention.js';

/** A message to log, without the fields the log assigns. */
export type NewMessage = Record<string, unknown> & { origin: number; msgid?: string };

/**
 * Appends a message or event to the account's log, after checking it against `KfMsg` so the mock
 * can only serve what the types accept, then announces it (`kf_msg_or_event`) with a fresh token.
 */
export function appendToLog(world: World, account: AccountState, message: NewMessage): WireMessage {
  const wire: WireMessage = {
    ...message,
    msgid: message.msgid ?? world.random.string(32),
    send_time: nowSeconds(world),
    origin: message.origin,
  };
  const checked = KfMsg.safeParse(wire);
  if (!checked.success || checked.data.msgtype === 'unknown') {
    const why = checked.success ? `unknown msgtype ${String(wire.msgtype)}` : checked.error.message;
    throw new KfMockError(`not a valid received message: ${why}`);
  }
  pruneIfDue(world);
  // Numbered by the account, not by the log's length: pruning old entries must not reuse a seq.
  account.lastSeq++;
  account.log.push({ seq: account.lastSeq, at: world.clock.now(), message: wire });
  const token = `ENC${world.random.string(44)}`;
  world.state.syncTokens.set(token, {
    open_kfid: account.open_kfid,
    expiresAt: world.clock.now() + SYNC_TOKEN_TTL_MS,
  });
  world.state.latestSyncToken.set(account.open_kfid, token);
  world.events.emit('kf_msg_or_event', {
    open_kfid: account.open_kfid,
    token,
    createTime: nowSeconds(world),
  });
  return wire;
}

/** A decoded `sync_msg` cursor: the account, the last seq served, and whether an empty page was served. */
export interface Cursor {
  readonly account: number;
  readonly seq: number;
  readonly primed: boolean;
}

/**
 * Cursors are opaque to the app; inside they name the account so that a cursor of another account
 * is rejected rather than silently skipping messages.
 */
export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(`c1:${cursor.account}:${cursor.seq}:${cursor.primed ? 1 : 0}`);
}

/** Reads a cursor, or `undefined` when it is not one this mock issued. */
export function decodeCursor(text: string): Cursor | undefined {
  const match = /^c1:(\d+):(\d+):([01])$/.exec(fromBase64Url(text) ?? '');
  if (match === null) return undefined;
  return { account: Number(match[1]), seq: Number(match[2]), primed: match[3] === '1' };
}
