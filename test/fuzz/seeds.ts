/** Valid manifests the fuzzer mutates: one of each kind family, plus a CRD and its custom object. */
import type { KubeObject } from '../../simulator/index.js';

const container = { name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'], ports: [{ containerPort: 8080 }] };
const template = { metadata: { labels: { app: 'f' } }, spec: { containers: [container] } };

export const SEEDS: KubeObject[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', labels: { tier: 'x' } }, data: { a: '1', b: 'two' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, type: 'Opaque', data: { k: 'dmFsdWU=' }, stringData: { p: 'q' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' }, spec: { restartPolicy: 'Never', containers: [container] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { selector: { app: 'f' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'dep' }, spec: { replicas: 2, selector: { matchLabels: { app: 'f' } }, template } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'sts' }, spec: { replicas: 1, serviceName: 'svc', selector: { matchLabels: { app: 'f' } }, template } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { app: 'f' } }, template } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job' }, spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [container] } } } },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'cron' },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [container] } } } } },
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.fuzz.io' },
    spec: {
      group: 'fuzz.io',
      scope: 'Namespaced',
      names: { plural: 'gadgets', kind: 'Gadget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', required: ['size'], properties: { size: { type: 'integer', maximum: 10 }, mode: { type: 'string', enum: ['a', 'b'] } } } },
            },
          },
        },
      ],
    },
  },
  { apiVersion: 'fuzz.io/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { size: 3, mode: 'a' } },
  // Argo Workflows: steps with when/withItems/retry, a DAG with depends, a template, a cron.
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'wf' },
    spec: {
      entrypoint: 'main',
      arguments: { parameters: [{ name: 'n', value: '2' }] },
      templates: [
        { name: 'main', steps: [[{ name: 'a', template: 'say', arguments: { parameters: [{ name: 'msg', value: '{{item}}' }] }, withItems: ['x', 'y'] }], [{ name: 'b', template: 'dag', when: '{{workflow.parameters.n}} > 1' }]] },
        { name: 'dag', dag: { tasks: [{ name: 'c', template: 'say', arguments: { parameters: [{ name: 'msg', value: 'c' }] } }, { name: 'd', template: 'say', depends: 'c.Succeeded', arguments: { parameters: [{ name: 'msg', value: 'd' }] } }] } },
        { name: 'say', inputs: { parameters: [{ name: 'msg' }] }, retryStrategy: { limit: '1' }, container: { image: 'argoproj/argosay:v2', args: ['echo', '{{inputs.parameters.msg}}'] } },
      ],
    },
  },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: { name: 'wft' },
    spec: { templates: [{ name: 'hello', container: { image: 'argoproj/argosay:v2', args: ['echo', 'hi'] } }] },
  },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'CronWorkflow',
    metadata: { name: 'cwf' },
    spec: { schedules: ['*/2 * * * *'], concurrencyPolicy: 'Replace', workflowSpec: { entrypoint: 'hello', workflowTemplateRef: { name: 'wft' } } },
  },
  // Argo CD: an Application whose repo does not exist (ComparisonError path) and a project restricting it.
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'app', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/none.git', path: 'app', targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'team', namespace: 'argocd' },
    spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: 'team-*' }], clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] },
  },
];
