import { canTransition } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import type { HttpHandler } from 'msw';
import { liveAccount } from '../internal/accounts.js';
import { fail } from '../internal/api-failure.js';
import { failOutOfRange, memberVisible } from '../internal/permissions.js';
import { route } from '../internal/pipeline.js';
import {
  endSession,
  issueCode,
  knownCustomer,
  receivingServicer,
  recordAssignment,
  sessionOf,
} from '../internal/sessions.js';
import type { World } from '../internal/world.js';

/** `service_state/get` and `service_state/trans` (the session state machine). */
export function serviceStateHandlers(world: World): HttpHandler[] {
  return [
    route(world, 'serviceState.get', ({ request }) => {
      liveAccount(world, request.open_kfid);
      knownCustomer(world, request.external_userid);
      const session = sessionOf(world, request.open_kfid, request.external_userid);
      return session.state === 3 && session.servicer_userid !== undefined
        ? { service_state: session.state, servicer_userid: session.servicer_userid }
        : { service_state: session.state };
    }),
    route(world, 'serviceState.trans', ({ request, app }) => {
      const account = liveAccount(world, request.open_kfid);
      knownCustomer(world, request.external_userid);
      const session = sessionOf(world, request.open_kfid, request.external_userid);
      const from = session.state;
      const to = request.service_state;
      if (from === 4) return fail(world.options.behaviour.endedSessionTransErrcode, 'session already ended');
      const allowUnverified = world.options.behaviour.allowUnverifiedTransitions;
      if (!canTransition(from, to, { allowUnverified }))
        return fail(KfErrorCode.StateTransitionNotAllowed, 'state transition not allowed');
      if (to === 3) {
        const servicer =
          request.servicer_userid ?? fail(KfErrorCode.EmptyParameter, 'servicer_userid is required');
        // The app cannot name a member it cannot see, whether or not they serve the account.
        if (world.state.members.has(servicer) && !memberVisible(world, app, servicer)) {
          failOutOfRange(world, servicer);
        }
        receivingServicer(world, account, servicer);
        if (from === 3 && session.servicer_userid === servicer) {
          return fail(KfErrorCode.StateTransitionNotAllowed, 'the session is already with this servicer');
        }
        session.state = 3;
        session.servicer_userid = servicer;
        session.assignedAt = world.clock.now();
        recordAssignment(world, session, 3, servicer);
      } else if (to === 4) {
        endSession(session);
        return { msg_code: issueCode(world, session, 'end') };
      } else {
        session.state = to;
        delete session.servicer_userid;
        recordAssignment(world, session, to);
      }
      if ((to === 2 || to === 3) && !session.replyCodeIssued) {
        session.replyCodeIssued = true;
        return { msg_code: issueCode(world, session, to === 2 ? 'pool' : 'take') };
      }
      return {};
    }),
  ];
}
