/**
 * Every failure a tool or route reports has one of these kinds; hosts match on
 * the kind, people read the message.
 */
export type ErrorKind =
  | 'invalid_arguments'
  | 'session_not_found'
  | 'invalid_question'
  | 'invalid_answer'
  | 'missing_required_answers'
  | 'hearing_already_completed'
  | 'hearing_not_completed'
  | 'invalid_config'
  | 'storage_unavailable'
  | 'conflict'
  | 'unknown_service_type'
  | 'component_not_found'
  | 'duplicate_component'
  | 'invalid_connection'
  | 'invalid_placement'
  | 'architecture_not_found'
  | 'artifact_not_found'
  | 'no_terraform'
  | 'job_in_progress'
  | 'job_not_found'
  | 'work_compartment_required'
  | 'resource_manager_unavailable'
  | 'resource_manager_refused'
  | 'command_refused'
  | 'command_failed'
  | 'internal_error';

/** An error whose message is safe to show to the model and the user. */
export class GalleyError extends Error {
  constructor(public readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The JSON body of every structured error. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
}
