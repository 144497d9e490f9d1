/** Node flags (NodeFlag): whether a node runs a hook or is a retry attempt. */
export interface NodeFlagLike {
  hooked?: boolean;
  retried?: boolean;
}
