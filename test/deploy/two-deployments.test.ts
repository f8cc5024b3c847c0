import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { validateStack } from './helpers';
import { GalleyDeployment } from '../../src';
import { COMPARTMENT, REGION } from '../deployment/synth';

// Review i14 F4: two GalleyDeployments with one id under different parents.
// Synth accepted duplicate provider aliases; Terraform did not.
test('two GalleyDeployments with the same id in one stack: terraform validate accepts the stack', () => {
  const text = Testing.synthScope((scope) => {
    new GalleyDeployment(new Construct(scope, 'prod'), 'galley', { compartmentId: COMPARTMENT, region: REGION });
    new GalleyDeployment(new Construct(scope, 'dev'), 'galley', { compartmentId: COMPARTMENT, region: REGION });
  });
  expect(validateStack(text)).toEqual({ valid: true, errors: [], warnings: [] });
}, 120_000);
