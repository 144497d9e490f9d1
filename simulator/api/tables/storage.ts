/** Printers for storage: StorageClasses, PersistentVolumes, PersistentVolumeClaims (kubectl's server-side columns). */
import { AGE, field, printer, spec, status } from './fields.js';
import { col, rec, str } from './types.js';

type Obj = Record<string, unknown>;

const MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** helper.GetAccessModesAsString: short names in a fixed order. */
function accessModes(v: unknown): string {
  const modes = Array.isArray(v) ? v.map(String) : [];
  return MODES.filter(([m]) => modes.includes(m)).map(([, s]) => s).join(',');
}

const storage = (o: Obj): string => str(rec(o.capacity).storage);
const terminating = (o: Obj): boolean => rec(o.metadata).deletionTimestamp !== undefined;
const phase = (o: Obj): string => (terminating(o) ? 'Terminating' : str(status(o).phase));
const vac = (o: Obj): string => str(spec(o).volumeAttributesClassName) || '<unset>';
const volumeMode = (o: Obj): string => str(spec(o).volumeMode) || 'Filesystem';

function isDefaultClass(o: Obj): boolean {
  const a = rec(rec(o.metadata).annotations);
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClassPrinter = printer(
  [
    field(col('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'), (o) => `${str(rec(o.metadata).name)}${isDefaultClass(o) ? ' (default)' : ''}`),
    field(col('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'), (o) => str(o.provisioner)),
    field(col('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.'), (o) => str(o.reclaimPolicy) || 'Delete'),
    field(col('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.'), (o) => str(o.volumeBindingMode) || 'Immediate'),
    field(col('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'), (o) => String(o.allowVolumeExpansion === true)),
    AGE,
  ],
  // kubectl marks the default class in the Name cell.
  { omitName: true },
);

function claimOf(o: Obj): string {
  const ref = rec(spec(o).claimRef);
  return ref.name === undefined ? '' : `${str(ref.namespace)}/${str(ref.name)}`;
}

export const persistentVolumePrinter = printer([
  field(col('Capacity', 'string', 'capacity is the description of the persistent volume\'s resources and capacity.'), (o) => storage(spec(o))),
  field(col('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'), (o) => accessModes(spec(o).accessModes)),
  field(col('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'), (o) => str(spec(o).persistentVolumeReclaimPolicy)),
  field(col('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'), phase),
  field(col('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'), claimOf),
  field(col('StorageClass', 'string', 'storageClassName is the name of StorageClass to which this persistent volume belongs.'), (o) => str(spec(o).storageClassName)),
  field(col('VolumeAttributesClass', 'string', 'Name of VolumeAttributesClass to which this persistent volume belongs.'), vac),
  field(col('Reason', 'string', 'reason is a brief CamelCase string that describes any failure.'), (o) => str(status(o).reason)),
  AGE,
  field(col('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', 1), volumeMode),
]);

function claimClass(o: Obj): string {
  const cls = spec(o).storageClassName;
  if (typeof cls === 'string') return cls;
  return str(rec(rec(o.metadata).annotations)['volume.beta.kubernetes.io/storage-class']);
}

export const persistentVolumeClaimPrinter = printer([
  field(col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'), phase),
  field(col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'), (o) => str(spec(o).volumeName)),
  // Capacity and access modes show once the claim is bound (they come from the volume).
  field(col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'), (o) => (str(spec(o).volumeName) ? storage(status(o)) : '')),
  field(col('Access Modes', 'string', 'accessModes contains all ways the volume backing the PVC can be mounted.'), (o) => (str(spec(o).volumeName) ? accessModes(status(o).accessModes) : '')),
  field(col('StorageClass', 'string', 'StorageClass of the pvc'), claimClass),
  field(col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'), vac),
  AGE,
  field(col('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1), volumeMode),
]);
