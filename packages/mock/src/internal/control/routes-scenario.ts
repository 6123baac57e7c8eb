import type { ControlRoute } from './kit.js';
import { body } from './kit.js';
import { Bodies, defined, rangeInput } from './schemas.js';

/** Set-up, customer and servicer steps. */
export const scenarioRoutes: readonly ControlRoute[] = [
  {
    method: 'POST',
    path: '/accounts',
    summary: 'create a kf account → { open_kfid }',
    run: (c) => ({ open_kfid: c.mock.scenario.createAccount(defined(body(c, Bodies.account))) }),
  },
  {
    method: 'POST',
    path: '/apps',
    summary: 'create a self-built app with its own secret and, optionally, a visible range',
    run: (c) => {
      const { visibleRange, ...app } = body(c, Bodies.app);
      c.mock.scenario.createApp(defined({ ...app, visibleRange: visibleRange && rangeInput(visibleRange) }));
    },
  },
  {
    method: 'POST',
    path: '/apps/visible-range',
    summary:
      "set an app's visible range (userids, department_ids), or null for the whole corp (60011 outside)",
    run: (c) => {
      const { name, visibleRange } = body(c, Bodies.appVisibleRange);
      c.mock.scenario.setAppVisibleRange(name, visibleRange === null ? null : rangeInput(visibleRange));
    },
  },
  {
    method: 'POST',
    path: '/third-party-apps',
    summary: 'create a third-party / 代开发 app: its secret, its own callback, a visible range',
    run: (c) => {
      const { visibleRange, callback, ...app } = body(c, Bodies.thirdPartyApp);
      c.mock.scenario.createThirdPartyApp(
        defined({
          ...app,
          visibleRange: visibleRange && rangeInput(visibleRange),
          callback: callback && defined(callback),
        }),
      );
    },
  },
  {
    method: 'POST',
    path: '/third-party-apps/accounts',
    summary: 'authorize accounts to a third-party app (add) or take them away (del): kf_account_auth_change',
    run: (c) => c.mock.scenario.authorizeAccounts(defined(body(c, Bodies.accountAuth))),
  },
  {
    method: 'POST',
    path: '/apps/access',
    summary: "change an app's access: kfApi (48002 when false), apiSwitch (95017 when false)",
    run: (c) => {
      const { name, ...access } = body(c, Bodies.appAccess);
      c.mock.scenario.setAppAccess(name, defined(access));
    },
  },
  {
    method: 'POST',
    path: '/apps/accounts',
    summary: 'assign an account to an app, or take it away (48007 for the app then)',
    run: (c) => c.mock.scenario.setAccountManaged(body(c, Bodies.accountManaged)),
  },
  {
    method: 'POST',
    path: '/members',
    summary: 'create a corp member who can become a servicer',
    run: (c) => c.mock.scenario.createMember(defined(body(c, Bodies.member))),
  },
  {
    method: 'POST',
    path: '/departments',
    summary: 'create a department',
    run: (c) => c.mock.scenario.createDepartment(body(c, Bodies.department).department_id),
  },
  {
    method: 'POST',
    path: '/servicers',
    summary: 'make a member (created if unknown) a servicer of an account',
    run: (c) => {
      const { open_kfid, userid } = body(c, Bodies.servicer);
      c.mock.scenario.addServicer(open_kfid, userid);
    },
  },
  {
    method: 'POST',
    path: '/customers',
    summary: 'create a WeChat customer → { external_userid }',
    run: (c) => ({ external_userid: c.mock.scenario.createCustomer(defined(body(c, Bodies.customer))) }),
  },
  {
    method: 'POST',
    path: '/media',
    summary: 'store a temporary media file (text or base64 bytes) → { media_id }',
    run: (c) => {
      const { text, base64, ...rest } = body(c, Bodies.media);
      const bytes = base64 === undefined ? text : new Uint8Array(Buffer.from(base64, 'base64'));
      return { media_id: c.mock.scenario.createMedia(defined({ ...rest, bytes })) };
    },
  },
  {
    method: 'POST',
    path: '/upgrade-service',
    summary: 'configure 升级服务 (members, departments, group chats)',
    run: (c) => c.mock.scenario.configureUpgradeService(defined(body(c, Bodies.upgradeService))),
  },
  {
    method: 'POST',
    path: '/wechat-channels-binding',
    summary: 'set whether the corp has a bound 视频号',
    run: (c) => c.mock.scenario.setWechatChannelsBinding(body(c, Bodies.binding).bound),
  },
  {
    method: 'POST',
    path: '/corp-verified',
    summary: 'set whether the corp is verified (customer cap 95003, account cap 95027)',
    run: (c) => c.mock.scenario.setCorpVerified(body(c, Bodies.corpVerified).verified),
  },
  {
    method: 'POST',
    path: '/customer/enter-session',
    summary: 'a customer opens the chat → { entered, msgid, event, welcome_code? }',
    run: (c) => {
      const input = body(c, Bodies.enterSession);
      const result = c.mock.scenario.enterSession('url' in input ? input : defined(input));
      return result === undefined ? { entered: false } : { entered: true, ...result };
    },
  },
  {
    method: 'POST',
    path: '/customer/send',
    summary: 'a customer sends a message → { msgid }',
    run: (c) => ({ msgid: c.mock.scenario.customerSends(body(c, Bodies.customerSend)) }),
  },
  {
    method: 'POST',
    path: '/customer/recall',
    summary: 'a customer recalls a message',
    run: (c) => c.mock.scenario.customerRecalls(body(c, Bodies.customerRecall)),
  },
  {
    method: 'POST',
    path: '/servicer/take-from-pool',
    summary: 'a servicer takes a queued session → { msg_code }',
    run: (c) => ({ msg_code: c.mock.scenario.servicerTakesFromPool(body(c, Bodies.servicerConversation)) }),
  },
  {
    method: 'POST',
    path: '/servicer/transfer',
    summary: "the session's servicer transfers it to another servicer",
    run: (c) => c.mock.scenario.servicerTransfers(body(c, Bodies.servicerConversation)),
  },
  {
    method: 'POST',
    path: '/servicer/end',
    summary: "the session's servicer ends it → { msg_code }",
    run: (c) => ({ msg_code: c.mock.scenario.servicerEnds(body(c, Bodies.conversation)) }),
  },
  {
    method: 'POST',
    path: '/servicer/reply',
    summary: 'a servicer writes from the WeCom client (origin 5) → { msgid }',
    run: (c) => ({ msgid: c.mock.scenario.servicerReplies(body(c, Bodies.servicerReply)) }),
  },
  {
    method: 'POST',
    path: '/servicer/recall',
    summary: 'a servicer recalls a message',
    run: (c) => c.mock.scenario.servicerRecalls(body(c, Bodies.servicerRecall)),
  },
  {
    method: 'POST',
    path: '/servicer/status',
    summary: 'a servicer changes their receiving status',
    run: (c) => {
      const { userid, status } = body(c, Bodies.servicerStatus);
      c.mock.scenario.setServicerStatus(userid, status);
    },
  },
  {
    method: 'POST',
    path: '/servicer/reject-customer',
    summary: "a servicer switches rejecting the customer's messages on or off",
    run: (c) => c.mock.scenario.servicerRejectsCustomer(body(c, Bodies.servicerReject)),
  },
  {
    method: 'POST',
    path: '/customer/survey-sent',
    summary: "the platform sends the customer the satisfaction survey of a servicer's session",
    run: (c) => c.mock.scenario.satisfactionSurveySent(defined(body(c, Bodies.surveySent))),
  },
  {
    method: 'POST',
    path: '/customer/survey-answer',
    summary: 'the customer answers the survey: satisfied, middling or dissatisfied',
    run: (c) => c.mock.scenario.customerAnswersSurvey(body(c, Bodies.surveyAnswer)),
  },
];
