// cdktf's matchers (toHaveResourceWithProperties, ...) for the construct tests.
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
