/**
 * The "Add example application" onboarding: a guestbook repository whose manifests use every sync ordering
 * tool (a PreSync hook, waves 0 and 1, a PostSync hook), the Application that deploys it, and a one-click
 * "commit a change" that bumps the UI's replica count, so a learner sees OutOfSync → Sync → Synced without
 * writing YAML first.
 */
import { argoCD } from '../../../../simulator/argocd/index.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';

export const EXAMPLE_REPO = 'https://github.com/sandbox/guestbook.git';
export const EXAMPLE_APP = 'guestbook';
export const EXAMPLE_NAMESPACE = 'guestbook';
const DEPLOYMENT_FILE = 'guestbook/20-deployment.yaml';

const presync = `# PreSync hook: runs to completion before anything else is applied (a database migration).
apiVersion: batch/v1
kind: Job
metadata:
  name: db-migrate
  annotations:
    argocd.argoproj.io/hook: PreSync
    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: busybox:1.36
          command: ["sh", "-c", "echo migrating schema v1 to v2; sleep 3; echo done"]
`;

const config = `# Wave 0 (the default): configuration first, so the Deployment in wave 1 finds it.
apiVersion: v1
kind: ConfigMap
metadata:
  name: guestbook-config
  annotations:
    argocd.argoproj.io/sync-wave: "0"
data:
  GREETING: hello from git
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: guestbook-ui
spec:
  ports:
    - port: 80
      targetPort: 80
  selector:
    app: guestbook-ui
`;

export function deploymentYaml(replicas: number): string {
  return `# Wave 1: applied after wave 0 is healthy (and after the 2 s pause between waves).
apiVersion: apps/v1
kind: Deployment
metadata:
  name: guestbook-ui
  annotations:
    argocd.argoproj.io/sync-wave: "1"
spec:
  replicas: ${replicas}
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      app: guestbook-ui
  template:
    metadata:
      labels:
        app: guestbook-ui
    spec:
      containers:
        - name: guestbook-ui
          image: gcr.io/heptio-images/ks-guestbook-demo:0.2
          ports:
            - containerPort: 80
          envFrom:
            - configMapRef:
                name: guestbook-config
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 2
`;
}

const postsync = `# PostSync hook: runs once every wave is applied and healthy (a smoke test).
apiVersion: batch/v1
kind: Job
metadata:
  name: smoke-test
  annotations:
    argocd.argoproj.io/hook: PostSync
    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: smoke
          image: busybox:1.36
          command: ["sh", "-c", "echo GET http://guestbook-ui/ 200 OK; sleep 2"]
`;

export const EXAMPLE_FILES: Record<string, string> = {
  'guestbook/00-presync-db-migrate.yaml': presync,
  'guestbook/10-configmap.yaml': config,
  'guestbook/10-service.yaml': service,
  [DEPLOYMENT_FILE]: deploymentYaml(2),
  'guestbook/30-postsync-smoke-test.yaml': postsync,
};

export const EXAMPLE_APPLICATION = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: EXAMPLE_APP, namespace: 'argocd' },
  spec: {
    project: 'default',
    source: { repoURL: EXAMPLE_REPO, targetRevision: 'HEAD', path: 'guestbook' },
    destination: { server: 'https://kubernetes.default.svc', namespace: EXAMPLE_NAMESPACE },
    syncPolicy: { syncOptions: ['CreateNamespace=true'] },
  },
};

function author(world: Sandbox) {
  return { name: 'learner', email: 'learner@sandbox.local', timestamp: Math.floor(world.now() / 1000) };
}

/** Create the repository (once) with its first commit. Returns the commit SHA. */
export async function createExampleRepo(world: Sandbox): Promise<string> {
  const git = argoCD(world).git;
  if (git.list().includes(EXAMPLE_REPO)) return git.get(EXAMPLE_REPO).resolveSync('HEAD');
  const repo = await git.createRepo(EXAMPLE_REPO, EXAMPLE_FILES, { author: author(world), message: 'guestbook: hooks and sync waves' });
  return repo.resolveSync('HEAD');
}

/** The "someone pushed to git" step: scale the guestbook UI by one replica in a new commit. */
export async function commitExampleChange(world: Sandbox): Promise<{ sha: string; replicas: number }> {
  const git = argoCD(world).git;
  if (!git.list().includes(EXAMPLE_REPO)) throw new Error(`repository ${EXAMPLE_REPO} does not exist: add the example application first`);
  const repo = git.get(EXAMPLE_REPO);
  const current = repo.readFileSync('HEAD', DEPLOYMENT_FILE);
  const m = /replicas: (\d+)/.exec(current);
  const replicas = (m ? Number(m[1]) : 2) + 1;
  const sha = await repo.commit({ [DEPLOYMENT_FILE]: deploymentYaml(replicas) }, `guestbook-ui: scale to ${replicas} replicas`, author(world));
  return { sha, replicas };
}
