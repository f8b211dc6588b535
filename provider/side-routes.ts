/**
 * Routes served beside the API: a test tool's control endpoint on the sandbox itself (`hsac sandbox
 * --provider-states` mounts Pact's provider-state-change endpoint). They are not HubSpot's, so none of
 * the API's machinery applies: no auth, no rate limit, no faults. The sandbox knows nothing of what
 * they do; whoever starts it supplies them (a layer below the provider may, the provider may not import it).
 */

/** The sandbox a side route runs on: its own API, for a route that sets data up through it. */
export interface SideRouteOrigin {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** The bearer token the sandbox accepts. */
  readonly token: string;
}

/** One request to a side route. */
export interface SideRequest {
  /** The request body as text (UTF-8), empty when there was none. */
  readonly body: string;
  readonly origin: SideRouteOrigin;
}

/** A side route's answer: sent as JSON. */
export interface SideResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A route matched by exact method and path (any query string is ignored), before the API's router. */
export interface SideRoute {
  readonly method: string;
  readonly path: string;
  handle(request: SideRequest): Promise<SideResponse>;
}

/** The side route serving `method` and `path`, if any. */
export function sideRouteFor(routes: readonly SideRoute[], method: string, path: string): SideRoute | undefined {
  return routes.find((route) => route.method === method && route.path === path);
}
