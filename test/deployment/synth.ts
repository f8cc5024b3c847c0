import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { GalleyDeployment, GalleyDeploymentProps } from '../../src';

export const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaagalleytestcompartment0000000000000000000000';
export const WORK_COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaagalleyworkcompartment000000000000000000000';
export const REGION = 'ap-tokyo-1';
export const BASE_PROPS: GalleyDeploymentProps = { compartmentId: COMPARTMENT, region: REGION };

export type Body = Record<string, any>;

export interface Synth {
  /** The synthesized stack as Testing.synthScope prints it, for cdktf's matchers. */
  readonly text: string;
  readonly json: Body;
  readonly galley: GalleyDeployment;
  /** Every resource of one type, by name. */
  resources(type: string): Body[];
  /** The only resource of one type. */
  resource(type: string): Body;
  dataSource(type: string): Body;
}

export function synthGalley(
  props: Partial<GalleyDeploymentProps> = {},
  extra?: (scope: Construct, galley: GalleyDeployment) => void,
): Synth {
  let galley!: GalleyDeployment;
  const text = Testing.synthScope((scope) => {
    galley = new GalleyDeployment(scope, 'galley', { ...BASE_PROPS, ...props });
    extra?.(scope, galley);
  });
  const json = JSON.parse(text);
  const resources = (type: string): Body[] => Object.values(json.resource?.[type] ?? {});
  const only = (bodies: Body[], type: string) => {
    if (bodies.length !== 1) throw new Error(`expected one ${type}, found ${bodies.length}`);
    return bodies[0];
  };
  return {
    text,
    json,
    galley,
    resources,
    resource: (type) => only(resources(type), type),
    dataSource: (type) => only(Object.values(json.data?.[type] ?? {}), type),
  };
}

/** The Terraform address (`type.name`) a `${...}` reference to a resource of this type uses. */
export function addressOf(json: Body, type: string, pathSuffix: string): string {
  const entries = Object.entries(json.resource?.[type] ?? json.data?.[type] ?? {}) as [string, Body][];
  // Testing.synthScope drops the metadata; the logical id still ends with the construct id and a hash.
  const match = entries.filter(([name]) => name.endsWith(`_${pathSuffix}_${name.slice(-8)}`) || name === pathSuffix);
  if (match.length !== 1) throw new Error(`no single ${type} at ${pathSuffix}`);
  const prefix = json.data?.[type] ? 'data.' : '';
  return `${prefix}${type}.${match[0][0]}`;
}
