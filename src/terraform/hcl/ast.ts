/** Offsets into the source; lines are computed on demand. */
export interface Span {
  readonly start: number;
}

/** A template part: literal text, an interpolation, or a directive. */
export type TemplatePart =
  | { readonly k: 'text'; readonly text: string }
  | { readonly k: 'interp'; readonly expr: Expr }
  | {
      readonly k: 'if';
      readonly cond: Expr;
      readonly then: readonly TemplatePart[];
      readonly else: readonly TemplatePart[];
    }
  | {
      readonly k: 'for';
      readonly keyVar: string | undefined;
      readonly valVar: string;
      readonly coll: Expr;
      readonly body: readonly TemplatePart[];
    };

/** An HCL expression. */
export type Expr = Span &
  (
    | { readonly k: 'lit'; readonly value: string | number | boolean | null }
    | { readonly k: 'template'; readonly parts: readonly TemplatePart[] }
    | { readonly k: 'var'; readonly name: string }
    | { readonly k: 'attr'; readonly obj: Expr; readonly name: string }
    | { readonly k: 'index'; readonly obj: Expr; readonly key: Expr }
    | {
        readonly k: 'splat';
        readonly obj: Expr;
        readonly each: readonly ({ k: 'attr'; name: string } | { k: 'index'; key: Expr })[];
      }
    | {
        readonly k: 'call';
        readonly name: string;
        readonly args: readonly Expr[];
        readonly expand: boolean;
      }
    | { readonly k: 'tuple'; readonly items: readonly Expr[] }
    | {
        readonly k: 'object';
        readonly items: readonly { readonly key: Expr; readonly value: Expr }[];
      }
    | { readonly k: 'cond'; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
    | { readonly k: 'unary'; readonly op: '!' | '-'; readonly expr: Expr }
    | { readonly k: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
    | {
        readonly k: 'for';
        readonly object: boolean;
        readonly keyVar: string | undefined;
        readonly valVar: string;
        readonly coll: Expr;
        readonly keyExpr: Expr | undefined;
        readonly valExpr: Expr;
        readonly cond: Expr | undefined;
        readonly group: boolean;
      }
    | { readonly k: 'paren'; readonly expr: Expr }
  );

/** `name = expr` in a body. */
export interface Attribute extends Span {
  readonly name: string;
  readonly expr: Expr;
}

/** `type "label" { ... }` in a body. */
export interface Block extends Span {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
}

/** The attributes and blocks of a file or a block. */
export interface Body {
  readonly attributes: ReadonlyMap<string, Attribute>;
  readonly blocks: readonly Block[];
}

/** A parsed file with the means to turn offsets into lines. */
export interface HclFile {
  readonly path: string;
  readonly body: Body;
  lineOf(offset: number): number;
}
