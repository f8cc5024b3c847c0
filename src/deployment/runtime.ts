import type { TerraformCondition } from 'cdktf';
import { Construct } from 'constructs';
import type { ResolvedProps } from './props';
import { ContainerInstancesContainerInstance } from '../generated/oci/container-instances-container-instance';
import { GALLEY_DEFAULT_PORT, GALLEY_ENV, GALLEY_HEALTH_PATH } from '../runtime-contract';

/** Seconds the container gets between SIGTERM and SIGKILL: the server drains in-flight calls. */
export const GRACEFUL_SHUTDOWN_SECONDS = 30;

export interface RuntimeInputs {
  readonly availabilityDomain: string;
  /** Checked at plan time, for an availability domain picked by index. */
  readonly availabilityDomainCheck?: TerraformCondition;
  readonly subnetId: string;
  readonly urlToken: string;
  readonly bucketName: string;
  readonly namespace: string;
}

/** The runtime contract's environment, exactly as the server's config reads it. */
export function containerEnvironment(props: ResolvedProps, inputs: RuntimeInputs): Record<string, string> {
  return {
    [GALLEY_ENV.host]: '0.0.0.0',
    [GALLEY_ENV.port]: String(GALLEY_DEFAULT_PORT),
    [GALLEY_ENV.urlToken]: inputs.urlToken,
    [GALLEY_ENV.storage]: 'object-storage',
    [GALLEY_ENV.bucket]: inputs.bucketName,
    [GALLEY_ENV.namespace]: inputs.namespace,
    [GALLEY_ENV.region]: props.region,
    [GALLEY_ENV.workCompartmentId]: props.workCompartmentId,
    // The infra tools change the work compartment only when it differs from this one.
    [GALLEY_ENV.compartmentId]: props.compartmentId,
    [GALLEY_ENV.logLevel]: 'info',
  };
}

/** The Container Instance: private subnet, no public IP, health-checked, restarted on failure. */
export function createRuntime(scope: Construct, props: ResolvedProps, inputs: RuntimeInputs): ContainerInstancesContainerInstance {
  return new ContainerInstancesContainerInstance(scope, 'container-instance', {
    provider: props.provider,
    compartmentId: props.compartmentId,
    availabilityDomain: inputs.availabilityDomain,
    lifecycle: inputs.availabilityDomainCheck ? { precondition: [inputs.availabilityDomainCheck] } : undefined,
    displayName: `${props.namePrefix}-server`,
    shape: props.shape,
    shapeConfig: { ocpus: props.ocpus, memoryInGbs: props.memoryInGbs },
    containerRestartPolicy: 'ALWAYS',
    gracefulShutdownTimeoutInSeconds: String(GRACEFUL_SHUTDOWN_SECONDS),
    vnics: [{
      subnetId: inputs.subnetId,
      isPublicIpAssigned: false,
      displayName: `${props.namePrefix}-server`,
    }],
    containers: [{
      displayName: 'galley',
      imageUrl: `${props.imageRepository}:${props.imageTag}`,
      environmentVariables: containerEnvironment(props, inputs),
      healthChecks: [{
        healthCheckType: 'HTTP',
        name: 'galley-health',
        port: GALLEY_DEFAULT_PORT,
        path: GALLEY_HEALTH_PATH,
        initialDelayInSeconds: 10,
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        failureThreshold: 3,
        successThreshold: 1,
        failureAction: 'KILL',
      }],
    }],
  });
}
