import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits.rule';

const schema = buildSchema(`
  type Node { id: ID! name: String! child: Node children(first: Int): [Node!]! }
  type Query { node: Node nodes(first: Int): [Node!]! }
`);
const rule = queryLimitsRule({ maxDepth: 5, maxComplexity: 100, maxPageSize: 50 });
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

  it('refuses many aliases of a cheap field', () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: node { id }`).join(' ');
    expect(errors(`{ ${aliases} }`)[0]).toMatch(/too complex \(cost 120/);
  });

  it('does not loop on a fragment cycle', () => {
    const query = '{ node { ...A } } fragment A on Node { child { ...A } }';
    expect(() => errors(query)).not.toThrow();
  });
});

describe('queryLimitsRule with the API defaults', () => {
  it("lets graphql-js' standard introspection query through (tools and codegen use it)", () => {
    const defaults = queryLimitsRule({ maxDepth: 15, maxComplexity: 5000, maxPageSize: 100 });
    expect(validate(schema, parse(getIntrospectionQuery()), [defaults])).toEqual([]);
  });
});
