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
import listAvailableServices from './list-available-services';
import removeComponent from './remove-component';
import removeConnection from './remove-connection';
import saveAnswer from './save-answer';
import saveAnswersBatch from './save-answers-batch';
import saveArchitecture from './save-architecture';
import validateArchitecture from './validate-architecture';
import type { ToolDefinition } from '../define-tool';

/** Every tool Galley serves, in the order hosts list them: the hearing, then the design. */
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
];
