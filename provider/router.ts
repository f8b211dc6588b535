import {
  allAuxiliaryOperations,
  allOperations,
  type ApiVersion,
  type AuxiliaryOperation,
  type Operation,
} from '../src/catalogue/index.js';

/** What a path leads to: one of the four endpoints under test, or an auxiliary operation. */
export type RouteTarget =
  | { readonly kind: 'endpoint'; readonly operation: Operation }
  | { readonly kind: 'auxiliary'; readonly operation: AuxiliaryOperation };

/** A matched route with its raw (still percent-encoded) path parameters. */
export interface RouteMatch {
  readonly target: RouteTarget;
  readonly apiVersion: ApiVersion;
  readonly method: string;
  readonly rawParams: Readonly<Record<string, string>>;
}

/** The outcome of routing a request. */
export type RouteResult =
  | { readonly kind: 'found'; readonly match: RouteMatch }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

interface CompiledRoute {
  readonly target: RouteTarget;
  readonly method: string;
  /** Literal segments as strings; parameters as `{ name }`. */
  readonly segments: readonly (string | { readonly name: string })[];
}

function compile(target: RouteTarget, method: string, template: string): CompiledRoute {
  const segments = template
    .split('/')
    .slice(1)
    .map((segment) => {
      const param = /^\{([A-Za-z]+)\}$/.exec(segment);
      return param?.[1] !== undefined ? { name: param[1] } : segment;
    });
  return { target, method, segments };
}

function matches(route: CompiledRoute, parts: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i];
    const part = parts[i] ?? '';
    if (segment === undefined) return undefined;
    if (typeof segment === 'string') {
      if (segment !== part) return undefined;
    } else if (part === '') {
      return undefined;
    } else {
      params[segment.name] = part;
    }
  }
  return params;
}

/**
 * Routes by the catalogue's own path templates (the sandbox hard-codes no path): every endpoint x
 * version and every auxiliary operation x version. Two templates that match the same request
 * would make the sandbox answer for the wrong operation, so building the router refuses them.
 */
export class Router {
  private readonly bySegmentCount = new Map<number, CompiledRoute[]>();

  constructor(
    endpoints: readonly Operation[] = allOperations(),
    auxiliaries: readonly AuxiliaryOperation[] = allAuxiliaryOperations(),
  ) {
    const routes = [
      ...endpoints.map((operation) =>
        compile({ kind: 'endpoint', operation }, operation.method, operation.pathTemplate),
      ),
      // account-details has one path for every version; the first version's entry serves it.
      ...auxiliaries.map((operation) =>
        compile({ kind: 'auxiliary', operation }, operation.method, operation.pathTemplate),
      ),
    ];
    const seen = new Map<string, CompiledRoute>();
    for (const route of routes) {
      const shape = `${route.method} /${route.segments.map((s) => (typeof s === 'string' ? s : '{}')).join('/')}`;
      const earlier = seen.get(shape);
      if (earlier) {
        if (
          earlier.target.kind === 'auxiliary' &&
          route.target.kind === 'auxiliary' &&
          earlier.target.operation.id === route.target.operation.id
        )
          continue;
        throw new Error(`sandbox router: two operations share ${shape}`);
      }
      seen.set(shape, route);
      const list = this.bySegmentCount.get(route.segments.length) ?? [];
      list.push(route);
      this.bySegmentCount.set(route.segments.length, list);
    }
  }

  /** Routes one request path (without query string). */
  route(method: string, path: string): RouteResult {
    const parts = path.split('/').slice(1);
    const allowed: string[] = [];
    for (const route of this.bySegmentCount.get(parts.length) ?? []) {
      const rawParams = matches(route, parts);
      if (!rawParams) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      return {
        kind: 'found',
        match: { target: route.target, apiVersion: route.target.operation.apiVersion, method, rawParams },
      };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed: [...new Set(allowed)] } : { kind: 'not-found' };
  }
}
