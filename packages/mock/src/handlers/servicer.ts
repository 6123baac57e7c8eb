import type { KfServicer, KfServicerResult } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { liveAccount } from '../internal/accounts.js';
import { departmentVisible, memberVisible } from '../internal/permissions.js';
import { route } from '../internal/pipeline.js';
import type { AccountState, AppState, World } from '../internal/world.js';

/** Most members one kf account may have as servicers. */
export const MAX_SERVICER_MEMBERS = 2000;
/** Most departments one kf account may have as servicers. */
export const MAX_SERVICER_DEPARTMENTS = 20;

type Change = 'add' | 'del';

function memberResult(
  world: World,
  app: AppState | undefined,
  account: AccountState,
  userid: string,
  change: Change,
): KfServicerResult {
  if (!world.state.members.has(userid))
    return { userid, errcode: KfErrorCode.InvalidUserId, errmsg: 'invalid userid' };
  // The servicers an app names must be inside its visible range (the servicer pages' 权限说明).
  if (!memberVisible(world, app, userid)) {
    const errcode = world.options.behaviour.visibleRangeErrcode;
    return { userid, errcode, errmsg: 'userid outside the app visible range' };
  }
  const present = account.members.has(userid);
  if (change === 'add' ? present : !present) return { userid, errcode: 0, errmsg: 'ignored' };
  if (change === 'add' && account.members.size >= MAX_SERVICER_MEMBERS) {
    return {
      userid,
      errcode: KfErrorCode.InvalidRequestParameter,
      errmsg: `at most ${MAX_SERVICER_MEMBERS} servicers per account`,
    };
  }
  if (change === 'add') account.members.add(userid);
  else account.members.delete(userid);
  return { userid, errcode: 0, errmsg: 'success' };
}

function departmentResult(
  world: World,
  app: AppState | undefined,
  account: AccountState,
  department_id: number,
  change: Change,
): KfServicerResult {
  if (!world.state.departments.has(department_id)) {
    return { department_id, errcode: 60003, errmsg: 'department not found' };
  }
  if (!departmentVisible(app, department_id)) {
    const errcode = KfErrorCode.TargetOutOfPermission;
    return { department_id, errcode, errmsg: 'department outside the app visible range' };
  }
  const present = account.departments.has(department_id);
  if (change === 'add' ? present : !present) return { department_id, errcode: 0, errmsg: 'ignored' };
  if (change === 'add' && account.departments.size >= MAX_SERVICER_DEPARTMENTS) {
    return {
      department_id,
      errcode: KfErrorCode.InvalidRequestParameter,
      errmsg: `at most ${MAX_SERVICER_DEPARTMENTS} departments per account`,
    };
  }
  if (change === 'add') account.departments.add(department_id);
  else account.departments.delete(department_id);
  return { department_id, errcode: 0, errmsg: 'success' };
}

function applyChange(
  world: World,
  app: AppState | undefined,
  change: Change,
  request: {
    open_kfid: string;
    userid_list?: string[] | undefined;
    department_id_list?: number[] | undefined;
  },
): { result_list: KfServicerResult[] } {
  const account = liveAccount(world, request.open_kfid);
  return {
    result_list: [
      ...(request.userid_list ?? []).map((userid) => memberResult(world, app, account, userid, change)),
      ...(request.department_id_list ?? []).map((id) => departmentResult(world, app, account, id, change)),
    ],
  };
}

/** `servicer/add`, `servicer/del` (per-item results) and `servicer/list`. */
export function servicerHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'servicer.add', ({ request, app }) => applyChange(world, app, 'add', request)),
    route(world, 'servicer.del', ({ request, app }) => applyChange(world, app, 'del', request)),
    route(world, 'servicer.list', ({ request, app }) => {
      const account = liveAccount(world, request.open_kfid);
      // Servicers outside the caller's visible range are left out, as WeCom's member lists leave
      // out what the app cannot see (the docs only say servicers must be inside the range).
      const visible = [...account.members].filter((userid) => memberVisible(world, app, userid));
      const members = visible.map((userid): KfServicer => {
        const member = world.state.members.get(userid);
        const status = member?.status ?? 0;
        return status === 1 ? { userid, status, stop_type: member?.stop_type ?? 0 } : { userid, status };
      });
      const departments = [...account.departments]
        .filter((department_id) => departmentVisible(app, department_id))
        .map((department_id): KfServicer => ({ department_id }));
      return { servicer_list: [...members, ...departments] };
    }),
  ];
}
