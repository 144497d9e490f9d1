/** PersistentVolumeClaims → PersistentVolumes, with kind's default `standard` StorageClass. */
export { persistentVolumeBinder, claimNamesOf } from './binderController.js';
export { installStorageClasses, standardStorageClass, defaultStorageClass, DEFAULT_CLASS_ANNOTATION, STANDARD_CLASS } from './storageClass.js';
export { provisionAndBind, pvName } from './provision.js';
