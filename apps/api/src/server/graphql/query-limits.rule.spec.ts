import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits.rule';

const schema = buildSchema(`
  type Node { id: ID! name: String! child: Node children(first: Int): [Node!]! tags: [String!]! }
  type Edge { cursor: String! node: Node! }
  type Info { hasNextPage: Boolean! }
  type Connection { edges: [Edge!]! pageInfo: Info! }
  type Query { node: Node nodes(first: Int): [Node!]! all: [Node!]! page(first: Int = 5, after: String): Connection! }
`);
const rule = queryLimitsRule({ maxDepth: 5, maxComplexity: 100, maxPageSize: 50, maxRootFields: 100 });
const errors = (query: string) => validate(schema, parse(query), [rule]).map((e) => e.message);

describe('queryLimitsRule', () => {
  it('lets a query at the depth limit through', () => {
    expect(errors('{ node { child { child { child { id } } } } }')).toEqual([]);
  });

  it('refuses one level more, naming the depth and the limit', () => {
    expect(errors('query Deep { node { child { child { child { child { id } } } } } }')).toEqual([
      'The operation "Deep" is nested 6 levels deep; the limit is 5',
    ]);
  });

  it('counts depth through fragments and inline fragments', () => {
    const query = `
      { node { ...A } }
      fragment A on Node { child { ... on Node { child { ...B } } } }
      fragment B on Node { child { child { id } } }
    `;
    expect(errors(query)).toEqual(['The operation is nested 6 levels deep; the limit is 5']);
  });

  it('multiplies cost by the page size, literal or (at its maximum) variable', () => {
    expect(errors('{ nodes(first: 10) { id name } }')).toEqual([]); // 1 + 10 * 2
    expect(errors('{ nodes(first: 40) { id name child { id } } }')[0]).toMatch(/cost 161, the limit is 100/);
    expect(errors('query Q($n: Int) { nodes(first: $n) { id name } }')[0]).toMatch(/cost 101/);
  });

  it('counts a list without `first` at the maximum page size, not once', () => {
    expect(errors('{ all { id } }')).toEqual([]); // 1 + 50 * 1
    expect(errors('{ all { id name } }')[0]).toMatch(/cost 101, the limit is 100/);
    expect(errors('{ nodes(first: 2) { tags } }')).toEqual([]); // 1 + 2 * (1 + 0): a list of scalars
    expect(errors('{ node { tags child { id } } }')).toEqual([]);
  });

  it("counts a connection's default `first` when left out, and its edges once", () => {
    // 1 + 5 * (edges: 1 + 1 * (node: 1 + 2) + pageInfo: 1 + 1)
    expect(errors('{ page { edges { node { id name } } pageInfo { hasNextPage } } }')).toEqual([]);
    expect(errors('{ page(first: 20) { edges { node { id name child { id } } } } }')[0]).toMatch(/cost 121/); // 1 + 20 * (1 + (1 + 1 + 1 + 2));
  });

  it('refuses many aliases of a cheap field', () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: node { id }`).join(' ');
    expect(errors(`{ ${aliases} }`)[0]).toMatch(/too complex \(cost 120/);
  });

  it('bounds the root fields an operation selects, aliases and fragments included', () => {
    const strict = queryLimitsRule({ maxDepth: 5, maxComplexity: 10_000, maxPageSize: 50, maxRootFields: 3 });
    const check = (query: string) => validate(schema, parse(query), [strict]).map((e) => e.message);
    expect(
      check('{ a: node { id } b: node { id } __typename c: page(first: 1) { pageInfo { hasNextPage } } }'),
    ).toEqual([]);
    expect(check('{ node { id } node { id } node { id } }')).toEqual([]); // one response key: one resolver call
    expect(
      check(
        'query Many { a: node { id } b: node { id } ...R } fragment R on Query { c: all { id } d: all { id } }',
      ),
    ).toEqual([
      'The operation "Many" selects 4 root fields (aliases included); the limit is 3: send fewer aliases, or split it into several requests',
    ]);
  });

  it('does not loop on a fragment cycle', () => {
    const query = '{ node { ...A } } fragment A on Node { child { ...A } }';
    expect(() => errors(query)).not.toThrow();
  });
});

describe('queryLimitsRule with the API defaults', () => {
  it("lets graphql-js' standard introspection query through (tools and codegen use it)", () => {
    const defaults = queryLimitsRule({
      maxDepth: 15,
      maxComplexity: 5000,
      maxPageSize: 100,
      maxRootFields: 20,
    });
    expect(validate(schema, parse(getIntrospectionQuery()), [defaults])).toEqual([]);
  });
});
