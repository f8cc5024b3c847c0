import { Construct } from 'constructs';
import type { ResolvedProps } from './props';
import { ApigatewayDeployment } from '../generated/oci/apigateway-deployment';
import { ApigatewayGateway } from '../generated/oci/apigateway-gateway';
import { GALLEY_DEFAULT_PORT } from '../runtime-contract';

/**
 * The three routes the gateway forwards, with the methods each transport
 * uses (OPTIONS for CORS preflights; GET and DELETE on /mcp get the server's
 * 405, which clients expect). Nothing else is routed: any other path under the
 * prefix, and any path without it, is the gateway's 404.
 */
export const GATEWAY_ROUTES: ReadonlyArray<{ readonly path: string; readonly methods: readonly string[] }> = [
  { path: '/mcp', methods: ['POST', 'GET', 'DELETE', 'OPTIONS'] },
  { path: '/sse', methods: ['GET', 'OPTIONS'] },
  { path: '/messages', methods: ['POST', 'OPTIONS'] },
];

/** Longest the gateway allows; an SSE stream sends a keepalive every 15 s, well inside it. */
const READ_TIMEOUT_SECONDS = 300;
const SEND_TIMEOUT_SECONDS = 300;
const CONNECT_TIMEOUT_SECONDS = 10;

export interface GatewayInputs {
  readonly subnetId: string;
  readonly containerIp: string;
  readonly urlToken: string;
}

export interface GalleyGateway {
  readonly gateway: ApigatewayGateway;
  readonly deployment: ApigatewayDeployment;
}

/**
 * A public API Gateway (TLS ends here) with one deployment whose path prefix
 * is `/<token>`: the gateway checks the token's value before anything reaches
 * the container. Query strings pass through untouched (no transformation), as
 * the SSE POST channel's `?sessionId=` needs.
 */
export function createGateway(scope: Construct, props: ResolvedProps, inputs: GatewayInputs): GalleyGateway {
  const gateway = new ApigatewayGateway(scope, 'api-gateway', {
    provider: props.provider,
    compartmentId: props.compartmentId,
    endpointType: 'PUBLIC',
    subnetId: inputs.subnetId,
    displayName: `${props.namePrefix}-gateway`,
  });
  const backendBase = `http://${inputs.containerIp}:${GALLEY_DEFAULT_PORT}/${inputs.urlToken}`;
  const deployment = new ApigatewayDeployment(scope, 'api-deployment', {
    provider: props.provider,
    compartmentId: props.compartmentId,
    gatewayId: gateway.id,
    displayName: `${props.namePrefix}-mcp`,
    pathPrefix: `/${inputs.urlToken}`,
    specification: {
      routes: GATEWAY_ROUTES.map((route) => ({
        path: route.path,
        methods: [...route.methods],
        backend: {
          type: 'HTTP_BACKEND',
          url: `${backendBase}${route.path}`,
          connectTimeoutInSeconds: CONNECT_TIMEOUT_SECONDS,
          readTimeoutInSeconds: READ_TIMEOUT_SECONDS,
          sendTimeoutInSeconds: SEND_TIMEOUT_SECONDS,
        },
      })),
    },
  });
  return { gateway, deployment };
}
