/** Printers for RBAC bindings and Ingresses (roles and cluster roles use the default Name / Created At). */
import { AGE, field, printer, spec, status } from './fields.js';
import { arr, col, rec, str } from './types.js';

type Obj = Record<string, unknown>;

/** Subjects of one kind, as `kubectl get rolebinding -o wide` lists them. */
function subjects(kind: string) {
  return (o: Obj): string =>
    arr(o.subjects)
      .filter((s) => s.kind === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${str(s.namespace)}/${str(s.name)}` : str(s.name)))
      .join(', ');
}

/** RoleBindings and ClusterRoleBindings print alike. */
export const roleBindingPrinter = printer([
  field(col('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'), (o) => {
    const ref = rec(o.roleRef);
    return `${str(ref.kind)}/${str(ref.name)}`;
  }),
  AGE,
  field(col('Users', 'string', 'Users in the roleBinding', 1), subjects('User')),
  field(col('Groups', 'string', 'Groups in the roleBinding', 1), subjects('Group')),
  field(col('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1), subjects('ServiceAccount')),
]);

export const ingressPrinter = printer([
  field(col('Class', 'string', 'The name of the IngressClass resource that should be used.'), (o) => str(spec(o).ingressClassName) || '<none>'),
  field(col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'), (o) => {
    const hosts = arr(spec(o).rules).map((r) => str(r.host) || '*');
    return hosts.length > 0 ? hosts.join(',') : '*';
  }),
  field(col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'), (o) =>
    arr(rec(status(o).loadBalancer).ingress)
      .map((i) => str(i.ip) || str(i.hostname))
      .filter(Boolean)
      .join(','),
  ),
  field(col('Ports', 'string', 'Ports of TLS configurations that open'), (o) => (arr(spec(o).tls).length > 0 ? '80, 443' : '80')),
  AGE,
]);
