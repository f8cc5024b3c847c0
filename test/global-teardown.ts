import { leaveScratchTmpdir } from './helpers/scratch-tmpdir';

// jest's globalTeardown: removes the run's temp dir and all that tests left in it.
export default function globalTeardown(): void {
  leaveScratchTmpdir();
}
