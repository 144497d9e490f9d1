/** Pod, PodSpec, Container and PodTemplateSpec. */
import { STRINGS, STRING_MAP, list, obj, open } from '../schema.js';
import { LocalObjectReference, ObjectMeta, ResourceList } from './meta.js';

const ContainerPort = obj('ContainerPort', { name: 'string', hostPort: 'int32', containerPort: 'int32', protocol: 'string', hostIP: 'string' });
const EnvVar = obj('EnvVar', { name: 'string', value: 'string', valueFrom: open('EnvVarSource') });
const EnvFromSource = obj('EnvFromSource', { prefix: 'string', configMapRef: open('ConfigMapEnvSource'), secretRef: open('SecretEnvSource') });
const VolumeMount = obj('VolumeMount', {
  name: 'string',
  readOnly: 'bool',
  recursiveReadOnly: 'string',
  mountPath: 'string',
  subPath: 'string',
  mountPropagation: 'string',
  subPathExpr: 'string',
});
const Resources = obj('ResourceRequirements', { limits: ResourceList, requests: ResourceList, claims: list(open('ResourceClaim')) });
const Probe = open('Probe', {
  initialDelaySeconds: 'int32',
  timeoutSeconds: 'int32',
  periodSeconds: 'int32',
  successThreshold: 'int32',
  failureThreshold: 'int32',
  terminationGracePeriodSeconds: 'int64',
});

export const Container = obj('Container', {
  name: 'string',
  image: 'string',
  command: STRINGS,
  args: STRINGS,
  workingDir: 'string',
  ports: list(ContainerPort),
  envFrom: list(EnvFromSource),
  env: list(EnvVar),
  resources: Resources,
  resizePolicy: list(open('ContainerResizePolicy')),
  restartPolicy: 'string',
  volumeMounts: list(VolumeMount),
  volumeDevices: list(open('VolumeDevice')),
  livenessProbe: Probe,
  readinessProbe: Probe,
  startupProbe: Probe,
  lifecycle: open('Lifecycle'),
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'string',
  imagePullPolicy: 'string',
  securityContext: open('SecurityContext'),
  stdin: 'bool',
  stdinOnce: 'bool',
  tty: 'bool',
});

export const PodSpec = obj('PodSpec', {
  volumes: list(open('Volume', { name: 'string' })),
  initContainers: list(Container),
  containers: list(Container),
  ephemeralContainers: list(open('EphemeralContainer')),
  restartPolicy: 'string',
  terminationGracePeriodSeconds: 'int64',
  activeDeadlineSeconds: 'int64',
  dnsPolicy: 'string',
  nodeSelector: STRING_MAP,
  serviceAccountName: 'string',
  serviceAccount: 'string',
  automountServiceAccountToken: 'bool',
  nodeName: 'string',
  hostNetwork: 'bool',
  hostPID: 'bool',
  hostIPC: 'bool',
  shareProcessNamespace: 'bool',
  securityContext: open('PodSecurityContext'),
  imagePullSecrets: list(LocalObjectReference),
  hostname: 'string',
  subdomain: 'string',
  affinity: open('Affinity'),
  schedulerName: 'string',
  tolerations: list(obj('Toleration', { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'int64' })),
  hostAliases: list(obj('HostAlias', { ip: 'string', hostnames: STRINGS })),
  priorityClassName: 'string',
  priority: 'int32',
  dnsConfig: open('PodDNSConfig'),
  readinessGates: list(obj('PodReadinessGate', { conditionType: 'string' })),
  runtimeClassName: 'string',
  enableServiceLinks: 'bool',
  preemptionPolicy: 'string',
  overhead: ResourceList,
  topologySpreadConstraints: list(open('TopologySpreadConstraint')),
  setHostnameAsFQDN: 'bool',
  os: obj('PodOS', { name: 'string' }),
  hostUsers: 'bool',
  schedulingGates: list(obj('PodSchedulingGate', { name: 'string' })),
  resourceClaims: list(open('PodResourceClaim')),
  resources: Resources,
});

export const PodTemplateSpec = obj('PodTemplateSpec', { metadata: ObjectMeta, spec: PodSpec });

export const Pod = { spec: PodSpec, status: open('PodStatus') };
