/** API-server-style validation for built-in kinds (decode, defaults, field rules, update rules). */
export { validationAdmission, admitBuiltin } from './admission.js';
export type { ValidationOptions } from './admission.js';
export { invalidError, decodeError, qualifiedKind, goValue, required, invalid, notSupported, duplicate, forbidden } from './fieldErrors.js';
export type { FieldError, FieldErrorType } from './fieldErrors.js';
export { validateName, validateLabels, nameProblems, isDns1123Label, isDns1035Label } from './names.js';
export type { NameRule } from './names.js';
export { schemaFor } from './schemas/index.js';
export { decodeObject } from './decode.js';
export { deepEqual } from './immutable.js';
export { checkEnvelope } from './envelope.js';
export { builtinJsonSchema, builtinJsonSchemas } from './jsonSchema.js';
export type { JsonSchema } from './jsonSchema.js';
export { withFieldValidation, fieldValidationOf } from './fieldValidation.js';
export type { FieldValidation } from './fieldValidation.js';
