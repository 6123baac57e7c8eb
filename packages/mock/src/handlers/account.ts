import type { HttpHandler } from 'msw';
import { avatarUrl, contactUrl, createAccount, liveAccount } from '../internal/accounts.js';
import { usableMedia } from '../internal/media.js';
import { checkMayAddAccount, manages } from '../internal/permissions.js';
import { route } from '../internal/pipeline.js';
import type { World } from '../internal/world.js';

/** `account/add`, `account/del`, `account/update`, `account/list` and `add_contact_way`. */
export function accountHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'account.add', ({ request, app }) => {
      if (app !== undefined) checkMayAddAccount(world, app);
      usableMedia(world, request.media_id, 'image');
      const { open_kfid } = createAccount(world, request.name, request.media_id);
      // An account created through the API is managed by the app that created it.
      app?.managed.add(open_kfid);
      return { open_kfid };
    }),
    route(world, 'account.del', ({ request }) => {
      liveAccount(world, request.open_kfid).deleted = true;
      return {};
    }),
    route(world, 'account.update', ({ request }) => {
      const account = liveAccount(world, request.open_kfid);
      if (request.media_id !== undefined) usableMedia(world, request.media_id, 'image');
      if (request.name !== undefined) account.name = request.name;
      if (request.media_id !== undefined) account.media_id = request.media_id;
      return {};
    }),
    route(world, 'account.list', ({ request, app }) => {
      const offset = request.offset ?? 0;
      const limit = request.limit ?? 100;
      const live = [...world.state.accounts.values()].filter((account) => !account.deleted);
      return {
        account_list: live.slice(offset, offset + limit).map((account) => ({
          open_kfid: account.open_kfid,
          name: account.name,
          avatar: avatarUrl(account),
          manage_privilege: app === undefined || manages(app, account.open_kfid),
        })),
      };
    }),
    route(world, 'addContactWay', ({ request }) => ({
      url: contactUrl(world, liveAccount(world, request.open_kfid), request.scene ?? ''),
    })),
  ];
}
