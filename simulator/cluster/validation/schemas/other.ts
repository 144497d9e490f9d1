/** Core v1 (non-Pod), networking, RBAC, apiextensions, coordination. */
import { STRINGS, STRING_MAP, list, obj, open } from '../schema.js';
import type { Schema } from '../schema.js';
import { LabelSelector, LocalObjectReference, ResourceList } from './meta.js';
import { Pod } from './pod.js';

const ServicePort = obj('ServicePort', {
  name: 'string',
  protocol: 'string',
  appProtocol: 'string',
  port: 'int32',
  targetPort: 'intstr',
  nodePort: 'int32',
});

const ServiceSpec = obj('ServiceSpec', {
  ports: list(ServicePort),
  selector: STRING_MAP,
  clusterIP: 'string',
  clusterIPs: STRINGS,
  type: 'string',
  externalIPs: STRINGS,
  sessionAffinity: 'string',
  loadBalancerIP: 'string',
  loadBalancerSourceRanges: STRINGS,
  externalName: 'string',
  externalTrafficPolicy: 'string',
  healthCheckNodePort: 'int32',
  publishNotReadyAddresses: 'bool',
  sessionAffinityConfig: open('SessionAffinityConfig'),
  ipFamilies: STRINGS,
  ipFamilyPolicy: 'string',
  allocateLoadBalancerNodePorts: 'bool',
  loadBalancerClass: 'string',
  internalTrafficPolicy: 'string',
  trafficDistribution: 'string',
});

const PolicyRule = obj('PolicyRule', { verbs: STRINGS, apiGroups: STRINGS, resources: STRINGS, resourceNames: STRINGS, nonResourceURLs: STRINGS });
const RoleRef = obj('RoleRef', { apiGroup: 'string', kind: 'string', name: 'string' });
const Subject = obj('Subject', { kind: 'string', apiGroup: 'string', name: 'string', namespace: 'string' });

const PVCSpec = obj('PersistentVolumeClaimSpec', {
  accessModes: STRINGS,
  selector: LabelSelector,
  resources: obj('VolumeResourceRequirements', { limits: ResourceList, requests: ResourceList }),
  volumeName: 'string',
  storageClassName: 'string',
  volumeMode: 'string',
  dataSource: open('TypedLocalObjectReference'),
  dataSourceRef: open('TypedObjectReference'),
  volumeAttributesClassName: 'string',
});

const IngressBackend = open('IngressBackend');
const IngressSpec = obj('IngressSpec', {
  ingressClassName: 'string',
  defaultBackend: IngressBackend,
  tls: list(obj('IngressTLS', { hosts: STRINGS, secretName: 'string' })),
  rules: list(
    obj('IngressRule', {
      host: 'string',
      http: obj('HTTPIngressRuleValue', { paths: list(obj('HTTPIngressPath', { path: 'string', pathType: 'string', backend: IngressBackend })) }),
    }),
  ),
});

const CRDNames = obj('CustomResourceDefinitionNames', {
  plural: 'string',
  singular: 'string',
  shortNames: STRINGS,
  kind: 'string',
  listKind: 'string',
  categories: STRINGS,
});

const CRDSpec = obj('CustomResourceDefinitionSpec', {
  group: 'string',
  names: CRDNames,
  scope: 'string',
  versions: list(
    obj('CustomResourceDefinitionVersion', {
      name: 'string',
      served: 'bool',
      storage: 'bool',
      deprecated: 'bool',
      deprecationWarning: 'string',
      schema: obj('CustomResourceValidation', { openAPIV3Schema: open('JSONSchemaProps') }),
      subresources: open('CustomResourceSubresources'),
      additionalPrinterColumns: list(open('CustomResourceColumnDefinition')),
      selectableFields: list(open('SelectableField')),
    }),
  ),
  conversion: open('CustomResourceConversion'),
  preserveUnknownFields: 'bool',
});

const StorageClassFields: Record<string, Schema> = {
  provisioner: 'string',
  parameters: STRING_MAP,
  reclaimPolicy: 'string',
  mountOptions: STRINGS,
  allowVolumeExpansion: 'bool',
  volumeBindingMode: 'string',
  allowedTopologies: list(open('TopologySelectorTerm')),
};

export const OTHER_FIELDS: Record<string, Record<string, Schema>> = {
  '/Pod': Pod,
  '/Namespace': { spec: obj('NamespaceSpec', { finalizers: STRINGS }), status: open('NamespaceStatus') },
  '/ConfigMap': { data: STRING_MAP, binaryData: STRING_MAP, immutable: 'bool' },
  '/Secret': { data: STRING_MAP, stringData: STRING_MAP, type: 'string', immutable: 'bool' },
  '/ServiceAccount': { secrets: list(open('ObjectReference')), imagePullSecrets: list(LocalObjectReference), automountServiceAccountToken: 'bool' },
  '/Service': { spec: ServiceSpec, status: open('ServiceStatus') },
  '/PersistentVolumeClaim': { spec: PVCSpec, status: open('PersistentVolumeClaimStatus') },
  'storage.k8s.io/StorageClass': StorageClassFields,
  'networking.k8s.io/Ingress': { spec: IngressSpec, status: open('IngressStatus') },
  'rbac.authorization.k8s.io/Role': { rules: list(PolicyRule) },
  'rbac.authorization.k8s.io/ClusterRole': { rules: list(PolicyRule), aggregationRule: open('AggregationRule') },
  'rbac.authorization.k8s.io/RoleBinding': { subjects: list(Subject), roleRef: RoleRef },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { subjects: list(Subject), roleRef: RoleRef },
  'apiextensions.k8s.io/CustomResourceDefinition': { spec: CRDSpec, status: open('CustomResourceDefinitionStatus') },
  'coordination.k8s.io/Lease': { spec: open('LeaseSpec') },
};

/** Kinds whose bodies we do not enforce field by field (nodes, events, endpoints…): only the envelope is checked. */
export const OPEN_KINDS = new Set(['/Node', '/Event', 'events.k8s.io/Event', '/Endpoints', '/PersistentVolume']);


