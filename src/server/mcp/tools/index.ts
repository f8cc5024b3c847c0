import completeHearing from './complete-hearing';
import createSession from './create-session';
import getHearingFlow from './get-hearing-flow';
import getHearingQuestions from './get-hearing-questions';
import getHearingResult from './get-hearing-result';
import getRmJobStatus from './get-rm-job-status';
import runOciCli from './run-oci-cli';
import runTerraformApply from './run-terraform-apply';
import runTerraformDestroy from './run-terraform-destroy';
import runTerraformPlan from './run-terraform-plan';
import saveAnswer from './save-answer';
import saveAnswersBatch from './save-answers-batch';
import updateTerraformFile from './update-terraform-file';
import type { ToolDefinition } from '../define-tool';

/** Every tool Galley serves, in the order hosts list them. */
export const TOOLS: readonly ToolDefinition<any, any>[] = [
  createSession,
  getHearingQuestions,
  getHearingFlow,
  saveAnswer,
  saveAnswersBatch,
  completeHearing,
  getHearingResult,
  updateTerraformFile,
  runTerraformPlan,
  runTerraformApply,
  runTerraformDestroy,
  getRmJobStatus,
  runOciCli,
];
