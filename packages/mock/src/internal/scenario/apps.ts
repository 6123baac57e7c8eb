import { KfMockError } from '../../errors.js';
import type { KfMockScenario } from '../../scenario.js';
import { liveAccount } from '../accounts.js';
import type { AppState, World } from '../world.js';
import { DEFAULT_APP } from '../world.js';
import { guard } from './guard.js';

type AppSteps = Pick<KfMockScenario, 'createApp' | 'setAppAccess' | 'setAccountManaged'>;

function appOf(world: World, step: string, name: string): AppState {
  const app = world.state.apps.get(name);
  if (app === undefined) throw new KfMockError(`${step}: no app ${name}`);
  return app;
}

/** The admin console's side of the permission model: apps, their access, the accounts they manage. */
export function appSteps(world: World): AppSteps {
  return {
    createApp({ name, secret, kfApi = true, apiSwitch = true }) {
      if (name === '' || secret === '') throw new KfMockError('createApp: name and secret must not be empty');
      if (world.state.apps.has(name)) throw new KfMockError(`createApp: an app ${name} exists already`);
      if ([...world.state.apps.values()].some((app) => app.secret === secret)) {
        throw new KfMockError('createApp: another app has this secret');
      }
      world.state.apps.set(name, { name, secret, kfApi, apiSwitch, managesAll: false, managed: new Set() });
    },
    setAppAccess(name, { kfApi, apiSwitch }) {
      const app = appOf(world, 'setAppAccess', name);
      if (kfApi !== undefined) app.kfApi = kfApi;
      if (apiSwitch !== undefined) app.apiSwitch = apiSwitch;
    },
    setAccountManaged({ app: name, open_kfid, managed }) {
      const step = 'setAccountManaged';
      const app = appOf(world, step, name);
      if (app.managesAll) throw new KfMockError(`${step}: the ${DEFAULT_APP} app manages every account`);
      guard(step, () => liveAccount(world, open_kfid));
      if (managed) app.managed.add(open_kfid);
      else app.managed.delete(open_kfid);
    },
  };
}
