// cdktf's matchers (toHaveResourceWithProperties, ...) for the construct tests.
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { withoutOciSdkRetrierWarnings } from './helpers/quiet-oci-sdk';

Testing.setupJest();

// The OCI SDK's own warning for every failed request, expected ones included.
console.warn = withoutOciSdkRetrierWarnings(console.warn.bind(console));
