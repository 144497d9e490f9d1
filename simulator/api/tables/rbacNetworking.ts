/** Printers for RBAC bindings and Ingresses (roles and cluster roles use the default Name / Created At). */
import { since } from './duration.js';
import { arr, col, rec, str } from './types.js';
import type { Printer, TableCell } from './types.js';

const AGE = col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

function bindingPrinter(): Printer {
  return {
    columns: [
      col('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.'),
      AGE,
      col('Users', 'string', 'Users in the roleBinding', 1),
      col('Groups', 'string', 'Groups in the roleBinding', 1),
      col('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', 1),
    ],
    cells(o, now): TableCell[] {
      const ref = rec(o.roleRef);
      const subjects = arr(o.subjects);
      const of = (kind: string): string =>
        subjects
          .filter((s) => s.kind === kind)
          .map((s) => (kind === 'ServiceAccount' ? `${str(s.namespace)}/${str(s.name)}` : str(s.name)))
          .join(', ');
      return [`${str(ref.kind)}/${str(ref.name)}`, since(rec(o.metadata).creationTimestamp, now), of('User'), of('Group'), of('ServiceAccount')];
    },
  };
}

export const roleBindingPrinter = bindingPrinter();

export const ingressPrinter: Printer = {
  columns: [
    col('Class', 'string', 'The name of the IngressClass resource that should be used.'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE,
  ],
  cells(o, now): TableCell[] {
    const spec = rec(o.spec);
    const hosts = arr(spec.rules).map((r) => str(r.host) || '*');
    const address = arr(rec(rec(o.status).loadBalancer).ingress).map((i) => str(i.ip) || str(i.hostname)).filter(Boolean);
    return [
      str(spec.ingressClassName) || '<none>',
      hosts.length > 0 ? hosts.join(',') : '*',
      address.join(','),
      arr(spec.tls).length > 0 ? '80, 443' : '80',
      since(rec(o.metadata).creationTimestamp, now),
    ];
  },
};
