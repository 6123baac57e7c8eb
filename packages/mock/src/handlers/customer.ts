import type { KfCustomer } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { liveAccount } from '../internal/accounts.js';
import { fail } from '../internal/api-failure.js';
import { route } from '../internal/pipeline.js';
import { knownCustomer, sessionOf, WINDOW_MS } from '../internal/sessions.js';
import type { CustomerState, World } from '../internal/world.js';
import { sessionKey } from '../internal/world.js';

function within48h(world: World, at: number | undefined): boolean {
  return at !== undefined && world.clock.now() - at <= WINDOW_MS;
}

function customerOf(world: World, customer: CustomerState, withContext: boolean): KfCustomer {
  const out: KfCustomer = {
    external_userid: customer.external_userid,
    nickname: customer.nickname,
    avatar: customer.avatar,
    gender: customer.gender,
    ...(customer.unionid === undefined ? {} : { unionid: customer.unionid }),
  };
  if (withContext && customer.lastEnterContext !== undefined && within48h(world, customer.lastEnterAt)) {
    out.enter_session_context = { ...customer.lastEnterContext };
  }
  return out;
}

/** Whether `userid` may be recommended: configured in 升级服务 directly or through a department. */
function upgradeMember(world: World, userid: string): boolean {
  const { upgrade, members } = world.state;
  if (upgrade.userids.includes(userid)) return true;
  return members.get(userid)?.departments.some((id) => upgrade.departmentIds.includes(id)) ?? false;
}

/** `customer/batchget` and the 升级服务 endpoints. */
export function customerHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'customer.batchget', ({ request }) => {
      const customer_list: KfCustomer[] = [];
      const invalid_external_userid: string[] = [];
      for (const id of request.external_userid_list) {
        const customer = world.state.customers.get(id);
        // Only customers who entered a session or wrote within 48 hours are answered.
        if (customer === undefined || !within48h(world, customer.lastActivityAt)) {
          invalid_external_userid.push(id);
        } else {
          customer_list.push(customerOf(world, customer, request.need_enter_session_context === 1));
        }
      }
      return { customer_list, invalid_external_userid };
    }),
    route(world, 'customer.getUpgradeServiceConfig', () => ({
      member_range: {
        userid_list: [...world.state.upgrade.userids],
        department_id_list: [...world.state.upgrade.departmentIds],
      },
      groupchat_range: { chat_id_list: [...world.state.upgrade.chatIds] },
    })),
    route(world, 'customer.upgradeService', ({ request }) => {
      liveAccount(world, request.open_kfid);
      knownCustomer(world, request.external_userid);
      const target = request.type === 1 ? request.member.userid : request.groupchat.chat_id;
      const configured =
        request.type === 1 ? upgradeMember(world, target) : world.state.upgrade.chatIds.includes(target);
      if (!configured)
        fail(KfErrorCode.UpgradeServiceNotConfigured, 'userid or chat_id is not configured in 升级服务');
      world.state.upgrades.set(sessionKey(request.open_kfid, request.external_userid), {
        type: request.type,
        target,
      });
      const session = sessionOf(world, request.open_kfid, request.external_userid);
      world.state.stats.push({
        kind: 'upgrade',
        at: world.clock.now(),
        open_kfid: request.open_kfid,
        external_userid: request.external_userid,
        type: request.type,
        ...(session.servicer_userid === undefined ? {} : { servicer_userid: session.servicer_userid }),
      });
      return {};
    }),
    route(world, 'customer.cancelUpgradeService', ({ request }) => {
      liveAccount(world, request.open_kfid);
      knownCustomer(world, request.external_userid);
      world.state.upgrades.delete(sessionKey(request.open_kfid, request.external_userid));
      return {};
    }),
  ];
}
