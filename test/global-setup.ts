import { enterScratchTmpdir } from './helpers/scratch-tmpdir';

// jest's globalSetup: runs once, in the main process, before any worker starts.
export default function globalSetup(): void {
  enterScratchTmpdir();
}
