/**
 * Errors of the workers. They are bugs or broken set-up (a malformed template, a job file without its exports), so
 * they are thrown and stop start-up; expected outcomes of a job are Outcome values (outcome.ts), never exceptions.
 */
export class WorkersError extends Error {
  override readonly name: string = 'WorkersError';
}

/** A template in templates/ that is not valid JSON or refers to fields it does not declare. */
export class DocumentTemplateError extends WorkersError {
  override readonly name = 'DocumentTemplateError';
}

/** A file in jobs/ that does not export parseVariables, decide and perform. */
export class JobModuleError extends WorkersError {
  override readonly name = 'JobModuleError';
}

/** The bundled CJK font could not be found (npm ci not run, or the package moved its files). */
export class FontMissingError extends WorkersError {
  override readonly name = 'FontMissingError';
}
