/** The permissions of one family's endpoints; no `view` means listing needs none. */
export interface FamilyPermissions {
  readonly view?: string | undefined;
  readonly add: string;
  readonly edit: string;
  readonly delete: string;
}

/** `{prefix}:view`, `:add`, `:edit`, `:delete`: the usual Genesys naming. */
export function crud(prefix: string): FamilyPermissions {
  return {
    view: `${prefix}:view`,
    add: `${prefix}:add`,
    edit: `${prefix}:edit`,
    delete: `${prefix}:delete`,
  };
}

/** One permission for every write, none to list (skills and languages: `routing:skill:manage`). */
export function manage(permission: string): FamilyPermissions {
  return { add: permission, edit: permission, delete: permission };
}

/** `{prefix}:add`, `:edit`, `:delete`, none to list (users, groups). */
export function writes(prefix: string): FamilyPermissions {
  return { add: `${prefix}:add`, edit: `${prefix}:edit`, delete: `${prefix}:delete` };
}
