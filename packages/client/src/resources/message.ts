import {
  parseKfMsg,
  type SendMsgOnEventRequest,
  type SendMsgOnEventResponse,
  type SendMsgRequest,
  type SendMsgResponse,
  type SyncMsgRequest,
  type SyncMsgResponse,
} from '@kf/types';
import type { Core } from '../internal/core.js';
import { callEndpoint } from '../internal/endpoint.js';
import { cursorPages } from '../internal/paginate.js';
import type { KfCallOptions } from '../options.js';

/**
 * A fresh `msgid`: 32 hex characters, within the platform's 32 bytes of `[0-9a-zA-Z_-]`. Random,
 * so two processes never collide.
 */
export function generateMsgid(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '');
}

/**
 * A `sync_msg` page that skipped schema validation (`'off'`, or `'warn'` after a mismatch): every
 * item is still read with `parseKfMsg`, so a handler always gets a parsed message.
 */
function parseMsgList(body: Record<string, unknown>): Record<string, unknown> {
  const list = body.msg_list;
  return { ...body, msg_list: Array.isArray(list) ? list.map((item) => parseKfMsg(item)) : [] };
}

/** `POST /kf/sync_msg` (读取消息): one page; every item is parsed with `parseKfMsg`. */
export function syncMsg(
  core: Core,
  request: SyncMsgRequest,
  options: KfCallOptions | undefined,
): Promise<SyncMsgResponse> {
  return callEndpoint(core, 'syncMsg', request, options, parseMsgList);
}

/**
 * Every page from `request.cursor` on, following `has_more` / `next_cursor`, empty pages included
 * (the platform may say "more" with an empty `msg_list`). Persist each page's `next_cursor` once
 * its messages are handled.
 */
export function syncMsgPages(
  core: Core,
  request: SyncMsgRequest,
  options: KfCallOptions | undefined,
): AsyncGenerator<SyncMsgResponse, void, undefined> {
  return cursorPages('syncMsg', request.cursor, (cursor) =>
    syncMsg(core, { ...request, ...(cursor === undefined ? {} : { cursor }) }, options),
  );
}

/** `POST /kf/send_msg` (发送消息), with a generated `msgid` when none is given. */
export function sendMsg(
  core: Core,
  request: SendMsgRequest,
  options: KfCallOptions | undefined,
): Promise<SendMsgResponse> {
  const msgid = request.msgid ?? generateMsgid();
  return callEndpoint(core, 'sendMsg', { ...request, msgid }, options);
}

/** `POST /kf/send_msg_on_event` (发送欢迎语等事件响应消息), with a generated `msgid` when none is given. */
export function sendMsgOnEvent(
  core: Core,
  request: SendMsgOnEventRequest,
  options: KfCallOptions | undefined,
): Promise<SendMsgOnEventResponse> {
  const msgid = request.msgid ?? generateMsgid();
  return callEndpoint(core, 'sendMsgOnEvent', { ...request, msgid }, options);
}
