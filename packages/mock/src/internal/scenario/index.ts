import type { KfMockScenario } from '../../scenario.js';
import type { World } from '../world.js';
import { appSteps } from './apps.js';
import { customerSteps } from './customer.js';
import { faultSteps } from './faults.js';
import { servicerSteps } from './servicer.js';
import { setupSteps } from './setup.js';

/** The scenario API over a world. */
export function createScenario(world: World): KfMockScenario {
  return {
    ...setupSteps(world),
    ...appSteps(world),
    ...customerSteps(world),
    ...servicerSteps(world),
    ...faultSteps(world),
  };
}
