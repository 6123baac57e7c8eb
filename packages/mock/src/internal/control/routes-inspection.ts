import { KfMockError } from '../../errors.js';
import type { ControlRoute } from './kit.js';
import { required } from './kit.js';
import { defined } from './schemas.js';
import { ControlError } from './validate.js';

/** Read-only views of the world. */
export const inspectionRoutes: readonly ControlRoute[] = [
  {
    method: 'GET',
    path: '/accounts',
    summary: 'the live kf accounts',
    run: (c) => ({ accounts: c.mock.world.accounts() }),
  },
  {
    method: 'GET',
    path: '/customers',
    summary: 'every customer',
    run: (c) => ({ customers: c.mock.world.customers() }),
  },
  {
    method: 'GET',
    path: '/session',
    summary: 'the session of ?open_kfid&external_userid',
    run: (c) => {
      const open_kfid = required(c.query, 'open_kfid');
      const external_userid = required(c.query, 'external_userid');
      try {
        return c.mock.world.session(open_kfid, external_userid);
      } catch (error) {
        // An unknown id is a missing resource here, not a refused scenario step.
        if (error instanceof KfMockError) throw new ControlError(404, 'not_found', error.message);
        throw error;
      }
    },
  },
  {
    method: 'GET',
    path: '/messages',
    summary: "the account's log as sync_msg serves it (?open_kfid)",
    run: (c) => ({ messages: c.mock.world.messages(required(c.query, 'open_kfid')) }),
  },
  {
    method: 'GET',
    path: '/sent',
    summary: 'what the app sent, in order (?open_kfid&external_userid, both optional)',
    run: (c) => ({
      sent: c.mock.world.sent(
        defined({
          open_kfid: c.query.get('open_kfid') ?? undefined,
          external_userid: c.query.get('external_userid') ?? undefined,
        }),
      ),
    }),
  },
  {
    method: 'GET',
    path: '/callback-token',
    summary: 'the Token of the latest kf_msg_or_event of ?open_kfid → { token }',
    run: (c) => ({ token: c.mock.world.latestCallbackToken(required(c.query, 'open_kfid')) ?? null }),
  },
  {
    method: 'GET',
    path: '/media',
    summary: 'a stored media file (?media_id) with its bytes in base64',
    run: (c) => {
      const media = c.mock.world.media(required(c.query, 'media_id'));
      if (media === undefined) throw new ControlError(404, 'not_found', 'no such media_id');
      const { bytes, ...rest } = media;
      return { ...rest, base64: Buffer.from(bytes).toString('base64') };
    },
  },
  {
    method: 'GET',
    path: '/calls',
    summary: 'every API call answered, in order',
    run: (c) => ({ calls: c.mock.world.calls() }),
  },
];
