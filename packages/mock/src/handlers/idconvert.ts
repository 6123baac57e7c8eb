import type { HttpHandler } from 'msw';
import { manages } from '../internal/permissions.js';
import { route } from '../internal/pipeline.js';
import type { World } from '../internal/world.js';

/**
 * `idconvert/open_kfid` (微信客服ID的转换, official doc 97110), for third-party and 代开发 apps
 * (others answer 48002 in the pipeline). The mock keeps one id space: its `open_kfid`s are already
 * the provider's (as the doc says of an id that is: `new_open_kfid` equals `open_kfid`), so a
 * convertible id converts to itself. Convertible: a live account authorized to the calling app;
 * anything else (unknown, deleted, not authorized) is in `invalid_open_kfid_list`.
 */
export function idconvertHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'idconvert.openKfid', ({ request, app }) => {
      const items: { open_kfid: string; new_open_kfid: string }[] = [];
      const invalid_open_kfid_list: string[] = [];
      for (const open_kfid of new Set(request.open_kfid_list)) {
        const account = world.state.accounts.get(open_kfid);
        const convertible = account?.deleted === false && app !== undefined && manages(app, open_kfid);
        if (convertible) items.push({ open_kfid, new_open_kfid: open_kfid });
        else invalid_open_kfid_list.push(open_kfid);
      }
      return { items, invalid_open_kfid_list };
    }),
  ];
}
