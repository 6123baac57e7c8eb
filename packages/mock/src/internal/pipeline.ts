import type { KfEndpointName, KfEndpointRequest } from '@kf/types';
import { describeErrorCode, KfEndpoints, KfErrorCode } from '@kf/types';
import type { HttpHandler } from 'msw';
import { HttpResponse, http } from 'msw';
import { ApiFailure } from './api-failure.js';
import { takeFaults } from './faults.js';
import { holdCall } from './holds.js';
import { readLeniently } from './lenient.js';
import { checkAppAccess, checkManaged } from './permissions.js';
import { jsonBody, parseRequest, queryFields } from './request.js';
import { pruneIfDue } from './retention.js';
import { authenticate } from './tokens.js';
import type { AppState, World } from './world.js';
import { nowSeconds } from './world.js';

/** What a route handler gets: the parsed request and the world. */
export interface RouteContext<N extends KfEndpointName> {
  readonly world: World;
  readonly request: KfEndpointRequest<N>;
  /** The HTTP request, for a multipart upload body or the `Range` header of a download. */
  readonly http: Request;
  /** The app whose token made the call (`undefined` for an endpoint that needs no token). */
  readonly app: AppState | undefined;
}

/**
 * A success body without the envelope (`errcode`/`errmsg` are added), or a ready `Response` for
 * endpoints whose success is not JSON (a file download).
 */
export type RouteResult = Record<string, unknown> | Response;

/** Options of {@link route}. */
export interface RouteOptions {
  /** Adjusts the raw request fields before the schema sees them. */
  readonly prepare?: (fields: Record<string, unknown>) => Record<string, unknown>;
  /** `errmsg` of a success (`"ok"` unless the endpoint answers otherwise). */
  readonly okMessage?: string;
}

/**
 * The header through which the standalone server tells the pipeline the caller's address (set by
 * the server from the socket, overwriting whatever the client sent).
 */
export const CLIENT_IP_HEADER = 'x-kf-mock-client-ip';

/** The caller's address as the platform prints it: IPv4 without the `::ffff:` prefix. */
function callerIp(request: Request): string {
  const ip = request.headers.get(CLIENT_IP_HEADER) ?? '';
  // In process (MSW) there is no socket: the caller is this machine.
  if (ip === '') return '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}

/**
 * The platform's errmsg: `<text>, hint: [<digits>], from ip: <caller ip>, more info at
 * https://open.work.weixin.qq.com/devtool/query?e=<code>`. The text is the platform's own where it
 * is known (`KfErrorCodeInfo.errmsg`), the mock's explanation otherwise; the hint is all digits,
 * as in public reports (the second it was issued, then 15 more digits).
 */
function errmsgOf(world: World, failure: ApiFailure, request: Request): string {
  const text = describeErrorCode(failure.errcode)?.errmsg ?? failure.message;
  const hint = `${nowSeconds(world)}${world.random.string(15, '0123456789')}`;
  return `${text}, hint: [${hint}], from ip: ${callerIp(request)}, more info at https://open.work.weixin.qq.com/devtool/query?e=${failure.errcode}`;
}

/** The raw request fields and where they came from. */
interface RawFields {
  readonly fields: Record<string, unknown>;
  readonly fromQuery: boolean;
  /** A warning about where the fields were read from. */
  readonly note?: string;
}

async function fieldsOf(world: World, name: KfEndpointName, request: Request): Promise<RawFields> {
  const definition = KfEndpoints[name];
  if (definition.requestIn !== 'body') return { fields: queryFields(new URL(request.url)), fromQuery: true };
  if (request.method === 'POST') {
    const body = await jsonBody(request, world.options.strictRequests);
    return { fields: body.fields, fromQuery: false, ...(body.note === undefined ? {} : { note: body.note }) };
  }
  // A POST endpoint called with another method: the body is not read. Strict, the required fields
  // are missing (40063) and an endpoint whose fields are all optional runs with none. As the
  // platform, the query is read: SDKs call list endpoints as `GET ...?offset=1&limit=1`.
  if (world.options.strictRequests) return { fields: {}, fromQuery: false };
  const fields = queryFields(new URL(request.url));
  const names = Object.keys(fields);
  const note = `${request.method} on a POST endpoint: ${names.map((key) => `"${key}"`).join(', ')} read from the query`;
  return { fields, fromQuery: true, ...(names.length > 0 ? { note } : {}) };
}

/**
 * Builds the MSW handler of one endpoint: faults, authentication, request parsing (read as the
 * platform reads it unless `strictRequests`, then checked with the strict schema of `KfEndpoints`;
 * every leniency is recorded as a warning on the call), the route, and a response checked against the endpoint's response
 * schema (a mismatch is reported to the logger; the built answer still goes out, because the
 * route has already changed the world). Every failure is answered in the platform's envelope with
 * HTTP 200, never as a 500.
 */
export function route<N extends KfEndpointName>(
  world: World,
  name: N,
  handle: (context: RouteContext<N>) => RouteResult | Promise<RouteResult>,
  options: RouteOptions = {},
): HttpHandler {
  const definition = KfEndpoints[name];
  const url = `${world.options.baseURL}${definition.path}`;
  return http.all(url, async ({ request }) => {
    // A `lose-response` fault: the call is handled and its changes kept, then the answer is lost.
    let lost = false;
    // What was read leniently (empty when strict or when the request was clean).
    let warnings: readonly string[] = [];
    const record = (errcode: number | null): void => {
      world.state.calls.push({
        endpoint: name,
        method: request.method,
        at: world.clock.now(),
        errcode,
        ...(lost ? { lost: true as const } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      });
    };
    const answer = (body: Record<string, unknown>): Response => {
      record(typeof body.errcode === 'number' ? body.errcode : null);
      return HttpResponse.json(body);
    };
    pruneIfDue(world);
    const respond = async (): Promise<Response> => {
      try {
        for (const action of takeFaults(world.state.faults, name)) {
          if (action.kind === 'latency') {
            world.clock.advance(action.ms);
            if (action.realTime) await world.options.sleep(action.ms);
          } else if (action.kind === 'hold') {
            await holdCall(world, name, request.method, action.maxMs, request.signal);
          } else if (action.kind === 'drop') {
            record(null);
            return HttpResponse.error();
          } else if (action.kind === 'lose-response') {
            lost = true;
          } else {
            throw new ApiFailure(action.errcode, action.errmsg);
          }
        }
        let app: AppState | undefined;
        if (definition.authenticated) {
          const token = authenticate(world, new URL(request.url).searchParams.get('access_token'));
          app = world.state.apps.get(token.app);
          if (app !== undefined) checkAppAccess(app, name);
        }
        const raw = await fieldsOf(world, name, request);
        const fields = options.prepare ? options.prepare(raw.fields) : raw.fields;
        let input = fields;
        if (!world.options.strictRequests) {
          const read = readLeniently(definition.request, fields, { fromQuery: raw.fromQuery });
          input = read.fields;
          warnings = raw.note === undefined ? read.warnings : [raw.note, ...read.warnings];
        }
        const parsed = parseRequest(definition.request, input);
        if (app !== undefined) checkManaged(world, app, name, parsed);
        const result = await handle({ world, request: parsed as KfEndpointRequest<N>, http: request, app });
        if (result instanceof Response) {
          record(null);
          return result;
        }
        const body = { errcode: 0, errmsg: options.okMessage ?? 'ok', ...result };
        const checked = definition.response?.safeParse(body);
        if (checked !== undefined && !checked.success) {
          // The route has already changed the world (an account added, a message sent), so a -1
          // here would invite a retry that applies the change twice. Answer what happened, and
          // report the mock's bug to the logger (a strict client rejects the body itself).
          world.options.logger.error(`@kf/mock built an invalid ${name} response`, {
            issues: checked.error.issues,
          });
        }
        return answer(body);
      } catch (error) {
        if (error instanceof ApiFailure) {
          return answer({ errcode: error.errcode, errmsg: errmsgOf(world, error, request) });
        }
        world.options.logger.error(`@kf/mock failed while handling ${name}`, { error });
        return answer({
          errcode: KfErrorCode.SystemBusy,
          errmsg: errmsgOf(world, new ApiFailure(KfErrorCode.SystemBusy, 'system busy'), request),
        });
      }
    };
    const response = await respond();
    // A network error for `fetch`; the standalone server destroys the socket.
    return lost ? HttpResponse.error() : response;
  });
}
