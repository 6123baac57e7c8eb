import { KfMockError } from '../../errors.js';
import type { KfMockScenario, KfMockVisibleRange } from '../../scenario.js';
import { liveAccount } from '../accounts.js';
import { checkCallbackConfig } from '../callbacks/config.js';
import type { AppState, VisibleRangeState, World } from '../world.js';
import { DEFAULT_APP, nowSeconds } from '../world.js';
import { guard } from './guard.js';

type AppSteps = Pick<
  KfMockScenario,
  | 'createApp'
  | 'setAppAccess'
  | 'setAccountManaged'
  | 'setAppVisibleRange'
  | 'createThirdPartyApp'
  | 'authorizeAccounts'
>;

function appOf(world: World, step: string, name: string): AppState {
  const app = world.state.apps.get(name);
  if (app === undefined) throw new KfMockError(`${step}: no app ${name}`);
  return app;
}

function rangeOf(step: string, range: KfMockVisibleRange): VisibleRangeState {
  const userids = range.userids ?? [];
  const departmentIds = range.department_ids ?? [];
  if (!userids.every((userid) => typeof userid === 'string' && userid !== '')) {
    throw new KfMockError(`${step}: visible range userids must be non-empty strings`);
  }
  if (!departmentIds.every((id) => Number.isInteger(id) && id > 0)) {
    throw new KfMockError(`${step}: visible range department_ids must be positive integers`);
  }
  return { userids: new Set(userids), departmentIds: new Set(departmentIds) };
}

function checkNewApp(world: World, step: string, name: string, secret: string): void {
  if (name === '' || secret === '') throw new KfMockError(`${step}: name and secret must not be empty`);
  if (world.state.apps.has(name)) throw new KfMockError(`${step}: an app ${name} exists already`);
  if ([...world.state.apps.values()].some((app) => app.secret === secret)) {
    throw new KfMockError(`${step}: another app has this secret`);
  }
}

/** The admin console's side of the permission model: apps, their access, the accounts they manage. */
export function appSteps(world: World): AppSteps {
  return {
    createApp({ name, secret, kfApi = true, apiSwitch = true, visibleRange }) {
      checkNewApp(world, 'createApp', name, secret);
      const range = visibleRange === undefined ? undefined : rangeOf('createApp', visibleRange);
      world.state.apps.set(name, {
        name,
        secret,
        kind: 'self-built',
        kfApi,
        apiSwitch,
        managesAll: false,
        managed: new Set(),
        ...(range === undefined ? {} : { visibleRange: range }),
      });
    },
    createThirdPartyApp({ name, secret, callback, visibleRange }) {
      const step = 'createThirdPartyApp';
      checkNewApp(world, step, name, secret);
      const range = visibleRange === undefined ? undefined : rangeOf(step, visibleRange);
      if (callback !== undefined) checkCallbackConfig(callback);
      world.state.apps.set(name, {
        name,
        secret,
        kind: 'third-party',
        kfApi: true,
        apiSwitch: true,
        managesAll: false,
        managed: new Set(),
        ...(range === undefined ? {} : { visibleRange: range }),
        ...(callback === undefined ? {} : { callback: { ...callback } }),
      });
    },
    setAppAccess(name, { kfApi, apiSwitch }) {
      const app = appOf(world, 'setAppAccess', name);
      if (kfApi !== undefined) app.kfApi = kfApi;
      if (apiSwitch !== undefined) app.apiSwitch = apiSwitch;
    },
    setAppVisibleRange(name, range) {
      const step = 'setAppVisibleRange';
      const app = appOf(world, step, name);
      if (range === null) delete app.visibleRange;
      else app.visibleRange = rangeOf(step, range);
    },
    setAccountManaged({ app: name, open_kfid, managed }) {
      const step = 'setAccountManaged';
      const app = appOf(world, step, name);
      if (app.managesAll) throw new KfMockError(`${step}: the ${DEFAULT_APP} app manages every account`);
      if (app.kind === 'third-party') {
        throw new KfMockError(`${step}: ${name} is a third-party app: use authorizeAccounts`);
      }
      guard(step, () => liveAccount(world, open_kfid));
      if (managed) app.managed.add(open_kfid);
      else app.managed.delete(open_kfid);
    },
    authorizeAccounts({ app: name, add = [], del = [] }) {
      const step = 'authorizeAccounts';
      const app = appOf(world, step, name);
      if (app.kind !== 'third-party') throw new KfMockError(`${step}: ${name} is not a third-party app`);
      // Authorizing needs a live account; taking one away works for a deleted one too.
      for (const open_kfid of add) guard(step, () => liveAccount(world, open_kfid));
      for (const open_kfid of del) {
        if (!world.state.accounts.has(open_kfid)) throw new KfMockError(`${step}: no account ${open_kfid}`);
      }
      const both = add.filter((open_kfid) => del.includes(open_kfid));
      if (both.length > 0) throw new KfMockError(`${step}: ${both[0]} is both added and removed`);
      const added = [...new Set(add)].filter((open_kfid) => !app.managed.has(open_kfid));
      const removed = [...new Set(del)].filter((open_kfid) => app.managed.has(open_kfid));
      for (const open_kfid of added) app.managed.add(open_kfid);
      for (const open_kfid of removed) app.managed.delete(open_kfid);
      if (added.length === 0 && removed.length === 0) return;
      world.events.emit('kf_account_auth_change', {
        app: name,
        added,
        removed,
        createTime: nowSeconds(world),
      });
    },
  };
}
