import addComponent from './add-component';
import addConnection from './add-connection';
import completeHearing from './complete-hearing';
import configureComponent from './configure-component';
import createSession from './create-session';
import exportAll from './export-all';
import exportIac from './export-iac';
import exportMermaid from './export-mermaid';
import exportSummary from './export-summary';
import getArchitecture from './get-architecture';
import getHearingFlow from './get-hearing-flow';
import getHearingQuestions from './get-hearing-questions';
import getHearingResult from './get-hearing-result';
import getRmJobStatus from './get-rm-job-status';
import listAvailableServices from './list-available-services';
import removeComponent from './remove-component';
import removeConnection from './remove-connection';
import runOciCli from './run-oci-cli';
import runTerraformApply from './run-terraform-apply';
import runTerraformDestroy from './run-terraform-destroy';
import runTerraformPlan from './run-terraform-plan';
import saveAnswer from './save-answer';
import saveAnswersBatch from './save-answers-batch';
import saveArchitecture from './save-architecture';
import updateTerraformFile from './update-terraform-file';
import validateArchitecture from './validate-architecture';
import type { ToolDefinition } from '../define-tool';

/** Every tool Galley serves, in the order hosts list them: the hearing, the design, then the infra layer. */
export const TOOLS: readonly ToolDefinition<any, any>[] = [
  createSession,
  getHearingQuestions,
  getHearingFlow,
  saveAnswer,
  saveAnswersBatch,
  completeHearing,
  getHearingResult,
  listAvailableServices,
  saveArchitecture,
  addComponent,
  removeComponent,
  configureComponent,
  addConnection,
  removeConnection,
  getArchitecture,
  validateArchitecture,
  exportSummary,
  exportMermaid,
  exportIac,
  exportAll,
  updateTerraformFile,
  runTerraformPlan,
  runTerraformApply,
  runTerraformDestroy,
  getRmJobStatus,
  runOciCli,
];
