import { GalleyError } from '../errors';

export class UnknownServiceTypeError extends GalleyError {
  constructor(type: string) {
    super('unknown_service_type', `unknown service type: ${JSON.stringify(type)}; list_available_services lists the valid ones`);
  }
}

export class ComponentNotFoundError extends GalleyError {
  constructor(id: string) {
    super('component_not_found', `no component with id ${JSON.stringify(id)} in the architecture; get_architecture lists them`);
  }
}

export class DuplicateComponentError extends GalleyError {
  constructor(id: string) {
    super('duplicate_component', `a component with id ${JSON.stringify(id)} already exists; choose another id`);
  }
}

export class InvalidConnectionError extends GalleyError {
  constructor(message: string) {
    super('invalid_connection', message);
  }
}

export class InvalidPlacementError extends GalleyError {
  constructor(message: string) {
    super('invalid_placement', message);
  }
}

export class ArchitectureNotFoundError extends GalleyError {
  constructor(sessionId: string) {
    super('architecture_not_found', `session ${sessionId} has no architecture yet; call save_architecture or add_component first`);
  }
}
