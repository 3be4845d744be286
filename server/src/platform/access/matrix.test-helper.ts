/**
 * The cross-division matrix engine (T1). The platform knows the principals, the object divisions and how to check a
 * route; each module and each platform part states its routes' cases (and makes the objects they need) in a
 * `*.access-cases.test-helper.ts` file beside its code, found by file name: a new module adds its file and nothing in
 * the platform, and the inventory check fails while one of its non-public routes has no case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RoleCode } from '../../../../contracts/access.ts';
import { addUser, signIn, signInAdmin, type Agent, type TestApp } from '../../test/harness.ts';
import { permissionsOfRole } from './roles.ts';

/** Divisions objects are made in: the region, a league, two of its counties, 包头市 and its county, another league. */
export const OBJECT_DIVISIONS = ['150000', '150100', '150102', '150105', '150200', '150203', '152921'] as const;
/** The object divisions that are counties. */
export const COUNTY_DIVISIONS = ['150102', '150105', '150203', '152921'] as const;

export interface PrincipalSpec {
  name: string;
  role: RoleCode;
  division: string;
}

export const PRINCIPALS: readonly PrincipalSpec[] = [
  { name: 'region', role: 'region-officer', division: '150000' },
  /** The region role granted at a league (finding 5 of issue 9): its permissions, in the league's subtree only. */
  { name: 'region-hohhot', role: 'region-officer', division: '150100' },
  { name: 'league-hohhot', role: 'league-officer', division: '150100' },
  { name: 'league-baotou', role: 'league-officer', division: '150200' },
  { name: 'county-xincheng', role: 'county-officer', division: '150102' },
  { name: 'county-kundulun', role: 'county-officer', division: '150203' },
  { name: 'unit', role: 'unit-officer', division: '150000' },
  { name: 'enterprise', role: 'enterprise', division: '150102' },
  { name: 'farmer', role: 'farmer', division: '150102' },
  { name: 'sysadmin', role: 'sys-admin', division: '150000' },
  { name: 'secadmin', role: 'sec-admin', division: '150000' },
  { name: 'auditadmin', role: 'audit-admin', division: '150000' },
];

/** One try of a route: the object's division (null: the route names none) and its state, if the case has states. */
export interface At {
  division: string | null;
  state?: string;
}

/** What the engine knows when it decides whether a try must succeed (see RouteCase.allows). */
export interface AccessCheck extends At {
  /** The route's declared access rule. */
  permission: string;
  /** Whether the principal holds `permission` over `division` (null: anywhere). */
  can(permission: string, division: string | null): boolean;
  /** The standard answer: the route's permission over the object's division (over 150000 for `region` cases). */
  standard: boolean;
}

export interface RouteCase {
  /** Routes about the caller alone (covered by their own tests). */
  self?: boolean;
  /**
   * The route returns a list whose items carry divisionCode: checked for foreign rows per principal (and, with `at`,
   * also tried like any route).
   */
  list?: boolean;
  /** Where the route is tried: at each object division, at the given ones, or (default) once without a division. */
  at?: 'objects' | readonly string[];
  /** Object states tried in turn at each division (e.g. a run published, then unpublished). */
  states?: readonly string[];
  /** Makes the object of one try and returns the URL naming it (`url`: the case's url or the route's). */
  target?: (url: string, at: At) => Promise<string> | string;
  /**
   * The object belongs to the whole region: allowed only when the permission's scope covers 150000, not merely
   * somewhere (a region role granted at a league is refused). Tried once without a division.
   */
  region?: true;
  /** Replaces the standard expectation (e.g. an unpublished run exists only for its managers). */
  allows?: (check: AccessCheck) => boolean;
  /** The JSON body of one try (`n`: a fresh number). */
  body?: (division: string, n: number) => unknown;
  /** A raw (file) body for upload routes: CSV text (or bytes), POSTed. */
  raw?: (division: string, n: number) => string | Buffer;
  /** Content type of the raw body (default text/csv). */
  rawType?: string;
  /** A concrete URL for a route whose path parameter is not an id. */
  url?: string;
  /** Query parameters a list needs, for a principal of `division`. */
  query?: (division: string) => string;
  /** An `authenticated` list filtered by this permission: principals without it get 200 and an empty list. */
  emptyWithout?: string;
}

/** A pattern no response may carry except on routes guarded by `shownBy` (which must show it at least once). */
export interface Secret {
  name: string;
  pattern: RegExp;
  shownBy: string;
}

/** A module's (or platform part's) contribution to the matrix. */
export interface AccessCaseSet {
  /** Cases by route id (`METHOD /url` as in the route inventory); a route belongs to exactly one set. */
  cases: Readonly<Record<string, RouteCase>>;
  /** Makes the objects the cases need (after the principals have signed in, before any check). */
  setup?: () => Promise<void>;
  secrets?: readonly Secret[];
  /** Further checks of the module's own rules over every principal; each returns its failures. */
  checks?: readonly { name: string; run: () => Promise<string[]> }[];
}

/** What a case file receives: the app (once started), the signed-in principals and shared fixtures. */
export interface MatrixContext {
  /** The app under test; available from the first setup on. */
  readonly t: TestApp;
  /** A fresh number (names, phone numbers, periods). */
  next(): number;
  agent(name: string): Agent;
  /** Whether `p` holds `permission` over `division` (null: anywhere), by role and division subtree. */
  allowed(p: PrincipalSpec, permission: string, division: string | null): boolean;
  inScope(root: string, code: string | null): boolean;
  /** Ids of rows a case file made per object division, by kind, for other files' cases (e.g. `organisation`). */
  readonly rows: Map<string, ReadonlyMap<string, number>>;
}

export type AccessCases = (ctx: MatrixContext) => AccessCaseSet;

/** Declares a case file's contribution (export it as `accessCases`). */
export function defineAccessCases(cases: AccessCases): AccessCases {
  return cases;
}

/** The try's label in failure messages. */
export function atLabel(at: At): string {
  return `@${at.division}${at.state ? ` (${at.state})` : ''}`;
}

/** A read whose `?division=` names the object division (metrics, reports). */
export const byDivisionQuery: RouteCase = { at: 'objects', target: (url, at) => `${url}?division=${at.division}` };

const SERVER_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASE_FILE = /\.access-cases\.test-helper\.ts$/;

function caseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...caseFiles(full));
    else if (CASE_FILE.test(entry.name)) out.push(full);
  }
  return out.sort();
}

export interface Matrix {
  ctx: MatrixContext;
  /** Case files found, relative to server/src. */
  files: string[];
  sets: AccessCaseSet[];
  cases: ReadonlyMap<string, RouteCase>;
  /** Creates and signs in the principals (`t` started), then runs every set's setup in file order. */
  start(t: TestApp): Promise<void>;
}

/** Finds every case file under server/src and joins their cases; throws when two files claim one route. */
export async function loadMatrix(): Promise<Matrix> {
  let app: TestApp | null = null;
  const agents = new Map<string, Agent>();
  let parents = new Map<string, string | null>();
  let counter = 0;
  const inScope = (root: string, code: string | null): boolean => {
    let cur: string | null | undefined = code;
    while (cur) {
      if (cur === root) return true;
      cur = parents.get(cur);
    }
    return false;
  };
  const ctx: MatrixContext = {
    get t() {
      if (!app) throw new Error('the matrix has not started');
      return app;
    },
    next: () => ++counter,
    agent(name) {
      const agent = agents.get(name);
      if (!agent) throw new Error(`no principal ${name}`);
      return agent;
    },
    allowed(p, permission, division) {
      if (permission === 'authenticated') return true;
      if (!permissionsOfRole(p.role).includes(permission)) return false;
      return division === null || inScope(p.division, division);
    },
    inScope,
    rows: new Map(),
  };
  const files = caseFiles(SERVER_SRC);
  const sets: AccessCaseSet[] = [];
  const cases = new Map<string, RouteCase>();
  const owner = new Map<string, string>();
  for (const file of files) {
    const mod = (await import(file)) as { accessCases?: AccessCases };
    const rel = path.relative(SERVER_SRC, file);
    if (typeof mod.accessCases !== 'function') throw new Error(`${rel} exports no accessCases`);
    const set = mod.accessCases(ctx);
    sets.push(set);
    for (const [id, c] of Object.entries(set.cases)) {
      const other = owner.get(id);
      if (other) throw new Error(`${id} has cases in both ${other} and ${rel}`);
      owner.set(id, rel);
      cases.set(id, c);
    }
  }
  return {
    ctx,
    files: files.map((f) => path.relative(SERVER_SRC, f)),
    sets,
    cases,
    async start(t) {
      app = t;
      const rows = await t.db.db.selectFrom('division').select(['code', 'parent_code']).execute();
      parents = new Map(rows.map((r) => [r.code, r.parent_code]));
      for (const p of PRINCIPALS) {
        await addUser(t, { username: p.name, role: p.role, division: p.division });
        agents.set(
          p.name,
          ['sys-admin', 'sec-admin', 'audit-admin'].includes(p.role)
            ? await signInAdmin(t, p.name)
            : await signIn(t, p.name),
        );
      }
      for (const set of sets) await set.setup?.();
    },
  };
}
